import type { FastifyRequest } from 'fastify';
import { DomainError, uploadMalformed, uploadMissing, uploadTooLarge } from './errors.ts';
import type { SheetLimits } from './sheetScan.ts';
import type { ZipLimits } from './zip.ts';

/**
 * Limits of every upload, checked before anything is expanded: the bytes on the wire (here, while the multipart
 * body is read), then what the file unpacks to and what it holds (in the sheet worker, while reading). A
 * spreadsheet is only ever parsed in a worker thread with its own small heap and a time limit, so the worst a
 * file can do is fail its own request.
 */
export const UPLOAD_LIMITS = {
  /** The file as sent (a work-order day or a compound's register is well under 1 MB). */
  maxBytes: 10 * 1024 * 1024,
  /** All parts of an .xlsx together once inflated. */
  maxUnpackedBytes: 32 * 1024 * 1024,
  /** Parts of an .xlsx (a workbook has about a dozen; pictures add one each). */
  maxEntries: 500,
  maxSheets: 20,
  /** Rows under the header; a compound's register or a month of hotline orders fits. */
  maxRows: 50_000,
  maxColumns: 256,
  /** Cells of all sheets together (the rows × columns that memory allows comfortably). */
  maxCells: 200_000,
  /** Excel's own limit for one cell. */
  maxCellChars: 32_767,
  /** Heap of the worker that reads a spreadsheet; the main process keeps its own. */
  workerHeapMb: 160,
  /** Wall time of one parse before the worker is stopped. */
  workerTimeoutMs: 30_000,
} as const;

export type UploadLimits = SheetLimits & ZipLimits & { maxBytes: number; workerHeapMb: number; workerTimeoutMs: number };

export interface UploadedFile {
  name: string;
  data: Buffer;
}

const MULTIPART_LIMITS = { files: 1, fields: 20, parts: 25, fieldSize: 64 * 1024, headerPairs: 50 };

/**
 * A multipart library error as a DomainError: too large is 413; anything else about the body (no boundary, cut
 * off before the closing boundary, broken part headers, a forbidden field name) is 400, never a 500.
 */
function multipartError(err: unknown, maxBytes: number): DomainError {
  if (err instanceof DomainError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return uploadTooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return uploadMalformed('Send one file and nothing else');
  const message = err instanceof Error ? err.message : 'unreadable body';
  return uploadMalformed(`The upload is not a complete multipart/form-data body (${message})`);
}

/**
 * The one file of a multipart request, read into memory up to `maxBytes` (larger is 413 while reading, never
 * after). Every upload route reads its file through here, so broken bodies get the same 400s everywhere.
 * Throws UPLOAD_MISSING_FILE (400: not multipart, or no file part named `field`), UPLOAD_MALFORMED (400) or
 * UPLOAD_TOO_LARGE (413).
 */
export async function readUploadedFile(request: FastifyRequest, opts: { field?: string; maxBytes?: number } = {}): Promise<UploadedFile> {
  const field = opts.field ?? 'file';
  const maxBytes = opts.maxBytes ?? UPLOAD_LIMITS.maxBytes;
  if (!request.isMultipart()) throw uploadMissing(field);
  try {
    const part = await request.file({ limits: { ...MULTIPART_LIMITS, fileSize: maxBytes }, throwFileSizeLimit: true });
    if (!part || part.fieldname !== field) throw uploadMissing(field);
    const data = await part.toBuffer();
    return { name: part.filename, data };
  } catch (err) {
    throw multipartError(err, maxBytes);
  }
}
