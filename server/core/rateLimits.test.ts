import { describe, expect, it } from 'vitest';
import { clientNetwork } from './rateLimits.ts';

describe('clientNetwork', () => {
  it('keeps an IPv4 address, and the IPv4 inside an IPv4-mapped IPv6 address', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(clientNetwork('2001:db8:7:1::1')).toBe('2001:db8:7:1::/64');
    expect(clientNetwork('2001:0DB8:0007:0001:ffff:1:2:3')).toBe('2001:db8:7:1::/64');
    expect(clientNetwork('[2001:db8::5]')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('2001:db8:7:2::1')).not.toBe(clientNetwork('2001:db8:7:1::1'));
  });

  it('passes anything else through unchanged (it is only hashed and counted)', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
