/** Only same-site paths are followed after login, so a crafted link cannot send the user elsewhere. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
  return next;
}
