import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import { rejectionOf } from './api';

describe('rejectionOf', () => {
  it('reads the rejected rows and the report id', () => {
    const error = new ApiError(422, 'IMPORT_REJECTED', '2 of 10 rows are not valid', {
      rejected: [
        { row: 3, reason: '身份证号 校验位不符' },
        { row: 'x', reason: 'ignored' },
      ],
      reportId: 9,
      total: 10,
    });
    expect(rejectionOf(error)).toEqual({ rows: [{ row: 3, reason: '身份证号 校验位不符' }], reportId: 9, total: 10 });
  });

  it('is null for other errors', () => {
    expect(rejectionOf(new ApiError(403, 'FORBIDDEN', 'no'))).toBeNull();
    expect(rejectionOf(new Error('boom'))).toBeNull();
  });
});
