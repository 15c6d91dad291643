import { describe, expect, it } from 'vitest';
import { documentTokens, parseQuery, scopeToken, scopeTokens } from './search.ts';

describe('search tokens', () => {
  it('indexes Chinese as characters and neighbouring pairs, and Latin words and digits as lower-case words', () => {
    expect(documentTokens('3号楼漏水')).toEqual(['3', '号', '号楼', '楼', '楼漏', '漏', '漏水', '水']);
    expect(documentTokens('Hotline GD-2026-0115，电梯')).toEqual(['hotline', 'gd', '2026', '0115', '电', '电梯', '梯']);
  });

  it('indexes Tibetan as syllables split on tsheg and shad, in NFC', () => {
    expect(documentTokens('ཆུ་མཛོད་ནས་ཆུ་འཛག་གི་འདུག།')).toEqual(['ཆུ', 'མཛོད', 'ནས', 'འཛག', 'གི', 'འདུག']);
    // U+0F73 (the vowel sign ii) decomposes to U+0F71 U+0F72 under NFC: both spellings give one token.
    expect(documentTokens('\u0F40\u0F73')).toEqual(documentTokens('\u0F40\u0F71\u0F72'));
  });

  it('keeps each token once', () => {
    expect(documentTokens('水水', '水')).toEqual(['水', '水水']);
  });

  it('looks up a two-character Chinese word by its pair, a longer one by all its pairs and then as a substring', () => {
    expect(parseQuery('漏水')).toEqual({ terms: [{ tokens: ['漏水'], prefix: null, substring: null }] });
    expect(parseQuery('水箱溢水')).toEqual({ terms: [{ tokens: ['水箱', '箱溢', '溢水'], prefix: null, substring: '水箱溢水' }] });
    expect(parseQuery('水')).toEqual({ terms: [{ tokens: ['水'], prefix: null, substring: null }] });
  });

  it('looks up Tibetan syllables, and Latin words of two or more characters as prefixes', () => {
    expect(parseQuery('ཆུ་འཛག')).toEqual({ terms: [{ tokens: ['ཆུ'], prefix: null, substring: null }, { tokens: ['འཛག'], prefix: null, substring: null }] });
    expect(parseQuery('GD2026 电梯')?.terms).toEqual([
      { tokens: [], prefix: 'gd2026', substring: null },
      { tokens: ['电梯'], prefix: null, substring: null },
    ]);
  });

  it('refuses a query with nothing the index can narrow by', () => {
    expect(parseQuery('a')).toBeNull();
    expect(parseQuery('3')).toBeNull();
    expect(parseQuery('a 3 ，。!')).toBeNull();
    expect(parseQuery('  ')).toBeNull();
    expect(parseQuery('།')).toBeNull();
    // A single letter next to a word that narrows is kept as a whole-word token.
    expect(parseQuery('3 漏水')?.terms[0]).toEqual({ tokens: ['3'], prefix: null, substring: null });
  });

  it('scopes by the ids of the tree path', () => {
    expect(scopeTokens('/1/7/23/')).toEqual(['u1', 'u7', 'u23']);
    expect(scopeToken('/1/7/')).toBe('u7');
  });
});
