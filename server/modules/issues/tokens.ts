import type { FieldCipher } from '../../core/crypto.ts';

// The address on a building's QR code: the building id with a keyed signature, so nobody can guess the page
// of a building they were not given (and printed sheets stay valid as long as the deployment's key).

const sign = (cipher: FieldCipher, id: number) => cipher.lookupHash(`qr:building:${id}`).slice(0, 16);

export const buildingToken = (cipher: FieldCipher, id: number): string => `${id}-${sign(cipher, id)}`;

/** The building id of a token, or null when the signature does not match. */
export function buildingOfToken(cipher: FieldCipher, token: string): number | null {
  const m = /^(\d{1,12})-([0-9a-f]{16})$/.exec(token);
  if (!m) return null;
  const id = Number(m[1]);
  return sign(cipher, id) === m[2] ? id : null;
}
