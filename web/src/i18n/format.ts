import type { Language } from '../app/types';

/**
 * Dates are formatted by hand: Chromium ships no Intl data for Tibetan (`bo`), so Intl would silently fall
 * back to English there. Date-only strings (YYYY-MM-DD) are read as calendar dates, never shifted by time zone.
 */
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

function parse(value: string): DateParts | null {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) return { year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function datePart(p: DateParts, language: Language): string {
  switch (language) {
    case 'zh-CN':
      return `${p.year}年${p.month}月${p.day}日`;
    case 'bo':
      return `སྤྱི་ལོ་${p.year} ཟླ་${p.month} ཚེས་${p.day}`;
    case 'en':
      return `${p.day} ${EN_MONTHS[p.month - 1]} ${p.year}`;
  }
}

export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const parts = parse(value);
  return parts ? datePart(parts, language) : value;
}

export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const parts = parse(value);
  if (!parts) return value;
  const time = parts.hour === undefined ? '' : ` ${pad(parts.hour)}:${pad(parts.minute ?? 0)}`;
  return `${datePart(parts, language)}${time}`;
}

/** A period such as a committee term: "start – end", either side may be open. */
export function formatPeriod(start: string | null, end: string | null, language: Language): string {
  if (!start && !end) return '—';
  return `${start ? formatDate(start, language) : '…'} – ${end ? formatDate(end, language) : '…'}`;
}
