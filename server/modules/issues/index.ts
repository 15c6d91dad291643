import type { Module } from '../../core/module.ts';
import { issuesRoutes } from './routes.ts';

export { issuesPolicy } from './policy.ts';
export { prepareReport, reportIssue, type PreparedReport, type ReportInput, type ReportResult } from './commands/report.ts';
export type { Writer } from './commands/shared.ts';
export { runIssueTimers } from './commands/timers.ts';
export { allCategories, getIssue, getIssueByToken, eventsOf, photosOf, type IssueRow, type CategoryRow } from './queries.ts';
export {
  addressedIssueByTokenWithin,
  addressedIssueWithin,
  eventsOfMany,
  hotlineOrdersTaken,
  hotlineReplies,
  listAddressedIssuesWithin,
  type AddressedFilter,
  type AddressedIssueRow,
  type HotlineReplyFacts,
  type IssueEventRow,
} from './queries.ts';
export { presentCategory, presentPublic } from './present.ts';
export { anonymousFloods, floodIssues, type FloodGroup } from './floodQueries.ts';
export { mergeMany, rejectMany, type BulkItem, type BulkResult } from './commands/bulk.ts';
// For the privacy module: a person's reports, and erasure of the reporter on request.
export { closedReportsHoldingReporter, reportsOfPerson, type PersonReportRow } from './queries.ts';
export { anonymiseReporter, type ReporterErasure } from './commands/anonymiseReporter.ts';
export { seedIssueDefaults, seedIssuesDemo } from './seed.ts';
export { seedIssueStories } from './demo.ts';
export { NATURES, type Status } from './rules/lifecycle.ts';
export const issuesModule: Module = { name: 'issues', prefix: '/api/v1', routes: issuesRoutes };
