import { PassThrough, type Writable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';

// Large downloads (spreadsheets of a whole community) are written while they are read: rows come from the
// database in batches and go out through a streaming writer, so memory stays the size of a batch whatever the
// size of the export, and other requests get turns of the event loop between batches.

/**
 * Waits until `out` may take more (the client reads slower than the server writes) and lets the event loop run
 * other requests once. False when the response is gone (the client went away): the producer stops.
 */
export async function turn(out: Writable): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return false;
  if (out.writableNeedDrain) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
    });
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
  return !out.destroyed && !out.writableEnded;
}

/**
 * A stream to send as the response body, filled by `produce` after the headers go out. A failure half-way can
 * no longer become an error answer: it is logged and the download is cut, so the client sees an incomplete file.
 */
export function streamedBody(log: FastifyBaseLogger, produce: (out: PassThrough) => Promise<void>): PassThrough {
  const out = new PassThrough();
  setImmediate(() => {
    produce(out).catch((err: unknown) => {
      log.error({ err }, 'streamed export failed');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  return out;
}
