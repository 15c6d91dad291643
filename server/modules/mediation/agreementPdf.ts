import { createPdf, writeLine, writeMixed } from '../../core/pdf.ts';
import { AGREEMENT_TEXT, type AgreementLanguage } from './agreementText.ts';

export interface AgreementParty {
  role: string;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  address: string | null;
}

export interface AgreementInput {
  number: string;
  committee: string;
  parties: AgreementParty[];
  facts: string;
  dispute: string;
  terms: string;
  performance: string;
  performBy: string;
  agreedOn: string;
  mediatorName: string;
}

const BODY = 11.5;
const LINE_GAP = 5;

/**
 * The 人民调解协议书 as an A4 PDF to print and sign: the parties, the facts and the dispute, the agreed terms,
 * how and by when they are carried out, the sentence that makes it binding once signed, a signature line for
 * each party and the mediator, and the committee with the date. `lang` chooses the headings (Chinese, or
 * Tibetan with the Chinese title); the case text stays as entered.
 */
export async function renderAgreement(input: AgreementInput, lang: AgreementLanguage): Promise<Buffer> {
  const text = AGREEMENT_TEXT[lang];
  const pdf = createPdf({ title: `${AGREEMENT_TEXT['zh-CN'].title} ${input.number}` });
  const { doc } = pdf;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const para = { width, lineGap: LINE_GAP };

  const heading = (value: string) => {
    doc.moveDown(0.6);
    writeMixed(doc, value, { ...para, fontSize: BODY + 0.5 });
    doc.moveDown(0.2);
  };
  const body = (value: string) => {
    // Each line the mediator typed stays a paragraph of its own, indented like a written agreement.
    for (const line of value.split(/\r?\n/).filter((l) => l.trim() !== '')) {
      writeMixed(doc, line.trim(), { ...para, fontSize: BODY, indent: BODY * 2 });
    }
  };

  writeLine(doc, text.title, { align: 'center', fontSize: lang === 'bo' ? 20 : 22 });
  if (text.subtitle) writeLine(doc, text.subtitle, { align: 'center', fontSize: 14 });
  doc.moveDown(0.5);
  writeLine(doc, `${text.number}${input.number}`, { align: 'right', fontSize: BODY });
  doc.moveDown(0.5);

  for (const party of input.parties) {
    const role = party.role === 'respondent' ? text.roles.respondent : text.roles.applicant;
    const gender = party.gender === 'male' || party.gender === 'female' ? text.genders[party.gender] : '';
    const details = [
      `${role}${text.sep}${party.name}`,
      gender ? `${text.gender}${text.sep}${gender}` : '',
      party.ethnicity ? `${text.ethnicity}${text.sep}${party.ethnicity}` : '',
    ].filter(Boolean);
    writeMixed(doc, details.join('　'), { ...para, fontSize: BODY });
    if (party.address) writeMixed(doc, `${text.address}${text.sep}${party.address}`, { ...para, fontSize: BODY, indent: BODY * 2 });
    doc.moveDown(0.2);
  }

  heading(text.facts);
  body(input.facts);
  writeMixed(doc, `${text.dispute}${lang === 'bo' ? ' ' : ''}`, { ...para, fontSize: BODY, indent: BODY * 2, continued: true });
  writeMixed(doc, input.dispute.replace(/\s*\r?\n\s*/g, ' '), { ...para, fontSize: BODY });

  heading(text.terms);
  body(input.terms);

  heading(text.performance);
  body(input.performance);
  body(text.performBy(text.formatDate(input.performBy)));

  doc.moveDown(0.6);
  body(text.binding);
  body(text.copies(input.parties.length + 1));

  // The signatures stay together on one page: per signer a name line, then signature and date side by side.
  const signers = [
    ...input.parties.map((p) => `${p.role === 'respondent' ? text.roles.respondent : text.roles.applicant}${text.sep}${p.name}`),
    `${text.mediator}${text.sep}${input.mediatorName}`,
  ];
  const needed = signers.length * (BODY * 2 + LINE_GAP) * 2.6 + 120;
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1.2);
  const half = width / 2;
  for (const who of signers) {
    writeMixed(doc, who, { ...para, fontSize: BODY });
    doc.moveDown(0.5);
    const y = doc.y;
    writeLine(doc, `${text.sign}________________`, { align: 'left', x: left + BODY * 2, width: half - BODY * 2 });
    const below = doc.y;
    doc.y = y;
    writeLine(doc, `${text.date}${text.blankDate}`, { align: 'left', x: left + half, width: half });
    doc.x = left;
    doc.y = Math.max(below, doc.y);
    doc.moveDown(1);
  }

  doc.moveDown(1);
  writeLine(doc, `${input.committee}${text.seal}`, { align: 'right', fontSize: BODY + 1 });
  doc.moveDown(0.3);
  writeLine(doc, text.formatDate(input.agreedOn), { align: 'right', fontSize: BODY });
  return pdf.end();
}
