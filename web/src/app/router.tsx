import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { NotFound, RequireAuth, RequirePermission } from './guards';
import { HomeRedirect } from './HomeRedirect';
import { Shell } from './Shell';
import { LoginPage } from '../modules/auth';

// Pages load on demand so the login page does not pull in charts and tables.
const UnitPage = lazy(() => import('../modules/org').then((m) => ({ default: m.UnitPage })));
const PeoplePage = lazy(() => import('../modules/people').then((m) => ({ default: m.PeoplePage })));
const AccountsPage = lazy(() => import('../modules/accounts').then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => import('../modules/audit').then((m) => ({ default: m.AuditPage })));
const ImportsPage = lazy(() => import('../modules/imports').then((m) => ({ default: m.ImportsPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
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
      { path: '*', element: <NotFound /> },
    ],
  },
]);
