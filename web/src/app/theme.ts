import type { ThemeConfig } from 'antd';
import type { Language } from './types';

/** 'XQ Tibetan' (index.html) is a scaled alias limited to the Tibetan block; the rest falls through. */
export const FONT_FAMILY = [
  "'XQ Tibetan'",
  '-apple-system',
  'BlinkMacSystemFont',
  "'Segoe UI'",
  "'Noto Sans CJK SC'",
  "'PingFang SC'",
  "'Microsoft YaHei'",
  "'WenQuanYi Micro Hei'",
  "'Noto Sans Tibetan'",
  "'Noto Serif Tibetan'",
  "'Tibetan Machine Uni'",
  "'Jomolhari'",
  "'Microsoft Himalaya'",
  'sans-serif',
].join(', ');

/** Party red, as on the 红心家园 stations and the public notice boards the product replaces. */
export const PRIMARY = '#c8102e';

/** Tibetan stacks letters vertically, so Tibetan gets a slightly larger size and taller lines. */
export function themeFor(language: Language): ThemeConfig {
  return {
    token: {
      colorPrimary: PRIMARY,
      colorLink: '#a30d25',
      fontFamily: FONT_FAMILY,
      borderRadius: 6,
      fontSize: language === 'bo' ? 15 : 14,
      lineHeight: language === 'bo' ? 1.75 : 1.5714,
    },
    components: { Layout: { headerBg: PRIMARY, bodyBg: '#f5f5f5' } },
  };
}
