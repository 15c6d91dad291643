export { PeoplePage } from './PeoplePage';
export { HouseholdDrawer } from './HouseholdDrawer';
