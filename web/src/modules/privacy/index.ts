export { MyDataPage } from './MyDataPage';
export { ResidentPrivacyActions } from './ResidentPrivacyActions';
