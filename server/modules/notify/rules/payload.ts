/**
 * The message format of enterprise-chat group robots (企业微信群机器人): a markdown message whose content may
 * be at most 4096 bytes of UTF-8. Other receivers get the same JSON and are free to read it.
 */
export const MAX_CONTENT_BYTES = 4096;
const ELLIPSIS = '…';

export interface ChatPayload {
  msgtype: 'markdown';
  markdown: { content: string };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Cuts `text` to at most `maxBytes` bytes of UTF-8, ending with "…" when something was cut. The cut falls
 * between user-perceived characters, so neither a surrogate pair nor a Tibetan stack (a consonant with its
 * subjoined letters and vowel signs) is split.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - byteLength(ELLIPSIS);
  let used = 0;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const size = byteLength(segment);
    if (used + size > budget) break;
    used += size;
    out += segment;
  }
  return budget < 0 ? '' : out + ELLIPSIS;
}

/** A bold title line followed by the markdown body, within the robot's size limit. */
export function markdownPayload(title: string, markdown: string): ChatPayload {
  // A line break inside the title would end the bold span and leave stray asterisks in the chat.
  const heading = title.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const content = markdown.trim() ? `**${heading}**\n${markdown.trim()}` : `**${heading}**`;
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(content, MAX_CONTENT_BYTES) } };
}

export type ReplyVerdict = { ok: true } | { ok: false; error: string };

/**
 * Whether the receiver accepted a message. Any 2xx counts, except that the chat robot answers 200 with
 * `{"errcode": 93000, "errmsg": "…"}` when it refuses one (bad key, too frequent, malformed), so a JSON body
 * with a non-zero `errcode` is a failure too.
 */
export function readReply(status: number, body: string): ReplyVerdict {
  if (status < 200 || status > 299) return { ok: false, error: `HTTP ${status}${body.trim() ? `: ${body.trim()}` : ''}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: true };
  }
  if (typeof parsed !== 'object' || parsed === null || !('errcode' in parsed)) return { ok: true };
  const { errcode, errmsg } = parsed as { errcode: unknown; errmsg?: unknown };
  if (errcode === 0 || errcode === '0') return { ok: true };
  return { ok: false, error: `errcode ${String(errcode)}${typeof errmsg === 'string' && errmsg ? `: ${errmsg}` : ''}` };
}
