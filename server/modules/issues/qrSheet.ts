import QRCode from 'qrcode';
import { createPdf, writeLine, writeMixed } from '../../core/pdf.ts';

// The printable QR sheet of a compound: one card per building, four to an A4 page (a 2×2 grid with cut lines),
// to put up by each entrance. Scanning opens the report form for that building in the browser.

export interface QrSheetInput {
  compoundName: string;
  /** The card's heading, e.g. 有事找小区. */
  title: string;
  /** Under the building's name, e.g. 扫码反映问题 · 无需下载应用. */
  hint: string;
  buildings: { name: string; url: string }[];
}

const MARGIN = 28;
const PER_PAGE = 4;
const QUIET_ZONE = 4;

/** Draws the QR symbol as vector squares (sharp at any print size), dark modules merged into row runs. */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  // Level M survives a scuffed or partly shaded print; the URLs are short enough to stay coarse.
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = modules.size + QUIET_ZONE * 2;
  const cell = size / count;
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && Boolean(modules.get(row, col));
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        // A hair of overlap keeps viewers from drawing seams between neighbouring squares.
        doc.rect(x + (QUIET_ZONE + start) * cell, y + (QUIET_ZONE + row) * cell, (col - start) * cell + 0.05, cell + 0.05);
        start = -1;
      }
    }
  }
  doc.fill('#000000');
  doc.restore();
}

function drawCutLines(doc: PDFKit.PDFDocument): void {
  const { width, height } = doc.page;
  doc.save().lineWidth(0.5).dash(4, { space: 4 }).strokeColor('#999999');
  doc.moveTo(width / 2, MARGIN / 2).lineTo(width / 2, height - MARGIN / 2).stroke();
  doc.moveTo(MARGIN / 2, height / 2).lineTo(width - MARGIN / 2, height / 2).stroke();
  doc.undash().restore();
}

/**
 * Renders the sheet: for each building a large QR code of its URL, the building and compound names, the hint,
 * and the URL in small print for those who type it. A compound without buildings gets one page with its name.
 */
export async function renderQrSheet(input: QrSheetInput): Promise<Buffer> {
  const pdf = createPdf({ title: `${input.compoundName} ${input.title}`, margin: MARGIN });
  const { doc } = pdf;
  const cellWidth = (doc.page.width - MARGIN * 2) / 2;
  const cellHeight = (doc.page.height - MARGIN * 2) / 2;
  const pad = 14;

  if (input.buildings.length === 0) {
    writeLine(doc, input.compoundName, { align: 'center', fontSize: 22 });
    writeLine(doc, input.title, { align: 'center', fontSize: 14 });
  }

  input.buildings.forEach((building, i) => {
    const slot = i % PER_PAGE;
    if (slot === 0) {
      if (i > 0) doc.addPage();
      drawCutLines(doc);
    }
    const x = MARGIN + (slot % 2) * cellWidth + pad;
    const width = cellWidth - pad * 2;
    const top = MARGIN + Math.floor(slot / 2) * cellHeight + pad;
    const qrSize = Math.min(width, cellHeight * 0.52);

    doc.x = x;
    doc.y = top;
    writeLine(doc, input.title, { align: 'center', x, width, fontSize: 14 });
    drawQr(doc, building.url, x + (width - qrSize) / 2, doc.y + 4, qrSize);
    doc.y += qrSize + 10;
    writeLine(doc, building.name, { align: 'center', x, width, fontSize: 24 });
    writeLine(doc, input.compoundName, { align: 'center', x, width, fontSize: 13 });
    doc.y += 4;
    writeLine(doc, input.hint, { align: 'center', x, width, fontSize: 11 });
    doc.y += 4;
    doc.fillColor('#555555');
    writeMixed(doc, building.url, { x, width, align: 'center', fontSize: 7 });
    doc.fillColor('#000000');
  });
  return pdf.end();
}
