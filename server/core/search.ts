import { invalid } from './errors.ts';

// Search tokens, computed by the application and indexed by the database (FTS5 on SQLite, a GIN index over a
// tsvector on PostgreSQL). Neither database's own tokenizer fits the text people type here: SQLite's trigram
// tokenizer cannot match the two-character Chinese words that are most searches (漏水, 电梯), PostgreSQL's
// pg_trgm has the same three-character floor, and its text parser treats CJK as non-word characters in many
// locales. So the rule lives here, once, for both databases and for the migration that fills the index:
//
// - Chinese (Han) runs: every character and every pair of neighbouring characters (漏水管 → 漏 水 管 漏水 水管).
//   A query of one character looks up that character, of two or more its pairs, all of which must be present;
//   a query of three or more characters is then checked as a substring on the few candidates.
// - Tibetan: syllables, split on the tsheg (་) and the shad (།) and other Tibetan punctuation, in NFC.
// - Latin letters and digits: lower-case words. A query word of two or more characters matches as a prefix
//   (an order number typed halfway, "zha" for Zhang); a single letter or digit only as a whole word.
//
// A query with nothing an index can look up (only punctuation, or only single letters and digits) is refused
// rather than answered by scanning the rows.

/** A search term: all of its tokens must be present; `prefix` is a word matched as a prefix. */
export interface SearchTerm {
  tokens: string[];
  prefix: string | null;
  /** Text the matched row must contain literally (a Chinese run of three or more characters). */
  substring: string | null;
}

export interface SearchQuery {
  terms: SearchTerm[];
}

const HAN = /\p{Script=Han}/u;
// Tibetan letters, vowel signs and digits (code points, as a character class of combining marks misleads); the
// punctuation (U+0F01–U+0F17, the brackets U+0F3A–U+0F3D, U+0FD0–U+0FDA) separates syllables.
const tibetanWord = (cp: number) => cp === 0x0f00 || (cp >= 0x0f18 && cp <= 0x0f39) || (cp >= 0x0f3e && cp <= 0x0fcf) || (cp >= 0x0fdb && cp <= 0x0fff);
const WORD = /[\p{L}\p{N}\p{M}]/u;

type Run = { kind: 'han' | 'bo' | 'word'; text: string };

function classify(ch: string): Run['kind'] | null {
  if (HAN.test(ch)) return 'han';
  const cp = ch.codePointAt(0) ?? 0;
  if (tibetanWord(cp)) return 'bo';
  // Other Tibetan code points are punctuation: separators.
  if (cp >= 0x0f00 && cp <= 0x0fff) return null;
  if (WORD.test(ch)) return 'word';
  return null;
}

/** Splits text into runs of one script; everything else (spaces, punctuation, tsheg, shad) separates them. */
function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const ch of text.normalize('NFC').toLowerCase()) {
    const kind = classify(ch);
    if (kind === null) {
      current = null;
      continue;
    }
    if (current && current.kind === kind) current.text += ch;
    else {
      current = { kind, text: ch };
      runs.push(current);
    }
  }
  return runs;
}

/** The tokens a document is indexed under, each once, in first-seen order. */
export function documentTokens(...texts: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const run of runsOf(text)) {
      if (run.kind === 'han') {
        const chars = [...run.text];
        for (let i = 0; i < chars.length; i++) {
          out.add(chars[i] as string);
          if (i + 1 < chars.length) out.add(`${chars[i] as string}${chars[i + 1] as string}`);
        }
      } else out.add(run.text);
    }
  }
  return [...out];
}

/** The words of one query term (split on spaces), turned into what the index can look up. */
function termOf(word: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const run of runsOf(word)) {
    if (run.kind === 'han') {
      const chars = [...run.text];
      if (chars.length === 1) terms.push({ tokens: [run.text], prefix: null, substring: null });
      else {
        const pairs = new Set<string>();
        for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i] as string}${chars[i + 1] as string}`);
        terms.push({ tokens: [...pairs], prefix: null, substring: chars.length >= 3 ? run.text : null });
      }
    } else if (run.kind === 'bo') terms.push({ tokens: [run.text], prefix: null, substring: null });
    else if ([...run.text].length >= 2) terms.push({ tokens: [], prefix: run.text, substring: null });
    else terms.push({ tokens: [run.text], prefix: null, substring: null });
  }
  return terms;
}

/** Whether a term narrows the search enough to be answered from the index (not only single letters or digits). */
function selective(t: SearchTerm): boolean {
  return t.prefix !== null || t.tokens.some((tok) => !/^[\p{Script=Latin}\p{N}]$/u.test(tok));
}

/** At most this many terms: every term is one more index lookup. */
export const MAX_TERMS = 8;

/**
 * A query as the index answers it, or null when it holds nothing to look up. Every term must match
 * (space-separated words narrow the search, as in any search box).
 */
export function parseQuery(text: string): SearchQuery | null {
  const terms = text.split(/\s+/u).filter(Boolean).flatMap(termOf).slice(0, MAX_TERMS);
  if (!terms.some(selective)) return null;
  return { terms };
}

/** parseQuery for a request parameter: a query that cannot use the index is refused (400), never scanned. */
export function requireQuery(text: string, path = 'q'): SearchQuery {
  const query = parseQuery(text);
  if (!query) throw invalid('Type at least one Chinese character, a Tibetan syllable or two letters or digits', [{ path, message: 'too short to search' }]);
  return query;
}

/** The scope tokens of a tree path ("/1/7/23/" → u1 u7 u23): the index narrows to a subtree itself. */
export function scopeTokens(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((id) => `u${id}`);
}

/** The scope token of the subtree at a path (its last node). */
export function scopeToken(path: string): string {
  const ids = path.split('/').filter(Boolean);
  return `u${ids[ids.length - 1] ?? ''}`;
}
