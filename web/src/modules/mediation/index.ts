export { MediationPage } from './MediationPage';
