import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Personal data at rest (phone, ID-card number): AES-256-GCM with a random IV per value, plus a keyed hash
 * for exact-match lookups without decrypting. Every server of one deployment needs the same key.
 */
export class FieldCipher {
  private readonly key: Buffer;
  private readonly hashKey: Buffer;

  constructor(secret: string) {
    this.key = crypto.createHash('sha256').update(`xiaoqu:enc:${secret}`).digest();
    this.hashKey = crypto.createHash('sha256').update(`xiaoqu:idx:${secret}`).digest();
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1.')) throw new Error('unknown cipher text version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for equality lookups (duplicate ID numbers, search by phone). */
  lookupHash(plain: string): string {
    return crypto.createHmac('sha256', this.hashKey).update(plain).digest('hex');
  }
}

/** The key: XIAOQU_SECRET, else a key file created once in the data directory. */
export function resolveSecret(secret: string | undefined, dataDir: string): string {
  if (secret && secret.length > 0) return secret;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const generated = crypto.randomBytes(32).toString('base64');
  fs.writeFileSync(file, generated, { mode: 0o600 });
  return generated;
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 540102199001011234 → 5401**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
