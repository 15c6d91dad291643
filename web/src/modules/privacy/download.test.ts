import { describe, expect, it } from 'vitest';
import { exportFileName } from './download';

describe('exportFileName', () => {
  it('names the file by resident id and day', () => {
    expect(exportFileName(42, '2026-12-04T15:40:00.000Z')).toBe('resident-42-2026-12-04.json');
  });
});
