import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: by function and by package or
// source file, self time only, as a share of the samples taken.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time outside JavaScript waiting for work: what the process could still have done. */
  idleShare: number;
  byFunction: Share[];
  byOrigin: Share[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas);
}

/** Where a frame's code comes from: a package of node_modules, a file of the repository, or a V8 bucket. */
export function originOf(url: string, functionName: string): string {
  if (!url) return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  const clean = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? clean);
  }
  if (clean.startsWith('node:')) return clean;
  const server = clean.indexOf('/server/');
  return server >= 0 ? clean.slice(server + 1) : clean;
}

/** A frame's file, shortened to what follows node_modules/ or the repository root. */
function fileOf(url: string): string {
  const clean = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const server = clean.indexOf('/server/');
  return server >= 0 ? clean.slice(server + 1) : clean;
}

function top(map: Map<string, number>, total: number, n: number): Share[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, share: us / total }));
}

export function summariseProfile(file: string, n = 25): ProfileSummary {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 CPU profile`);
  const nodes = new Map(parsed.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  let idle = 0;
  parsed.samples.forEach((id, i) => {
    const us = parsed.timeDeltas[i] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    total += us;
    if (frame.functionName === '(idle)') idle += us;
    const origin = originOf(frame.url, frame.functionName);
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${fileOf(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
  });
  return { totalMs: total / 1000, idleShare: total > 0 ? idle / total : 0, byFunction: top(byFunction, total, n), byOrigin: top(byOrigin, total, n) };
}

export function formatSummary(s: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const lines = [`profile: ${Math.round(s.totalMs)} ms sampled, idle ${pct(s.idleShare).trim()}`, '', 'self time by origin:'];
  for (const o of s.byOrigin) lines.push(`  ${pct(o.share)}  ${o.name}`);
  lines.push('', 'self time by function:');
  for (const f of s.byFunction) lines.push(`  ${pct(f.share)}  ${f.name}`);
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/profile.ts FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summariseProfile(file, Number(process.argv[3] ?? 25)))}\n`);
}
