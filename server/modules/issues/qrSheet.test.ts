import { describe, expect, it } from 'vitest';
import { renderQrSheet } from './qrSheet.ts';

const pagesOf = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

const sheet = (n: number, compoundName = '天峰祥和苑') =>
  renderQrSheet({
    compoundName,
    title: '有事找小区',
    hint: '扫码反映问题 · 无需下载应用',
    buildings: Array.from({ length: n }, (_, i) => ({ name: `${i + 1}号楼`, url: `https://xiaoqu.example/r/tf-${i + 1}` })),
  });

describe('the QR sheet of a compound', () => {
  it('is a PDF with four buildings to a page', async () => {
    const one = await sheet(1);
    expect(one.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pagesOf(one)).toBe(1);
    expect(pagesOf(await sheet(4))).toBe(1);
    expect(pagesOf(await sheet(5))).toBe(2);
    expect(pagesOf(await sheet(9))).toBe(3);
  });

  it('still prints one page for a compound without buildings', async () => {
    expect(pagesOf(await sheet(0))).toBe(1);
  });

  it('sets a Tibetan compound name in the Tibetan font', async () => {
    const pdf = await sheet(2, 'ཐེན་ཧྥེང་ 天峰祥和苑');
    expect(pdf.toString('latin1')).toContain('Tibetan_Machine_Uni');
  });
});
