import type { Gender, Relation } from '../../app/types';

/** What the platform holds about one person (server/modules/privacy/schemas.ts PersonRecordT). */
export interface PersonRecord {
  generatedAt: string;
  resident: {
    id: number;
    name: string;
    gender: Gender;
    ethnicity: string;
    birthDate: string | null;
    relation: Relation;
    phone: string | null;
    idNumber: string | null;
    masked: boolean;
    isPartyMember: boolean;
  } | null;
  household: { id: number; label: string; compoundName: string; members: { id: number; name: string; relation: Relation; self: boolean }[] } | null;
  accounts: { id: number; username: string; displayName: string; createdAt: string; disabled: boolean }[];
  reports: {
    id: number;
    title: string;
    body: string;
    status: string;
    source: string;
    unitName: string;
    reporterName: string | null;
    reporterPhone: string | null;
    reply: string | null;
    rating: string | null;
    ratingComment: string | null;
    createdAt: string;
    closedAt: string | null;
  }[];
  mediationCases: { id: number; title: string; kind: string; status: string; role: string; agreedOn: string | null; createdAt: string }[];
  accesses: { at: string; by: string; action: string; self: boolean; purpose: string | null }[];
}

export interface AnonymiseResult {
  residentId: number;
  pseudonym: string;
}

/** How each kind of access reads to the person (keys of privacy.access). */
export const ACCESS_KEYS: Record<string, 'reveal' | 'export' | 'registerExport'> = {
  'resident.reveal': 'reveal',
  'privacy.export': 'export',
  'org.export': 'registerExport',
};
