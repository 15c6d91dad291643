// The resident's phone pages, reached from a building's QR code without an account. Kept apart from the
// staff pages so a phone on a weak signal loads neither tables nor charts.
export { PublicReportPage } from './PublicReportPage';
export { MyReportsPage } from './MyReportsPage';
