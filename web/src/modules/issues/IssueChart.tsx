// The issue figures (status and rating pies, the monthly trend) are drawn by the app's one chart component.
export { Chart as IssueChart, type ChartOption as IssueChartOption } from '../org/Chart';
