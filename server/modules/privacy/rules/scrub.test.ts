import { describe, expect, it } from 'vitest';
import { isPseudonym, pseudonymOf, scrubberFor } from './scrub.ts';

describe('scrubberFor', () => {
  const scrub = scrubberFor({ name: '隐私测试员', phone: '13900001111', idNumber: '54010219900101123X' }, pseudonymOf(7));

  it('replaces the name, however often it appears', () => {
    expect(scrub('隐私测试员说：隐私测试员家的灯坏了')).toBe('已匿名-7说：已匿名-7家的灯坏了');
  });

  it('replaces the phone also when typed with spaces or dashes', () => {
    expect(scrub('电话13900001111，或 139 0000 1111，或 139-0000-1111')).toBe('电话***，或 ***，或 ***');
  });

  it('replaces the ID number whatever the case of its check letter', () => {
    expect(scrub('身份证54010219900101123x')).toBe('身份证***');
  });

  it('leaves other text and other numbers alone', () => {
    expect(scrub('楼道灯不亮，请联系13900002222')).toBe('楼道灯不亮，请联系13900002222');
  });

  it('does not cut words with a one-character name', () => {
    expect(scrubberFor({ name: '李', phone: null, idNumber: null }, 'x')('李子树')).toBe('李子树');
  });

  it('knows its own pseudonym', () => {
    expect(isPseudonym('已匿名-7', 7)).toBe(true);
    expect(isPseudonym('已匿名-7', 8)).toBe(false);
  });
});
