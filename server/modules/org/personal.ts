import { maskIdNumber, maskPhone, type FieldCipher } from '../../core/crypto.ts';

export interface SealedPersonal {
  phone_enc: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  id_no_enc: string | null;
  id_no_masked: string | null;
  id_no_hash: string | null;
}

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
