import { describe, expect, it } from 'vitest';
import { ApiError, apiUrl, readCookie, toApiError, validationIssues } from './api';

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('xq_csrf', 'a=1; xq_csrf=ab%2Bcd; b=2')).toBe('ab+cd');
    expect(readCookie('xq_csrf', 'xq_csrf_old=1')).toBeNull();
  });
});

describe('apiUrl', () => {
  it('prefixes the API and leaves out empty query values', () => {
    expect(apiUrl('/org/residents', { unitId: 3, q: '', cursor: null, reveal: 1 })).toBe(
      '/api/v1/org/residents?unitId=3&reveal=1',
    );
    expect(apiUrl('/me')).toBe('/api/v1/me');
  });
});

describe('toApiError', () => {
  it('keeps the code, message and details of the documented error body', () => {
    const error = toApiError(429, { error: { code: 'LOGIN_LOCKED', message: 'locked', details: { retryAfter: 60 } } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'LOGIN_LOCKED', message: 'locked', details: { retryAfter: 60 } });
  });

  it('turns an unexpected body into INTERNAL, and no answer into NETWORK', () => {
    expect(toApiError(502, '<html>bad gateway</html>').code).toBe('INTERNAL');
    expect(toApiError(0, null).code).toBe('NETWORK');
  });
});

describe('validationIssues', () => {
  it('reads the per-field issues of VALIDATION_FAILED', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
      issues: [{ path: 'phone', message: 'not a valid phone number', reason: 'phone' }, { path: ['a', 0], message: 'x' }, 'junk'],
    });
    expect(validationIssues(error)).toEqual([
      { path: 'phone', message: 'not a valid phone number', reason: 'phone' },
      { path: 'a.0', message: 'x', reason: null },
    ]);
  });
});
