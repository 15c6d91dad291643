/** What the issues module announces to outgoing webhooks; `*` subscribes to all of them. */
export const WEBHOOK_EVENTS = ['issue.reported', 'issue.assigned', 'issue.resolved', 'issue.overdue', 'issue.supervised', 'issue.rated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const ALL_EVENTS = '*';
/** The event of a delivery sent from the settings page to check the address. */
export const TEST_EVENT = 'webhook.test';

/** Stored as one comma-separated column; `*` alone stands for every event, present and future. */
export function formatEvents(events: readonly string[]): string {
  const unique = [...new Set(events)];
  if (unique.includes(ALL_EVENTS)) return ALL_EVENTS;
  return WEBHOOK_EVENTS.filter((e) => unique.includes(e)).join(',');
}

export function parseEvents(column: string): string[] {
  return column.split(',').map((e) => e.trim()).filter(Boolean);
}

export function subscribes(column: string, event: string): boolean {
  const events = parseEvents(column);
  return events.includes(ALL_EVENTS) || events.includes(event);
}

/**
 * Why a webhook address cannot be used, or null. Only http and https: other schemes (file:, data:, ftp:)
 * would make the server read or send something else entirely. Credentials in the address are refused because
 * the address is shown to every manager of the unit and written to the delivery log.
 */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid address';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http:// and https:// addresses can receive webhooks';
  if (!url.hostname) return 'the address has no host';
  if (url.username || url.password) return 'the address must not contain a user name or password';
  return null;
}

/**
 * The address with its query values hidden, for the audit log: a chat robot's address carries its secret key
 * (`…/send?key=…`), and whoever has it can post into the group.
 */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
    return url.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return '***';
  }
}

/** What the audit log keeps of a webhook: everything but the robot key in the address. */
export function auditedWebhook(w: { name: string; url: string; events: string; enabled: number }) {
  return { name: w.name, url: maskUrl(w.url), events: parseEvents(w.events), enabled: Boolean(w.enabled) };
}

/** The node itself and every ancestor: "/1/7/23/" → ["/1/", "/1/7/", "/1/7/23/"]. */
export function selfAndAncestors(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}
