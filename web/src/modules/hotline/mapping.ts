import { ApiError, validationIssues } from '../../app/api';
import { MAPPING_FIELDS, type Mapping, type MappingField, type RejectedOrder } from './types';

/**
 * Fields a source cannot do without. The server insists on the order number and the request text when saving;
 * the address it asks for only when importing (it decides the compound or building an order goes to), so a source
 * without it could never import: the form asks for it at once.
 */
export const REQUIRED_FIELDS: readonly MappingField[] = ['orderNo', 'body', 'address'];

/** Headers compare as the server compares them: without spaces (full-width ones too), in one Unicode form. */
const headerKey = (header: string): string => header.normalize('NFC').replace(/\s+/g, '');

/** The file's own spelling of a header, or undefined when the file has no such column. */
function inFile(header: string | undefined, headers: readonly string[]): string | undefined {
  if (!header?.trim()) return undefined;
  const key = headerKey(header);
  return headers.find((h) => headerKey(h) === key);
}

/**
 * The mapping to start from once a sample file is read: what the source maps already wherever the file still has
 * that column, else the server's guess, else nothing.
 */
export function startingMapping(headers: readonly string[], guessed: Mapping, current: Mapping = {}): Mapping {
  const mapping: Mapping = {};
  for (const field of MAPPING_FIELDS) {
    const header = inFile(current[field], headers) ?? inFile(guessed[field], headers);
    if (header !== undefined) mapping[field] = header;
  }
  return mapping;
}

/** The required fields without a column, in form order. */
export function missingFields(mapping: Mapping): MappingField[] {
  return REQUIRED_FIELDS.filter((field) => !mapping[field]?.trim());
}

/** The fields mapped to a column this file does not have (a sample of a changed export). */
export function absentColumns(mapping: Mapping, headers: readonly string[]): MappingField[] {
  return MAPPING_FIELDS.filter((field) => Boolean(mapping[field]?.trim()) && inFile(mapping[field], headers) === undefined);
}

/** The mapping as sent: headers trimmed, fields without a column left out. */
export function cleanMapping(mapping: Mapping): Mapping {
  const clean: Mapping = {};
  for (const field of MAPPING_FIELDS) {
    const header = mapping[field]?.trim();
    if (header) clean[field] = header;
  }
  return clean;
}

/** The headers to choose from: the sample's, or without a sample the ones the source maps now. */
export function headerChoices(sampleHeaders: readonly string[] | null, mapping: Mapping): string[] {
  if (sampleHeaders) return sampleHeaders.filter((h) => h.trim() !== '');
  return [...new Set(MAPPING_FIELDS.flatMap((field) => mapping[field]?.trim() || []))];
}

/** The rows of an IMPORT_REJECTED answer with their reasons, or null for any other error. */
export function rejectedOrdersOf(error: unknown): RejectedOrder[] | null {
  if (!(error instanceof ApiError) || error.code !== 'IMPORT_REJECTED') return null;
  const rejected = error.details?.rejected;
  if (!Array.isArray(rejected)) return [];
  return rejected.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { row, reasons } = entry as { row?: unknown; reasons?: unknown };
    if (typeof row !== 'number') return [];
    const list = Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
    return [{ row, reasons: list }];
  });
}

const isField = (value: string): value is MappingField => (MAPPING_FIELDS as readonly string[]).includes(value);

/** The fields a VALIDATION_FAILED answer blames (`mapping.address` …): the file lacks their column. */
export function mappingProblemsOf(error: unknown): MappingField[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  return validationIssues(error).flatMap((issue) => {
    const field = issue.path.startsWith('mapping.') ? issue.path.slice('mapping.'.length) : '';
    return isField(field) ? [field] : [];
  });
}

/** A reply-sheet period is fine when either end is open or it does not end before it starts. */
export function periodIsValid(from: string, to: string): boolean {
  return !from || !to || from <= to;
}
