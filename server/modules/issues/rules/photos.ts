import { DomainError } from '../../../core/errors.ts';

/**
 * Photos residents attach to a report (随手拍). A phone photo carries where it was taken (Exif GPS) and often the
 * phone's owner and model; a report is seen by grid workers, volunteers and sometimes the public, so every photo is
 * rewritten without its metadata before it is stored. The type is decided by the bytes, never by what the client
 * declares, and the container structure is walked so a truncated upload is refused instead of stored.
 *
 * Only the container is rewritten: pixels are never decoded or re-encoded, so the image looks exactly the same.
 */

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ascii(bytes: Buffer, start: number, length: number): string {
  return bytes.toString('latin1', start, start + length);
}

/** The image type by its magic bytes, or null when it is none of the accepted ones. */
export function sniffPhoto(bytes: Buffer): PhotoMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

const wrongType = (): DomainError => new DomainError('invalid', 'PHOTO_TYPE', 'Only JPEG, PNG and WebP photos can be attached');
const corrupt = (reason: string): DomainError =>
  new DomainError('invalid', 'PHOTO_CORRUPT', 'The photo is damaged or incomplete; please take or choose it again', { reason });

/**
 * The photo with location and other metadata removed. Throws PHOTO_TYPE (not a JPEG, PNG or WebP),
 * PHOTO_TOO_LARGE (over MAX_PHOTO_BYTES) or PHOTO_CORRUPT (truncated or malformed structure), all `invalid`.
 */
export function cleanPhoto(bytes: Buffer): { mime: PhotoMime; bytes: Buffer } {
  const mime = sniffPhoto(bytes);
  if (!mime) throw wrongType();
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new DomainError('invalid', 'PHOTO_TOO_LARGE', `A photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`, { maxBytes: MAX_PHOTO_BYTES, bytes: bytes.length });
  }
  switch (mime) {
    case 'image/jpeg':
      return { mime, bytes: cleanJpeg(bytes) };
    case 'image/png':
      return { mime, bytes: cleanPng(bytes) };
    case 'image/webp':
      return { mime, bytes: cleanWebp(bytes) };
    default: {
      const never: never = mime;
      return never;
    }
  }
}

// data:image/<subtype>[;param=value…];base64,<payload>: what a browser's FileReader.readAsDataURL produces.
const DATA_URL = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9.+-]+=[^;,]*)*;base64,([A-Za-z0-9+/]*={0,2})$/i;

/** The bytes of a `data:image/…;base64,…` URL. The declared subtype is not trusted: `cleanPhoto` sniffs the bytes. */
export function parseDataUrl(s: string): Buffer {
  const payload = DATA_URL.exec(s)?.[1];
  if (!payload || payload.length % 4 !== 0) {
    throw new DomainError('invalid', 'PHOTO_TYPE', 'A photo must be sent as a base64 data:image/… URL');
  }
  return Buffer.from(payload, 'base64');
}

// ---------------------------------------------------------------------------------------------------------------
// JPEG: a sequence of marker segments (FF xx, then a big-endian length that counts itself) up to SOS; after each
// SOS comes entropy-coded data in which FF is always followed by 00 (a stuffed byte) or a restart marker, so the
// next real marker is the first FF followed by anything else. A progressive JPEG has several scans, with tables
// (and possibly more APPn segments) between them; the image ends at EOI.

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const TEM = 0x01;

const isRestart = (marker: number): boolean => marker >= 0xd0 && marker <= 0xd7;
const isApp = (marker: number): boolean => marker >= 0xe0 && marker <= 0xef;

function startsWith(payload: Buffer, text: string): boolean {
  return payload.length >= text.length && ascii(payload, 0, text.length) === text;
}

/**
 * APPn segments that only tell a decoder how to show the pixels. Everything else goes: APP1 (Exif with GPS, XMP),
 * APP13 (IPTC/Photoshop), APP2 MPF (which points at further images appended after EOI), maker notes, and COM.
 */
function keepJpegApp(marker: number, payload: Buffer): boolean {
  if (marker === 0xe0) return startsWith(payload, 'JFIF\0');
  if (marker === 0xe2) return startsWith(payload, 'ICC_PROFILE\0');
  // Adobe's APP14 holds the colour transform flag: without it CMYK and some RGB JPEGs decode in the wrong colours.
  if (marker === 0xee) return startsWith(payload, 'Adobe');
  return false;
}

/** The index of the next marker's first FF after entropy-coded data starting at `from`. */
function endOfEntropyData(src: Buffer, from: number): number {
  let i = from;
  while (i + 1 < src.length) {
    if (src[i] !== 0xff) {
      i++;
      continue;
    }
    const next = src[i + 1];
    // FF FF is fill before a marker: the marker loop skips it.
    if (next === 0x00 || isRestart(next)) i += 2;
    else return i;
  }
  throw corrupt('JPEG image data ends without an end-of-image marker');
}

function cleanJpeg(src: Buffer): Buffer {
  const parts: Buffer[] = [src.subarray(0, 2)];
  let pos = 2;
  let scans = 0;
  for (;;) {
    if (pos >= src.length) throw corrupt('JPEG ends without an end-of-image marker');
    if (src[pos] !== 0xff) throw corrupt(`JPEG has no marker at byte ${pos}`);
    const start = pos;
    while (pos < src.length && src[pos] === 0xff) pos++;
    if (pos >= src.length) throw corrupt('JPEG ends inside a marker');
    const marker = src[pos];
    pos++;

    if (marker === EOI) {
      if (scans === 0) throw corrupt('JPEG has no image data');
      // Anything after EOI (MPF preview images with their own Exif, vendor trailers) is not part of the image.
      parts.push(src.subarray(start, pos));
      return Buffer.concat(parts);
    }
    if (marker === 0x00 || marker === SOI) throw corrupt(`JPEG has an unexpected marker at byte ${start}`);
    if (marker === TEM || isRestart(marker)) {
      parts.push(src.subarray(start, pos));
      continue;
    }

    if (pos + 2 > src.length) throw corrupt('JPEG ends inside a segment header');
    const length = src.readUInt16BE(pos);
    const end = pos + length;
    if (length < 2 || end > src.length) throw corrupt(`JPEG segment at byte ${start} is truncated`);
    const payload = src.subarray(pos + 2, end);
    pos = end;

    if (marker === COM || (isApp(marker) && !keepJpegApp(marker, payload))) continue;
    parts.push(src.subarray(start, end));
    if (marker === SOS) {
      scans++;
      const dataEnd = endOfEntropyData(src, pos);
      parts.push(src.subarray(pos, dataEnd));
      pos = dataEnd;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PNG: the signature, then chunks of length (big-endian), type, data and CRC, from IHDR to IEND.

/**
 * Ancillary chunks that change how the image is shown (colour, transparency, pixel size, animation). Any other
 * ancillary chunk is dropped: eXIf, tEXt, zTXt, iTXt, tIME and private chunks may all carry personal data, and
 * decoders must be able to ignore ancillary chunks anyway. Critical chunks (upper-case first letter) are kept.
 */
const PNG_DISPLAY_CHUNKS = new Set(['tRNS', 'cHRM', 'gAMA', 'iCCP', 'sBIT', 'sRGB', 'cICP', 'mDCv', 'cLLI', 'bKGD', 'hIST', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT']);

function isCritical(type: string): boolean {
  return type.charCodeAt(0) >= 0x41 && type.charCodeAt(0) <= 0x5a;
}

function cleanPng(src: Buffer): Buffer {
  const parts: Buffer[] = [src.subarray(0, 8)];
  let pos = 8;
  let hasData = false;
  for (;;) {
    if (pos + 12 > src.length) throw corrupt('PNG ends without an IEND chunk');
    const length = src.readUInt32BE(pos);
    const type = ascii(src, pos + 4, 4);
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type)) throw corrupt(`PNG chunk at byte ${pos} has an invalid type`);
    if (length > 0x7fffffff || end > src.length) throw corrupt(`PNG chunk ${type} is truncated`);
    if (pos === 8 && (type !== 'IHDR' || length !== 13)) throw corrupt('PNG does not start with an IHDR chunk');
    if (type === 'IDAT') hasData = true;
    if (isCritical(type) || PNG_DISPLAY_CHUNKS.has(type)) parts.push(src.subarray(pos, end));
    pos = end;
    if (type === 'IEND') {
      if (!hasData) throw corrupt('PNG has no image data');
      return Buffer.concat(parts);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// WebP: a RIFF container ("RIFF", little-endian size of what follows, "WEBP") of chunks: FourCC, little-endian
// size, data, and a padding byte when the size is odd. The extended format starts with VP8X, whose flags say
// whether EXIF and XMP chunks follow.

/** Chunks that make up the picture; EXIF, XMP and unknown chunks are dropped. */
const WEBP_IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function cleanWebp(src: Buffer): Buffer {
  const riffEnd = 8 + src.readUInt32LE(4);
  if (riffEnd < 12 || riffEnd > src.length) throw corrupt('WebP is truncated');
  const chunks: Buffer[] = [];
  let pos = 12;
  let hasImage = false;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw corrupt(`WebP chunk at byte ${pos} is truncated`);
    const fourcc = ascii(src, pos, 4);
    const size = src.readUInt32LE(pos + 4);
    const dataEnd = pos + 8 + size;
    if (dataEnd > riffEnd) throw corrupt(`WebP chunk ${JSON.stringify(fourcc)} is truncated`);
    if (pos === 12 && fourcc !== 'VP8 ' && fourcc !== 'VP8L' && fourcc !== 'VP8X') throw corrupt('WebP does not start with an image chunk');
    if (fourcc === 'VP8 ' || fourcc === 'VP8L' || fourcc === 'ANMF') hasImage = true;
    if (WEBP_IMAGE_CHUNKS.has(fourcc)) {
      // Copied, so the flags can change without touching the caller's buffer.
      const chunk = Buffer.alloc(8 + size + (size % 2));
      src.copy(chunk, 0, pos, dataEnd);
      if (fourcc === 'VP8X') {
        if (size < 10) throw corrupt('WebP VP8X chunk is too short');
        chunk[8] &= ~(VP8X_EXIF | VP8X_XMP);
      }
      chunks.push(chunk);
    }
    // Some writers leave out the padding byte of the last chunk; tolerate it, since the copy above re-adds it.
    pos = Math.min(dataEnd + (size % 2), riffEnd);
  }
  if (!hasImage) throw corrupt('WebP has no image data');
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + chunks.reduce((n, c) => n + c.length, 0), 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, ...chunks]);
}
