import type { ResidentTable } from '../../db/schema.ts';
import { maskIdNumber, maskPhone, type FieldCipher } from '../../core/crypto.ts';

export type SealedPersonal = Pick<ResidentTable, 'phone_enc' | 'phone_masked' | 'phone_hash' | 'id_no_enc' | 'id_no_masked' | 'id_no_hash'>;

/** Phone and ID number as stored: encrypted, masked for display, and a keyed hash for exact lookups. */
export function sealPersonal(cipher: FieldCipher, phone: string | null, idNumber: string | null): SealedPersonal {
  return {
    phone_enc: phone ? cipher.encrypt(phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
    phone_hash: phone ? cipher.lookupHash(phone) : null,
    id_no_enc: idNumber ? cipher.encrypt(idNumber) : null,
    id_no_masked: idNumber ? maskIdNumber(idNumber) : null,
    id_no_hash: idNumber ? cipher.lookupHash(idNumber) : null,
  };
}
