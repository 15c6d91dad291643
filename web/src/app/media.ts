import { useSyncExternalStore } from 'react';

/** The breakpoint below which the sider turns into a drawer (phones and small tablets). */
export const MOBILE_QUERY = '(max-width: 768px)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(MOBILE_QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(MOBILE_QUERY).matches,
    () => false,
  );
}
