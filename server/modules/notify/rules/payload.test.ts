import { describe, expect, it } from 'vitest';
import { markdownPayload, MAX_CONTENT_BYTES, readReply, truncateUtf8 } from './payload.ts';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('chat robot payload', () => {
  it('is a markdown message with a bold title line', () => {
    expect(markdownPayload('新的难点问题', '> 天峰祥和苑 4号楼\n> 楼道灯不亮')).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**新的难点问题**\n> 天峰祥和苑 4号楼\n> 楼道灯不亮' },
    });
  });

  it('keeps the title on one line and omits an empty body', () => {
    expect(markdownPayload('第一行\n第二行', '  ').markdown.content).toBe('**第一行 第二行**');
  });

  it('stays within 4096 bytes of UTF-8 however long the body is', () => {
    const content = markdownPayload('标题', '楼道灯不亮。'.repeat(1000)).markdown.content;
    expect(bytes(content)).toBeLessThanOrEqual(MAX_CONTENT_BYTES);
    expect(bytes(content)).toBeGreaterThan(MAX_CONTENT_BYTES - 6);
    expect(content.endsWith('…')).toBe(true);
    expect(content.startsWith('**标题**\n楼道灯不亮。')).toBe(true);
  });

  it('leaves text within the limit untouched', () => {
    const exact = 'a'.repeat(MAX_CONTENT_BYTES);
    expect(truncateUtf8(exact, MAX_CONTENT_BYTES)).toBe(exact);
  });
});

describe('truncating on a character boundary', () => {
  it('never splits a Chinese character (3 bytes each)', () => {
    const cut = truncateUtf8('一二三四五', 10);
    // 3 characters would be 9 bytes plus 3 for the ellipsis: only two fit.
    expect(cut).toBe('一二…');
    expect(bytes(cut)).toBeLessThanOrEqual(10);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateUtf8('😀😀😀', 9);
    expect(cut).toBe('😀…');
    expect(/[\uD800-\uDFFF]/u.test(cut)).toBe(false);
  });

  it('never splits a Tibetan stack from its vowel sign', () => {
    // སྒྲིག is one stack of four code points plus a final letter; half of it must not survive the cut.
    const word = 'སྒྲིག';
    const text = word.repeat(10);
    for (let max = 4; max < bytes(text); max++) {
      const cut = truncateUtf8(text, max);
      expect(bytes(cut)).toBeLessThanOrEqual(max);
      const kept = cut.replace(/…$/, '');
      expect(/^(སྒྲི|ག)*$/u.test(kept) && !kept.startsWith('ག')).toBe(true);
      expect(kept.endsWith('ྒ') || kept.endsWith('ྲ') || kept.endsWith('ས')).toBe(false);
    }
  });

  it('returns nothing when not even the ellipsis fits', () => {
    expect(truncateUtf8('一二三', 2)).toBe('');
  });
});

describe('reading the receiver’s reply', () => {
  it('accepts any 2xx, and the robot’s errcode 0', () => {
    expect(readReply(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(readReply(204, '')).toEqual({ ok: true });
    expect(readReply(200, 'thanks')).toEqual({ ok: true });
    expect(readReply(200, '{"received":true}')).toEqual({ ok: true });
  });

  it('refuses a non-zero errcode even with HTTP 200', () => {
    expect(readReply(200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toEqual({ ok: false, error: 'errcode 93000: invalid webhook url' });
  });

  it('refuses other statuses', () => {
    expect(readReply(500, 'boom')).toEqual({ ok: false, error: 'HTTP 500: boom' });
    expect(readReply(302, '')).toEqual({ ok: false, error: 'HTTP 302' });
  });
});
