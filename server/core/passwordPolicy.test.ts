import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordPolicy.ts';

const code = (password: string, username = 'pubu') => passwordProblem(password, username)?.code ?? null;

describe('password policy', () => {
  it('refuses a password under ten characters, counting characters not bytes', () => {
    expect(code('Ab1-Ab1-A')).toBe('PASSWORD_TOO_SHORT');
    expect(code('扎西德勒扎西德勒扎1')).toBeNull();
  });

  it('refuses a password of one kind of character', () => {
    expect(code('abcdefghijkl')).toBe('PASSWORD_TOO_SIMPLE');
    expect(code('1234509876123')).toBe('PASSWORD_TOO_SIMPLE');
    expect(code('ABCDEFGHIJKL')).toBe('PASSWORD_TOO_SIMPLE');
    expect(code('abcdef-ghijkl')).toBeNull();
  });

  it('refuses a password containing the username, in any case', () => {
    expect(code('Pubu-2026-spring')).toBe('PASSWORD_CONTAINS_USERNAME');
    expect(code('my-basang-pass', 'BaSang')).toBe('PASSWORD_CONTAINS_USERNAME');
  });

  it('refuses the common passwords of Chinese keyboards and names, also with digits after them', () => {
    for (const pw of ['woaini1314', 'qwer123456', 'a123456789', 'Woaini1314', '1qaz2wsx3edc', 'zhangwei1990', 'Password2026!', 'tashidelek123']) {
      expect(code(pw)).toBe('PASSWORD_TOO_COMMON');
    }
  });

  it('accepts a long passphrase and the demo password', () => {
    expect(code('lhasa-river-morning')).toBeNull();
    expect(code('xiaoqu-demo', 'najin')).toBeNull();
  });
});
