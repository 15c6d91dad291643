import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.ts';
import { cleanPhoto, MAX_PHOTO_BYTES, parseDataUrl, sniffPhoto } from './photos.ts';

// Tiny images built by hand: only the container structure matters to the cleaner, so the pixel data is filler.

const bytes = (...parts: (number[] | string | Buffer)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'no error';
}

describe('JPEG', () => {
  const segment = (marker: number, ...payload: (number[] | string)[]): Buffer => {
    const body = bytes(...payload);
    return bytes([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff], body);
  };
  const SOI = bytes([0xff, 0xd8]);
  const EOI = bytes([0xff, 0xd9]);
  const JFIF = segment(0xe0, 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const EXIF = segment(0xe1, 'Exif\0\0MM\0*\0\0\0\x08', 'GPS', [0x00, 0x1d, 0x27, 0x1f]);
  const XMP = segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0', '<exif:GPSLatitude>29,39.2N</exif:GPSLatitude>');
  const IPTC = segment(0xed, 'Photoshop 3.0\x008BIM', [0x04, 0x04], 'Lhasa');
  const COMMENT = segment(0xfe, 'taken by Tashi, 13800000000');
  const ICC = segment(0xe2, 'ICC_PROFILE\0', [1, 1], 'fake profile');
  const ADOBE = segment(0xee, 'Adobe', [0, 100, 0, 0, 0, 0, 1]);
  const DQT = segment(0xdb, [0], new Array<number>(64).fill(1));
  const SOF = segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
  const DHT = segment(0xc4, [0x00], new Array<number>(16).fill(0), [0]);
  const SOS = segment(0xda, [1, 1, 0, 0, 63, 0]);
  // Stuffed FF 00 (here followed by E1, which must not be read as an APP1 marker) and a restart marker.
  const SCAN = bytes([0x12, 0xff, 0x00, 0xe1, 0x34, 0xff, 0xd0, 0x56, 0x78]);

  it('drops Exif, XMP, IPTC and comments and keeps everything else byte for byte', () => {
    const input = bytes(SOI, JFIF, EXIF, XMP, ICC, IPTC, COMMENT, ADOBE, DQT, SOF, DHT, SOS, SCAN, EOI);
    const out = cleanPhoto(input);
    expect(out.mime).toBe('image/jpeg');
    expect(out.bytes).toEqual(bytes(SOI, JFIF, ICC, ADOBE, DQT, SOF, DHT, SOS, SCAN, EOI));
    expect(out.bytes.includes('GPS')).toBe(false);
    expect(out.bytes.includes('Tashi')).toBe(false);
  });

  it('drops APP2 segments other than an ICC profile, and non-JFIF APP0', () => {
    const mpf = segment(0xe2, 'MPF\0', 'MM\0*');
    const jfxx = segment(0xe0, 'JFXX\0', [0x10]);
    const input = bytes(SOI, JFIF, jfxx, mpf, ICC, DQT, SOF, SOS, SCAN, EOI);
    expect(cleanPhoto(input).bytes).toEqual(bytes(SOI, JFIF, ICC, DQT, SOF, SOS, SCAN, EOI));
  });

  it('walks every scan of a progressive JPEG and drops metadata between scans', () => {
    const second = bytes([0x9a, 0xff, 0x00, 0xbc]);
    const input = bytes(SOI, DQT, SOF, DHT, SOS, SCAN, DHT, COMMENT, EXIF, SOS, second, EOI);
    expect(cleanPhoto(input).bytes).toEqual(bytes(SOI, DQT, SOF, DHT, SOS, SCAN, DHT, SOS, second, EOI));
  });

  it('cuts what follows the end of the image, such as an MPF preview carrying its own Exif', () => {
    const preview = bytes(SOI, EXIF, DQT, SOF, SOS, SCAN, EOI);
    const input = bytes(SOI, DQT, SOF, SOS, SCAN, EOI, preview);
    expect(cleanPhoto(input).bytes).toEqual(bytes(SOI, DQT, SOF, SOS, SCAN, EOI));
  });

  it('keeps fill bytes before a marker', () => {
    const input = bytes(SOI, [0xff], DQT, SOF, SOS, SCAN, [0xff], EOI);
    expect(cleanPhoto(input).bytes).toEqual(input);
  });

  it('refuses truncated and malformed files', () => {
    const whole = bytes(SOI, JFIF, EXIF, DQT, SOF, SOS, SCAN, EOI);
    expect(errorCode(() => cleanPhoto(whole.subarray(0, SOI.length + JFIF.length + 10)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(whole.subarray(0, whole.length - 2)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(bytes(SOI, JFIF, EOI)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(bytes(SOI, [0xff, 0xe1, 0x00, 0x01], SOS, SCAN, EOI)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(bytes(SOI, DQT, [0x00, 0x00], SOS, SCAN, EOI)))).toBe('invalid:PHOTO_CORRUPT');
  });

  it('accepts a photo of exactly the size limit and refuses one byte more', () => {
    const frame = bytes(SOI, DQT, SOF, SOS);
    const atLimit = bytes(frame, Buffer.alloc(MAX_PHOTO_BYTES - frame.length - 2, 0x55), EOI);
    expect(atLimit.length).toBe(MAX_PHOTO_BYTES);
    expect(cleanPhoto(atLimit).bytes.length).toBe(MAX_PHOTO_BYTES);
    const over = bytes(frame, Buffer.alloc(MAX_PHOTO_BYTES - frame.length - 1, 0x55), EOI);
    expect(errorCode(() => cleanPhoto(over))).toBe('invalid:PHOTO_TOO_LARGE');
  });
});

describe('PNG', () => {
  const SIGNATURE = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunk = (type: string, ...data: (number[] | string)[]): Buffer => {
    const body = bytes(type, ...data);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length - 4);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return bytes(length, body, crc);
  };
  const IHDR = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const PHYS = chunk('pHYs', [0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]);
  const IDAT = chunk('IDAT', [0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]);
  const IEND = chunk('IEND');
  const EXIF = chunk('eXIf', 'MM\0*\0\0\0\x08', 'GPS');
  const TEXT = chunk('tEXt', 'Author\0Tashi');
  const ITXT = chunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0<exif:GPSLatitude/>');
  const ZTXT = chunk('zTXt', 'Comment\0\0', [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
  const TIME = chunk('tIME', [0x07, 0xea, 11, 27, 10, 30, 0]);
  const PRIVATE = chunk('prVt', 'phone serial 1234');

  it('drops eXIf, text, time and private chunks and keeps the image chunks byte for byte', () => {
    const input = bytes(SIGNATURE, IHDR, EXIF, PHYS, TEXT, ITXT, ZTXT, TIME, PRIVATE, IDAT, IEND);
    const out = cleanPhoto(input);
    expect(out.mime).toBe('image/png');
    expect(out.bytes).toEqual(bytes(SIGNATURE, IHDR, PHYS, IDAT, IEND));
  });

  it('cuts bytes after IEND', () => {
    expect(cleanPhoto(bytes(SIGNATURE, IHDR, IDAT, IEND, 'GPS trailer')).bytes).toEqual(bytes(SIGNATURE, IHDR, IDAT, IEND));
  });

  it('refuses broken chunk framing', () => {
    const whole = bytes(SIGNATURE, IHDR, IDAT, IEND);
    expect(errorCode(() => cleanPhoto(whole.subarray(0, whole.length - IEND.length)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(whole.subarray(0, SIGNATURE.length + IHDR.length + 10)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(bytes(SIGNATURE, IDAT, IHDR, IEND)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(bytes(SIGNATURE, IHDR, IEND)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(bytes(SIGNATURE, IHDR, chunk('ID1T', 'x'), IDAT, IEND)))).toBe('invalid:PHOTO_CORRUPT');
  });
});

describe('WebP', () => {
  const chunk = (fourcc: string, ...data: (number[] | string)[]): Buffer => {
    const body = bytes(...data);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    return bytes(fourcc, size, body, body.length % 2 ? [0] : []);
  };
  const riff = (...chunks: Buffer[]): Buffer => {
    const body = bytes('WEBP', ...chunks);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    return bytes('RIFF', size, body);
  };
  // Flags: ICC (0x20) | alpha (0x10) | EXIF (0x08) | XMP (0x04); a 1×1 canvas.
  const vp8x = (flags: number) => chunk('VP8X', [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const ICCP = chunk('ICCP', 'fake profile');
  const ALPH = chunk('ALPH', [0, 0xff]);
  const VP8 = chunk('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01]); // odd size: padded
  const EXIF = chunk('EXIF', 'MM\0*\0\0\0\x08', 'GPS');
  const XMP = chunk('XMP ', '<exif:GPSLatitude>29,39.2N</exif:GPSLatitude>');

  it('drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size', () => {
    const input = riff(vp8x(0x3c), ICCP, ALPH, VP8, EXIF, XMP);
    const before = Buffer.from(input);
    const out = cleanPhoto(input);
    expect(out.mime).toBe('image/webp');
    expect(out.bytes).toEqual(riff(vp8x(0x30), ICCP, ALPH, VP8));
    expect(out.bytes.readUInt32LE(4)).toBe(out.bytes.length - 8);
    expect(input).toEqual(before);
  });

  it('drops unknown chunks and bytes after the RIFF container', () => {
    expect(cleanPhoto(bytes(riff(VP8, chunk('ZZZZ', 'owner')), 'trailer')).bytes).toEqual(riff(VP8));
  });

  it('leaves a simple lossless WebP unchanged', () => {
    const input = riff(chunk('VP8L', [0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11]));
    expect(cleanPhoto(input).bytes).toEqual(input);
  });

  it('refuses broken containers', () => {
    const whole = riff(vp8x(0x08), VP8, EXIF);
    expect(errorCode(() => cleanPhoto(whole.subarray(0, whole.length - 4)))).toBe('invalid:PHOTO_CORRUPT');
    const lying = Buffer.from(whole);
    lying.writeUInt32LE(1000, 12 + 4); // VP8X claims more bytes than the file has
    expect(errorCode(() => cleanPhoto(lying))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(riff(EXIF, VP8)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(riff(vp8x(0), EXIF)))).toBe('invalid:PHOTO_CORRUPT');
    expect(errorCode(() => cleanPhoto(riff(chunk('VP8X', [0, 0, 0]), VP8)))).toBe('invalid:PHOTO_CORRUPT');
  });
});

describe('file type', () => {
  it('is decided by the bytes alone', () => {
    expect(sniffPhoto(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPhoto(bytes('GIF89a', [1, 0, 1, 0]))).toBeNull();
    expect(sniffPhoto(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toBeNull();
    expect(sniffPhoto(bytes('RIFF', [4, 0, 0, 0], 'WAVE'))).toBeNull();
    expect(sniffPhoto(Buffer.alloc(0))).toBeNull();
  });

  it('refuses anything but JPEG, PNG and WebP, before looking at the size', () => {
    expect(errorCode(() => cleanPhoto(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe('invalid:PHOTO_TYPE');
    expect(errorCode(() => cleanPhoto(Buffer.alloc(MAX_PHOTO_BYTES + 1)))).toBe('invalid:PHOTO_TYPE');
  });
});

describe('parseDataUrl', () => {
  const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

  it('decodes a base64 image data URL, with or without parameters', () => {
    expect(parseDataUrl(`data:image/png;base64,${png.toString('base64')}`)).toEqual(png);
    expect(parseDataUrl(`data:image/jpeg;name=IMG_0001.jpg;base64,${png.toString('base64')}`)).toEqual(png);
  });

  it('does not trust the declared type', () => {
    expect(sniffPhoto(parseDataUrl(`data:image/jpeg;base64,${png.toString('base64')}`))).toBe('image/png');
  });

  it('refuses malformed URLs', () => {
    const b64 = png.toString('base64');
    for (const s of [
      '',
      b64,
      `data:text/plain;base64,${b64}`,
      `data:image/png,${b64}`,
      'data:image/png;base64,',
      'data:image/png;base64,iVBO$w0K',
      'data:image/png;base64,iVBORw0',
      `data:image/png;base64,${b64}\n`,
    ]) {
      expect(errorCode(() => parseDataUrl(s)), JSON.stringify(s)).toBe('invalid:PHOTO_TYPE');
    }
  });
});
