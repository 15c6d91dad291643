import { describe, expect, it } from 'vitest';
import { auditedWebhook, formatEvents, maskUrl, parseEvents, selfAndAncestors, subscribes, urlProblem } from './webhooks.ts';

describe('webhook events', () => {
  it('stores events in a fixed order without duplicates, and * alone when everything is wanted', () => {
    expect(formatEvents(['issue.resolved', 'issue.reported', 'issue.resolved'])).toBe('issue.reported,issue.resolved');
    expect(formatEvents(['issue.rated', '*'])).toBe('*');
    expect(parseEvents('issue.reported, issue.rated')).toEqual(['issue.reported', 'issue.rated']);
  });

  it('matches an event named in the list or *, and nothing else', () => {
    expect(subscribes('issue.reported,issue.resolved', 'issue.resolved')).toBe(true);
    expect(subscribes('issue.reported,issue.resolved', 'issue.overdue')).toBe(false);
    expect(subscribes('issue.reported', 'issue.report')).toBe(false);
    expect(subscribes('*', 'issue.supervised')).toBe(true);
  });
});

describe('webhook addresses', () => {
  it('accepts http and https addresses', () => {
    expect(urlProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBeNull();
    expect(urlProblem('http://10.0.0.5:8080/hook')).toBeNull();
  });

  it('refuses other schemes, garbage and embedded credentials', () => {
    expect(urlProblem('ftp://example.com/x')).toMatch(/http/);
    expect(urlProblem('file:///etc/passwd')).toMatch(/http/);
    expect(urlProblem('javascript:alert(1)')).toMatch(/http/);
    expect(urlProblem('qyapi.weixin.qq.com/send')).toMatch(/valid/);
    expect(urlProblem('https://user:secret@example.com/')).toMatch(/password/);
  });

  it('hides query values (the robot key) for the audit log', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
    expect(maskUrl('https://example.com/hook')).toBe('https://example.com/hook');
    expect(auditedWebhook({ name: '群', url: 'https://example.com/send?key=s3cret', events: 'issue.reported,issue.rated', enabled: 0 })).toEqual({
      name: '群',
      url: 'https://example.com/send?key=***',
      events: ['issue.reported', 'issue.rated'],
      enabled: false,
    });
  });
});

describe('the nodes a webhook can sit on for an event', () => {
  it('are the node and its ancestors', () => {
    expect(selfAndAncestors('/1/7/23/')).toEqual(['/1/', '/1/7/', '/1/7/23/']);
    expect(selfAndAncestors('/1/')).toEqual(['/1/']);
  });
});
