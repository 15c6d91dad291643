import type { Id } from '../../app/types';

/** The fields of a 12345 work order, in the order staff read a hotline export. */
export const MAPPING_FIELDS = [
  'orderNo',
  'title',
  'body',
  'receivedAt',
  'dueAt',
  'address',
  'callerName',
  'callerPhone',
  'category',
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** Which column header of the source's file holds each field (server/modules/hotline/schemas.ts Mapping). */
export type Mapping = Partial<Record<MappingField, string>>;

export interface HotlineSource {
  id: Id;
  unitId: Id;
  unitName: string;
  name: string;
  mapping: Mapping;
  createdAt: string;
  updatedAt: string;
}

export interface SourceInput {
  name: string;
  mapping: Mapping;
}

/** `POST /hotline/preview`: the file's headers, a first guess at the mapping and the first rows as text. */
export interface Preview {
  headers: string[];
  guessed: Mapping;
  sample: string[][];
}

export interface HotlineImportResult {
  imported: number;
  /** Orders this source brought in before: skipped. */
  existing: number;
  /** Rows repeating an order number of an earlier row of the same file: skipped. */
  duplicatesInFile: number;
  total: number;
}

export interface RejectedOrder {
  /** The spreadsheet row: the header is row 1. */
  row: number;
  reasons: string[];
}

export interface ApiKey {
  id: Id;
  name: string;
  /** The start of the key, to tell keys apart; the key itself is shown once, when it is made. */
  prefix: string;
  unitId: Id;
  unitName: string;
  createdAt: string;
  revokedAt: string | null;
  actions: 'revoke'[];
}

export interface NewApiKey extends ApiKey {
  key: string;
}
