// Pure rules of erasure (删除权, PIPL art. 47): the pseudonym a person's records carry afterwards, and the text
// scrubber that takes their name and numbers out of free text written about them.

/** The pseudonym an anonymised resident carries: stable, and says nothing about who the person was. */
export function pseudonymOf(residentId: number): string {
  return `已匿名-${residentId}`;
}

export function isPseudonym(name: string, residentId: number): boolean {
  return name === pseudonymOf(residentId);
}

/** What identifies the person in free text: their name and their numbers as people type them. */
export interface Identifiers {
  name: string;
  phone: string | null;
  idNumber: string | null;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A number as people write it: digits possibly split by spaces or dashes (139 0000 1111, 139-0000-1111). */
function digitsPattern(digits: string): string {
  return digits
    .split('')
    .map((d) => escape(d))
    .join('[\\s-]?');
}

/**
 * A function that replaces every occurrence of the person's name, phone and ID number in a text by the
 * pseudonym (numbers by "***"). Names shorter than two characters are not replaced: a single character would
 * cut through unrelated words.
 */
export function scrubberFor(who: Identifiers, pseudonym: string): (text: string) => string {
  const parts: { pattern: RegExp; by: string }[] = [];
  const name = who.name.normalize('NFC').trim();
  if ([...name].length >= 2) parts.push({ pattern: new RegExp(escape(name), 'gu'), by: pseudonym });
  for (const n of [who.idNumber, who.phone]) {
    const digits = n?.replace(/[^\dXx]/g, '') ?? '';
    if (digits.length >= 7) parts.push({ pattern: new RegExp(digitsPattern(digits), 'giu'), by: '***' });
  }
  return (text) => parts.reduce((out, p) => out.replace(p.pattern, p.by), text.normalize('NFC'));
}

/** The same scrubber over a nullable column. */
export const scrubNullable = (scrub: (text: string) => string) => (text: string | null): string | null => (text === null ? null : scrub(text));
