// The page loads on demand (router.tsx); the header bell is imported by the shell from ./NotificationBell, so
// the bell does not pull the webhooks page into the first download.
export { WebhooksPage } from './WebhooksPage';
