import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

// Printable documents (调解协议书, QR sheets). PDF fonts do not fall back glyph by glyph: a Tibetan letter set in
// the CJK font simply vanishes. So text is cut into runs of one script and each run gets a font that has it.

/** The font files (Debian packages fonts-tibetan-machine and fonts-noto-cjk). */
export interface FontFiles {
  tibetan: string;
  cjk: string;
}

export const DEFAULT_FONT_FILES: FontFiles = {
  tibetan: '/usr/share/fonts/truetype/tibetan-machine/TibetanMachineUni.ttf',
  cjk: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
};

/** The names the fonts are registered under in every document made by `createPdf`. */
export const PDF_FONTS = { tibetan: 'xq-tibetan', cjk: 'xq-cjk' } as const;

/** The face inside the CJK collection: simplified Chinese glyph forms. */
const CJK_FACE = 'NotoSansCJKsc-Regular';

/** Tibetan Machine Uni draws its letters small for their point size: beside Chinese they are set larger. */
export const TIBETAN_SCALE = 1.2;

export type Script = 'tibetan' | 'other';
export interface ScriptRun {
  script: Script;
  text: string;
}

const isTibetan = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x0f00 && code <= 0x0fff;
};
// Only the ASCII space is shared: the Tibetan font lacks the ideographic space (U+3000) and would show a box.
const isNeutral = (ch: string): boolean => ch === ' ';

/**
 * Cuts text into runs of Tibetan script (U+0F00–U+0FFF) and everything else (Chinese, Latin, digits). A space
 * stays with the run it follows, so "བཀྲ་ཤིས་ བདེ་ལེགས།" is one run. The text is normalised to NFC first:
 * Tibetan arrives from different keyboards in different normal forms.
 */
export function splitScriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  let current: ScriptRun | null = null;
  for (const ch of text.normalize('NFC')) {
    const script: Script = isTibetan(ch) ? 'tibetan' : 'other';
    if (current && (current.script === script || isNeutral(ch))) {
      current.text += ch;
      continue;
    }
    current = { script, text: ch };
    runs.push(current);
  }
  return runs;
}

/** The registered font for a run of the given script. */
export function fontFor(script: Script): string {
  return script === 'tibetan' ? PDF_FONTS.tibetan : PDF_FONTS.cjk;
}

/** A parsed font as pdfkit's font engine (fontkit) holds it; pdfkit accepts one in place of a file. */
interface ParsedFont {
  layout(text: string): unknown;
  ascent: number;
  unitsPerEm: number;
}

// pdfkit's own font engine, as pdfkit resolves it (a dependency of pdfkit, not a second copy).
const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as { create(data: Buffer, postscriptName?: string): ParsedFont };

// Fonts are read and parsed once per process: the CJK collection is about 19 MB, and parsing it (and warming its
// glyph caches) for every document took longer than laying out the whole agreement. Each document still
// embeds its own subset.
const parsedFonts = new Map<string, ParsedFont>();

function loadFont(file: string, face: string | undefined, what: 'Tibetan' | 'Chinese'): ParsedFont {
  const key = `${file}#${face ?? ''}`;
  const cached = parsedFonts.get(key);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    throw new Error(`PDF font missing: the ${what} font ${file} does not exist (install the Debian package ${what === 'Tibetan' ? 'fonts-tibetan-machine' : 'fonts-noto-cjk'})`);
  }
  const font = fontkit.create(fs.readFileSync(file), face);
  parsedFonts.set(key, font);
  return font;
}

/** What the text helpers need to know of a document made by `createPdf`: its fonts and the body size. */
const docState = new WeakMap<PDFKit.PDFDocument, { fonts: Record<Script, ParsedFont>; size: number }>();

function stateOf(doc: PDFKit.PDFDocument) {
  const state = docState.get(doc);
  if (!state) throw new Error('Write mixed-script text only into documents made by createPdf()');
  return state;
}

/** Selects the run's font at its size (Tibetan scaled up from the body size). */
function useRun(doc: PDFKit.PDFDocument, script: Script, size: number): PDFKit.PDFDocument {
  return doc.font(fontFor(script)).fontSize(script === 'tibetan' ? size * TIBETAN_SCALE : size);
}

/** The distance from the top of a line to the common baseline of its runs, in points. */
function ascentOf(doc: PDFKit.PDFDocument, runs: readonly ScriptRun[], size: number): number {
  const { fonts } = stateOf(doc);
  const scripts = new Set<Script>(['other', ...runs.map((r) => r.script)]);
  return Math.max(...[...scripts].map((script) => (fonts[script].ascent / fonts[script].unitsPerEm) * (script === 'tibetan' ? size * TIBETAN_SCALE : size)));
}

export interface Pdf {
  doc: PDFKit.PDFDocument;
  /** Ends the document and resolves with its bytes. */
  end(): Promise<Buffer>;
}

export interface CreatePdfOptions {
  title?: string;
  /** Page margin in points; 56 pt ≈ 2 cm. */
  margin?: number;
  fonts?: Partial<FontFiles>;
}

/**
 * A new A4 document with the Tibetan and CJK fonts registered (as PDF_FONTS) and the CJK font selected.
 * Throws before anything is drawn when a font file is missing, naming the file.
 */
export function createPdf(options: CreatePdfOptions = {}): Pdf {
  const files = { ...DEFAULT_FONT_FILES, ...options.fonts };
  const tibetan = loadFont(files.tibetan, undefined, 'Tibetan');
  const cjk = loadFont(files.cjk, CJK_FACE, 'Chinese');
  const doc = new PDFDocument({ size: 'A4', margin: options.margin ?? 56, info: { Title: options.title ?? '', Producer: 'xiaoqu' } });
  doc.registerFont(PDF_FONTS.tibetan, tibetan as unknown as Buffer);
  doc.registerFont(PDF_FONTS.cjk, cjk as unknown as Buffer);
  doc.font(PDF_FONTS.cjk);
  docState.set(doc, { fonts: { tibetan, other: cjk }, size: 12 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    end: () => {
      doc.end();
      return done;
    },
  };
}

export type MixedTextOptions = PDFKit.Mixins.TextOptions & { x?: number; y?: number; fontSize?: number };

/**
 * Writes text in mixed scripts as one paragraph, switching font and size per run (pdfkit's continued text) on a
 * common baseline, and leaves the CJK font at the body size selected. `fontSize` is the body size (kept for
 * later calls); `continued: true` lets the caller append more text to the same paragraph.
 */
export function writeMixed(doc: PDFKit.PDFDocument, text: string, options: MixedTextOptions = {}): PDFKit.PDFDocument {
  const { x, y, fontSize, continued = false, ...rest } = options;
  const state = stateOf(doc);
  if (fontSize !== undefined) state.size = fontSize;
  const runs = splitScriptRuns(text);
  if (runs.length === 0) runs.push({ script: 'other', text: '' });
  const baseline = -ascentOf(doc, runs, state.size);
  runs.forEach((run, i) => {
    const last = i === runs.length - 1;
    useRun(doc, run.script, state.size);
    const opts = { ...rest, baseline, continued: last ? continued : true };
    if (i === 0 && x !== undefined) doc.text(run.text, x, y, opts);
    else doc.text(run.text, opts);
  });
  return useRun(doc, 'other', state.size);
}

/** The width of mixed-script text at the body size. */
export function widthOfMixed(doc: PDFKit.PDFDocument, text: string): number {
  const { size } = stateOf(doc);
  let width = 0;
  for (const run of splitScriptRuns(text)) width += useRun(doc, run.script, size).widthOfString(run.text);
  useRun(doc, 'other', size);
  return width;
}

/**
 * One line of mixed-script text placed by hand: left-aligned at `x`, centred or right-aligned within `width`
 * (pdfkit would align each font run on its own). Text too wide for the line wraps through `writeMixed` (where
 * only single-script text aligns exactly). Afterwards the position is at the start of the next line.
 */
export function writeLine(doc: PDFKit.PDFDocument, text: string, options: { align: 'left' | 'center' | 'right'; fontSize?: number; x?: number; width?: number }): PDFKit.PDFDocument {
  const state = stateOf(doc);
  if (options.fontSize !== undefined) state.size = options.fontSize;
  const x = options.x ?? doc.page.margins.left;
  const width = options.width ?? doc.page.width - doc.page.margins.right - x;
  const total = widthOfMixed(doc, text);
  if (total > width) return writeMixed(doc, text, { x, width, align: options.align });
  const runs = splitScriptRuns(text);
  // The tallest font decides the line: Tibetan stacks reach further below the baseline than Chinese.
  const lineHeight = Math.max(...(['other', ...runs.map((r) => r.script)] as Script[]).map((script) => useRun(doc, script, state.size).currentLineHeight(true)));
  if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y = doc.y;
  const baseline = -ascentOf(doc, runs, state.size);
  let at = x + (options.align === 'center' ? (width - total) / 2 : options.align === 'right' ? width - total : 0);
  for (const run of runs) {
    useRun(doc, run.script, state.size).text(run.text, at, y, { lineBreak: false, baseline });
    at += doc.widthOfString(run.text);
  }
  useRun(doc, 'other', state.size);
  doc.x = options.x ?? doc.page.margins.left;
  doc.y = y + lineHeight;
  return doc;
}
