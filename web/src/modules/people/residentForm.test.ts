import { describe, expect, it } from 'vitest';
import { changedFields, initialValues, newResident } from './residentForm';
import type { Resident } from '../../app/types';

const masked: Resident = {
  id: 7,
  householdId: 3,
  householdLabel: '1号楼 1-301',
  unitId: 12,
  name: '次仁卓玛',
  gender: 'female',
  ethnicity: '藏族',
  birthDate: '1985-06-12',
  phone: '139****0000',
  idNumber: '5401**********0021',
  masked: true,
  relation: 'owner',
  isPartyMember: false,
};

describe('resident form', () => {
  it('never pre-fills masked phone or ID numbers', () => {
    const initial = initialValues(masked);
    expect(initial.phone).toBeUndefined();
    expect(initial.idNumber).toBeUndefined();
  });

  it('sends only the fields the user changed', () => {
    const initial = initialValues(masked);
    const values = { ...initial, name: '次仁卓玛', relation: 'owner' as const, phone: '139 0891 1111' };
    expect(changedFields(values, initial)).toEqual({ phone: '13908911111' });
  });

  it('leaves empty optional fields out of a new resident', () => {
    expect(newResident({ name: ' 洛桑 ', relation: 'member', phone: '' }, '5')).toEqual({
      householdId: 5,
      name: '洛桑',
      relation: 'member',
    });
  });
});
