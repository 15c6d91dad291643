import { describe, expect, it } from 'vitest';
import { isWebhookUrl } from './url';

describe('webhook address check in the form', () => {
  it('accepts http and https addresses', () => {
    expect(isWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe(true);
    expect(isWebhookUrl('http://127.0.0.1:8080/hook')).toBe(true);
  });

  it('refuses other schemes, bare hosts and credentials', () => {
    expect(isWebhookUrl('ftp://example.com/')).toBe(false);
    expect(isWebhookUrl('javascript:alert(1)')).toBe(false);
    expect(isWebhookUrl('qyapi.weixin.qq.com/send')).toBe(false);
    expect(isWebhookUrl('https://a:b@example.com/')).toBe(false);
  });
});
