import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../app/api';
import { useCursorList } from '../../app/cursorList';
import type { Account, Id, Language, Role } from '../../app/types';

const ACCOUNTS = ['accounts'] as const;
const accountPath = (id: Id) => `/accounts/${encodeURIComponent(String(id))}`;

export function useAccounts(q: string | undefined) {
  return useCursorList<Account>(ACCOUNTS, '/accounts', { q });
}

function useAccountMutation<V>(send: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS }),
  });
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  language: Language;
}

export function useCreateAccount() {
  return useAccountMutation((input: NewAccount) => apiSend<Account>('POST', '/accounts', input));
}

export function useUpdateAccount() {
  return useAccountMutation(
    ({ id, changes }: { id: Id; changes: { displayName?: string; password?: string; disabled?: boolean } }) =>
      apiSend<Account>('PATCH', accountPath(id), changes),
  );
}

export function useGrantRole() {
  return useAccountMutation(({ id, role, unitId }: { id: Id; role: Role; unitId: number }) =>
    apiSend<Account>('POST', `${accountPath(id)}/grants`, { role, unitId }),
  );
}

export function useRevokeGrant() {
  return useAccountMutation(({ id, grantId }: { id: Id; grantId: Id }) =>
    apiSend<Account>('DELETE', `${accountPath(id)}/grants/${encodeURIComponent(String(grantId))}`),
  );
}
