import { describe, expect, it } from 'vitest';
import { createPdf, fontFor, PDF_FONTS, splitScriptRuns, writeMixed } from './pdf.ts';

describe('splitScriptRuns', () => {
  it('cuts Tibetan from Chinese, Latin and digits, keeping spaces with the run before them', () => {
    expect(splitScriptRuns('林琼社区 བཀྲ་ཤིས་ བདེ་ལེགས། 2026年')).toEqual([
      { script: 'other', text: '林琼社区 ' },
      { script: 'tibetan', text: 'བཀྲ་ཤིས་ བདེ་ལེགས། ' },
      { script: 'other', text: '2026年' },
    ]);
  });

  it('keeps the ideographic space out of Tibetan runs (the Tibetan font has no glyph for it)', () => {
    expect(splitScriptRuns('ཕོ།\u3000藏族').map((r) => r.script)).toEqual(['tibetan', 'other']);
  });

  it('gives Tibetan runs the Tibetan font and the rest the CJK font', () => {
    const runs = splitScriptRuns('ལྷ་ས། 拉萨 Lhasa');
    expect(runs.map((r) => fontFor(r.script))).toEqual([PDF_FONTS.tibetan, PDF_FONTS.cjk]);
  });

  it('normalises to NFC (a precomposed letter and its decomposition read the same)', () => {
    const composed = 'e\u0301'; // é written as two code points
    expect(splitScriptRuns(composed)[0]?.text).toBe('\u00e9');
    // Tibetan stacks written in different orders come out identical once normalised.
    expect(splitScriptRuns('\u0f40\u0f74\u0f71')[0]?.text).toBe(splitScriptRuns('\u0f40\u0f71\u0f74')[0]?.text);
  });

  it('returns nothing for empty text', () => {
    expect(splitScriptRuns('')).toEqual([]);
  });
});

describe('createPdf and writeMixed', () => {
  it('embeds the Tibetan font only when Tibetan text is written', async () => {
    const chinese = createPdf();
    writeMixed(chinese.doc, '人民调解协议书 No. 1');
    const zhBytes = (await chinese.end()).toString('latin1');
    expect(zhBytes.startsWith('%PDF')).toBe(true);
    expect(zhBytes).toContain('NotoSansCJK');
    expect(zhBytes).not.toContain('Tibetan_Machine_Uni');

    const mixed = createPdf();
    writeMixed(mixed.doc, 'མི་དམངས་བར་འདུམ། 人民调解');
    const boBytes = (await mixed.end()).toString('latin1');
    expect(boBytes).toContain('Tibetan_Machine_Uni');
    expect(boBytes).toContain('NotoSansCJK');
  });

  it('refuses to start a document when a font file is missing, naming the file', () => {
    expect(() => createPdf({ fonts: { tibetan: '/nonexistent/TibetanMachineUni.ttf' } })).toThrow(/\/nonexistent\/TibetanMachineUni\.ttf/);
  });
});
