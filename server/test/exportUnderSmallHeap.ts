// Run by org/export.api.test.ts in a child process with the heap `npm start` gives the server
// (node --max-old-space-size=192 --import tsx server/test/exportUnderSmallHeap.ts DATABASE_URL UNIT_ID OUT_FILE):
// exports a large node's register while asking /healthz again and again, and prints what it saw as JSON.
import fs from 'node:fs';
import { signIn, startTestApp } from './harness.ts';

const [databaseUrl, unitId, outFile] = process.argv.slice(2);
if (!databaseUrl || !unitId || !outFile) throw new Error('usage: exportUnderSmallHeap DATABASE_URL UNIT_ID OUT_FILE');

const t = await startTestApp({ databaseUrl, demo: false });
const session = await signIn(t.app, 'linqiong');
let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const sampler = setInterval(sample, 20);

let exporting = true;
const started = Date.now();
const exported = t.app.inject({ method: 'GET', url: `/api/v1/org/export.xlsx?unitId=${unitId}`, headers: { cookie: session.cookie } }).finally(() => {
  exporting = false;
});
// /healthz asked one after another for as long as the export runs: how many were answered meanwhile, and the longest wait.
let answeredDuringExport = 0;
let longestHealthzMs = 0;
while (exporting) {
  const asked = Date.now();
  const res = await t.app.inject({ method: 'GET', url: '/healthz' });
  const waited = Date.now() - asked;
  if (res.statusCode === 200 && exporting) {
    answeredDuringExport++;
    longestHealthzMs = Math.max(longestHealthzMs, waited);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const res = await exported;
clearInterval(sampler);
sample();
fs.writeFileSync(outFile, res.rawPayload);
await t.close();
console.log(JSON.stringify({ status: res.statusCode, bytes: res.rawPayload.length, exportMs: Date.now() - started, answeredDuringExport, longestHealthzMs, peakHeapMb: Math.round(peakHeap / 1024 / 1024) }));
