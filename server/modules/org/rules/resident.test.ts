import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './identity.ts';
import { cleanResident } from './resident.ts';

const today = '2026-11-27';

describe('cleanResident', () => {
  it('fills birth date and gender from the ID-card number', () => {
    const id = makeIdNumber('540102', '19800101', 7, 'female');
    const r = cleanResident({ name: ' 卓玛 ', idNumber: id }, today);
    expect(r).toEqual({ value: { name: '卓玛', gender: 'female', ethnicity: '汉族', birthDate: '1980-01-01', phone: null, idNumber: id, relation: 'member' } });
  });

  it('reports every bad field at once', () => {
    const r = cleanResident({ name: '', phone: '12345', idNumber: '540102198001010000', birthDate: '2030-01-01' }, today);
    expect('problems' in r && r.problems.map((p) => p.path).sort()).toEqual(['birthDate', 'gender', 'idNumber', 'name', 'phone']);
  });

  it('refuses a gender or birth date that contradicts the ID-card number', () => {
    const id = makeIdNumber('540102', '19800101', 7, 'female');
    const r = cleanResident({ name: '卓玛', idNumber: id, gender: 'male', birthDate: '1981-01-01' }, today);
    expect('problems' in r && r.problems.map((p) => p.path).sort()).toEqual(['birthDate', 'gender']);
  });

  it('normalises Tibetan names to NFC', () => {
    const decomposed = 'བཀྲ་ཤིས'.normalize('NFD');
    const r = cleanResident({ name: decomposed, gender: 'male', ethnicity: '藏族' }, today);
    expect('value' in r && r.value.name).toBe('བཀྲ་ཤིས'.normalize('NFC'));
  });
});
