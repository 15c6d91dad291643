import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFound, PASSWORD_PATH, RequireAuth, RequirePermission } from './guards';
import { HomeRedirect } from './HomeRedirect';
import { Shell } from './Shell';
import { ChangePasswordPage, LoginPage } from '../modules/auth';

// Pages load on demand so the login page does not pull in charts and tables.
const UnitPage = lazy(() => import('../modules/org').then((m) => ({ default: m.UnitPage })));
const PeoplePage = lazy(() => import('../modules/people').then((m) => ({ default: m.PeoplePage })));
const AccountsPage = lazy(() => import('../modules/accounts').then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => import('../modules/audit').then((m) => ({ default: m.AuditPage })));
const ImportsPage = lazy(() => import('../modules/imports').then((m) => ({ default: m.ImportsPage })));
const MediationPage = lazy(() => import('../modules/mediation').then((m) => ({ default: m.MediationPage })));
const VolunteersPage = lazy(() => import('../modules/volunteers').then((m) => ({ default: m.VolunteersPage })));
const IssueQueuePage = lazy(() => import('../modules/issues').then((m) => ({ default: m.IssueQueuePage })));
const IssuePage = lazy(() => import('../modules/issues').then((m) => ({ default: m.IssuePage })));
const IssueReportPage = lazy(() => import('../modules/issues').then((m) => ({ default: m.ReportPage })));
const IssueSettingsPage = lazy(() => import('../modules/issues').then((m) => ({ default: m.SettingsPage })));
// The resident's phone pages need no account: outside RequireAuth, and loaded apart from the staff pages.
const PublicReportPage = lazy(() => import('../modules/issues/public').then((m) => ({ default: m.PublicReportPage })));
const MyReportsPage = lazy(() => import('../modules/issues/public').then((m) => ({ default: m.MyReportsPage })));
const WebhooksPage = lazy(() => import('../modules/notify').then((m) => ({ default: m.WebhooksPage })));
const HotlinePage = lazy(() => import('../modules/hotline').then((m) => ({ default: m.HotlinePage })));
const MyDataPage = lazy(() => import('../modules/privacy').then((m) => ({ default: m.MyDataPage })));
const Open311KeysPage = lazy(() => import('../modules/hotline').then((m) => ({ default: m.Open311KeysPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Outside the shell: while a password must be changed, the shell's own requests would all be refused.
  {
    path: PASSWORD_PATH,
    element: (
      <RequireAuth>
        <ChangePasswordPage />
      </RequireAuth>
    ),
  },
  { path: '/r/:token', element: <Suspense fallback={null}><PublicReportPage /></Suspense> },
  { path: '/my-reports', element: <Suspense fallback={null}><MyReportsPage /></Suspense> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'units/:id', element: <UnitPage /> },
      {
        path: 'people',
        element: (
          <RequirePermission permission="people.read">
            <PeoplePage />
          </RequirePermission>
        ),
      },
      {
        path: 'accounts',
        element: (
          <RequirePermission permission="accounts.manage">
            <AccountsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      {
        path: 'imports',
        element: (
          <RequirePermission permission="import.run">
            <ImportsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'mediation',
        element: (
          <RequirePermission permission="mediation.read">
            <MediationPage />
          </RequirePermission>
        ),
      },
      {
        path: 'volunteers',
        element: (
          <RequirePermission permission="volunteers.read">
            <VolunteersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'webhooks',
        element: (
          <RequirePermission permission="webhooks.manage">
            <WebhooksPage />
          </RequirePermission>
        ),
      },
      {
        path: 'hotline',
        element: (
          <RequirePermission permission="issues.import">
            <HotlinePage />
          </RequirePermission>
        ),
      },
      {
        path: 'open311-keys',
        element: (
          <RequirePermission permission="open311.keys">
            <Open311KeysPage />
          </RequirePermission>
        ),
      },
      // The queue checks issues.read or issues.report itself: residents see only what they reported.
      { path: 'issues', element: <IssueQueuePage /> },
      {
        path: 'issues/new',
        element: (
          <RequirePermission permission="issues.report">
            <IssueReportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'issues/settings',
        element: (
          <RequirePermission permission="issues.configure">
            <IssueSettingsPage />
          </RequirePermission>
        ),
      },
      { path: 'issues/:id', element: <IssuePage /> },
      // Every signed-in person may see what is held about them (PIPL 查阅).
      { path: 'me', element: <MyDataPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
