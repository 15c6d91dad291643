export { HotlinePage } from './HotlinePage';
export { Open311KeysPage } from './Open311KeysPage';
