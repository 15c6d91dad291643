import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatPeriod } from './format';

describe('formatDate', () => {
  it('formats a calendar date per language without shifting the day', () => {
    expect(formatDate('2024-03-05', 'zh-CN')).toBe('2024年3月5日');
    expect(formatDate('2024-03-05', 'bo')).toBe('སྤྱི་ལོ་2024 ཟླ་3 ཚེས་5');
    expect(formatDate('2024-03-05', 'en')).toBe('5 Mar 2024');
  });

  it('shows a dash for a missing date and the raw text for an unreadable one', () => {
    expect(formatDate(null, 'zh-CN')).toBe('—');
    expect(formatDate('someday', 'en')).toBe('someday');
  });
});

describe('formatDateTime', () => {
  it('adds the local time of a timestamp', () => {
    const local = new Date(2024, 0, 9, 7, 3).toISOString();
    expect(formatDateTime(local, 'zh-CN')).toBe('2024年1月9日 07:03');
  });
});

describe('formatPeriod', () => {
  it('leaves an open end visible', () => {
    expect(formatPeriod('2023-01-01', null, 'en')).toBe('1 Jan 2023 – …');
    expect(formatPeriod(null, null, 'en')).toBe('—');
  });
});
