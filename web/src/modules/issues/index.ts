// 难点问题解在小区: the staff side. The resident's pages (no account) load from ./public.
export { IssueQueuePage } from './IssueQueuePage';
export { IssuePage } from './IssuePage';
export { ReportPage } from './ReportPage';
export { SettingsPage } from './SettingsPage';
export { IssuesPanel } from './IssuesPanel';
export { useIssuePlan } from './api';
export { TileOverdueMark } from './TileOverdueMark';
