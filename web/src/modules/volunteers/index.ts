export { VolunteersPage } from './VolunteersPage';
