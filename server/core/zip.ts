import zlib from 'node:zlib';

/**
 * A careful reader of ZIP archives (what .xlsx files are), for uploads: everything a declared size or count says
 * is checked against limits before anything is inflated, and the inflated bytes are counted while inflating, so
 * a small file that claims little and unpacks to a lot (a "zip bomb") is stopped at the limit, not at the end.
 * Only what an .xlsx needs is accepted: one disk, no ZIP64, stored or deflated entries, no encryption.
 */

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Bytes of all entries together once inflated. */
  maxUnpackedBytes: number;
}

/** Why an archive is refused: `entries` and `unpacked` are limits, `unreadable` is a broken or unusual archive. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: 'entries' | 'unpacked' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;

const unreadable = (why: string) => new ZipRefused('unreadable', `Not a readable ZIP archive: ${why}`);

function findEndOfCentralDirectory(buf: Buffer): number {
  // The record is the last thing in the file, followed only by a comment of at most 65,535 bytes.
  const lowest = Math.max(0, buf.length - EOCD_SIZE - 0xffff);
  for (let i = buf.length - EOCD_SIZE; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === EOCD && i + EOCD_SIZE + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  throw unreadable('no end of central directory');
}

/** The entries of an archive, inflated, in central-directory order. Throws ZipRefused. */
export function unzip(buf: Buffer, limits: ZipLimits): Map<string, Buffer> {
  if (buf.length < EOCD_SIZE) throw unreadable('too short');
  const end = findEndOfCentralDirectory(buf);
  const entries = buf.readUInt16LE(end + 10);
  // The declared count is checked first: it is what a crafted file inflates to make a reader allocate.
  if (entries > limits.maxEntries) throw new ZipRefused('entries', `The archive declares ${entries} entries; at most ${limits.maxEntries} are read`);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 6) !== 0 || buf.readUInt16LE(end + 8) !== entries) throw unreadable('split archives are not supported');
  if (cdOffset + cdSize > end) throw unreadable('central directory out of bounds');

  interface Entry {
    name: string;
    method: number;
    compressed: number;
    size: number;
    dataStart: number;
  }
  const list: Entry[] = [];
  let declared = 0;
  let pos = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (pos + 46 > cdOffset + cdSize || buf.readUInt32LE(pos) !== CENTRAL) throw unreadable(`central directory entry ${n} is broken`);
    const flags = buf.readUInt16LE(pos + 8);
    const method = buf.readUInt16LE(pos + 10);
    const compressed = buf.readUInt32LE(pos + 20);
    const size = buf.readUInt32LE(pos + 24);
    const nameLength = buf.readUInt16LE(pos + 28);
    const next = pos + 46 + nameLength + buf.readUInt16LE(pos + 30) + buf.readUInt16LE(pos + 32);
    const local = buf.readUInt32LE(pos + 42);
    if (next > cdOffset + cdSize) throw unreadable(`central directory entry ${n} is truncated`);
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLength);
    pos = next;
    if (flags & 0x1) throw unreadable(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw unreadable(`${name} uses compression method ${method}`);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw unreadable('ZIP64 is not supported');
    declared += size;
    if (declared > limits.maxUnpackedBytes) throw new ZipRefused('unpacked', `The archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
    if (local + 30 > cdOffset || buf.readUInt32LE(local) !== LOCAL) throw unreadable(`${name} has no local header`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressed > cdOffset) throw unreadable(`${name} runs past the central directory`);
    list.push({ name, method, compressed, size, dataStart });
  }

  const out = new Map<string, Buffer>();
  let budget = limits.maxUnpackedBytes;
  for (const e of list) {
    if (out.has(e.name)) throw unreadable(`${e.name} appears twice`);
    const raw = buf.subarray(e.dataStart, e.dataStart + e.compressed);
    let data: Buffer;
    if (e.method === 0) {
      data = raw;
    } else {
      try {
        // Inflation stops as soon as the output passes what is left of the budget, whatever the header said.
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if (err instanceof RangeError) throw new ZipRefused('unpacked', `The archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
        throw unreadable(`${e.name} does not inflate`);
      }
    }
    if (data.length !== e.size) throw unreadable(`${e.name} is ${data.length} bytes, not the ${e.size} its header says`);
    if (data.length > budget) throw new ZipRefused('unpacked', `The archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
    budget -= data.length;
    out.set(e.name, data);
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(data: Buffer): number {
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ (data[i] ?? 0)) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * An archive of the given entries, stored or deflated. Used to hand a spreadsheet library exactly the bytes that
 * were checked (so it never inflates anything it was not shown), and by the tests to build hostile files.
 */
export function zip(entries: Iterable<[string, Buffer]>, opts: { deflate?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const body = opts.deflate ? zlib.deflateRawSync(data, { level: 9 }) : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(opts.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(opts.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
    count++;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(EOCD_SIZE);
  eocd.writeUInt32LE(EOCD, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
