import type { Policy, Role } from '../../core/policy.ts';
import { orgPolicy } from '../org/index.ts';

/** Who may fulfil a person's rights under PIPL (个人信息保护法) for someone else; anything not listed is denied. */
export type PrivacyAction = 'privacy.export' | 'privacy.anonymise';

const both = (a: readonly Role[], b: readonly Role[]): Role[] => a.filter((r) => b.includes(r));

export const privacyPolicy: Policy<PrivacyAction> = {
  // 查阅复制 / 可携: the full record holds the numbers in clear, so only who may reveal them may export it.
  'privacy.export': orgPolicy['people.reveal'],
  // 删除: changes the register and needs the numbers to find the person's free-text traces.
  'privacy.anonymise': both(orgPolicy['people.write'], orgPolicy['people.reveal']),
};

// Seeing one's own record needs no role: any signed-in account may read what is held about its own person.
