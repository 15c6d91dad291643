import { Worker } from 'node:worker_threads';
import { DomainError, uploadTooComplex } from './errors.ts';
import type { Sheet, SheetKind, WorkerAnswer, WorkerRequest } from './sheetWorker.ts';
import { UPLOAD_LIMITS, type UploadLimits } from './uploads.ts';

export type { Sheet, SheetKind, SheetRow } from './sheetWorker.ts';

// Uploaded spreadsheets are read in worker threads with their own small heap and a time limit: a file that would
// take more memory or time than allowed ends its worker, and its own request gets a 422; the server's heap and
// event loop never see the unpacking. Starting a worker costs a second or two (it loads TypeScript and exceljs),
// so a finished worker waits a while for the next upload before it is stopped.

const WORKER_ENTRY = new URL('./sheetWorker.mjs', import.meta.url);
/** Workers reading at once; more uploads wait their turn, so a burst of them cannot add up to a large heap. */
const MAX_WORKERS = 2;
/** How long an idle worker is kept for the next upload. */
const IDLE_MS = 60_000;

interface PooledWorker {
  worker: Worker;
  heapMb: number;
  idleTimer: NodeJS.Timeout | null;
}

const idle: PooledWorker[] = [];
let running = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

async function slot(): Promise<() => void> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function startWorker(heapMb: number): PooledWorker {
  const worker = new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 } });
  // An idle worker must not keep the process alive at shutdown.
  worker.unref();
  const pooled: PooledWorker = { worker, heapMb, idleTimer: null };
  // A worker that ends while idle leaves the pool; its error (if any) was already given to the upload it served.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    const i = idle.indexOf(pooled);
    if (i >= 0) idle.splice(i, 1);
  });
  return pooled;
}

function takeWorker(heapMb: number): PooledWorker {
  const i = idle.findIndex((w) => w.heapMb === heapMb);
  if (i < 0) return startWorker(heapMb);
  const [pooled] = idle.splice(i, 1);
  if (!pooled) return startWorker(heapMb);
  if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
  pooled.idleTimer = null;
  return pooled;
}

function giveBack(pooled: PooledWorker): void {
  pooled.idleTimer = setTimeout(() => {
    const i = idle.indexOf(pooled);
    if (i >= 0) idle.splice(i, 1);
    void pooled.worker.terminate();
  }, IDLE_MS);
  pooled.idleTimer.unref();
  idle.push(pooled);
}

function runInWorker(kind: SheetKind, data: Buffer, limits: UploadLimits): Promise<Sheet> {
  const pooled = takeWorker(limits.workerHeapMb);
  const { worker } = pooled;
  // A copy the worker owns: the upload's buffer may share memory with others.
  const bytes = new Uint8Array(data);
  const request: WorkerRequest = { id: nextId++, kind, data: bytes, limits };
  return new Promise<Sheet>((resolve, reject) => {
    const done = (reusable: boolean, fn: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) giveBack(pooled);
      else void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => done(false, () => reject(uploadTooComplex(`Reading the file took longer than ${limits.workerTimeoutMs / 1000} s`))), limits.workerTimeoutMs);
    const onMessage = (answer: WorkerAnswer) => {
      if (answer.id !== request.id) return;
      if (answer.ok) done(true, () => resolve(answer.sheet));
      else done(true, () => reject(new DomainError(answer.error.kind, answer.error.code, answer.error.message, answer.error.details)));
    };
    const onError = (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') done(false, () => reject(uploadTooComplex('Reading the file needed more memory than an upload may use')));
      else done(false, () => reject(err));
    };
    const onExit = (code: number) => done(false, () => reject(new Error(`The sheet worker stopped (exit code ${code}) without an answer`)));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request, [bytes.buffer]);
  });
}

/**
 * The first sheet of an uploaded .xlsx, or a CSV file, read off the main thread within `limits`. Throws
 * DomainError: UPLOAD_UNPACKED_TOO_LARGE (413), UPLOAD_TOO_MANY_* / UPLOAD_CELL_TOO_LONG / UPLOAD_UNREADABLE /
 * UPLOAD_TOO_COMPLEX (422), or the CSV reader's VALIDATION_FAILED (400).
 */
export async function readSpreadsheet(kind: SheetKind, data: Buffer, limits: UploadLimits = UPLOAD_LIMITS): Promise<Sheet> {
  const release = await slot();
  try {
    return await runInWorker(kind, data, limits);
  } finally {
    release();
  }
}
