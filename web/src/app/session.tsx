import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiSend, setUnauthenticatedHandler } from './api';
import { setLanguage } from '../i18n';
import type { Language, Me } from './types';

const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await apiGet<Me>('/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Forgets everything cached for the previous user; `me` becomes null, which sends the shell to /login. */
function endSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

/** Keeps the session and the UI language in step with the server; mounted once at the root. */
export function SessionSync() {
  const queryClient = useQueryClient();
  const { data: me } = useMeQuery();
  const savedLanguage = me?.language;

  useEffect(() => {
    setUnauthenticatedHandler(() => endSession(queryClient));
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  useEffect(() => {
    // The account's saved language is the user's own choice and wins over this browser's last one.
    if (savedLanguage) setLanguage(savedLanguage);
  }, [savedLanguage]);

  return null;
}

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user; only valid below the authenticated shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside the authenticated shell');
  return me;
}

export function useCan(): (permission: string) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    /** `language`: chosen on the login page; it becomes the account's saved language. */
    mutationFn: async ({ language, ...credentials }: { username: string; password: string; language?: Language }) => {
      const me = await apiSend<Me>('POST', '/auth/login', credentials);
      return language && language !== me.language ? apiSend<Me>('PATCH', '/me', { language }) : me;
    },
    onSuccess: (me) => {
      endSession(queryClient);
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

/**
 * Signs out and reloads the login page: a fresh page guarantees nothing of this user (personal data in the
 * query cache included) stays in memory for whoever uses the browser next.
 */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiSend<null>('POST', '/auth/logout'),
    onSuccess: () => window.location.assign('/login'),
  });
}

/** Changes one's own password; the server ends the account's other sessions and clears the must-change mark. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => apiSend<Me>('POST', '/auth/password', input),
    onSuccess: (me) => queryClient.setQueryData(ME_KEY, me),
  });
}

export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => apiSend<Me>('PATCH', '/me', { language }),
    onSuccess: (me) => queryClient.setQueryData(ME_KEY, me),
  });
}
