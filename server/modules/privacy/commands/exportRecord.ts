import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { cleanText } from '../../../core/schemas.ts';
import { invalid } from '../../../core/errors.ts';
import type { ResidentRow } from '../../org/index.ts';
import { exposedFields, presentRecord } from '../present.ts';
import { personFacts } from '../queries.ts';
import { scrubberFor } from '../rules/scrub.ts';
import type { PersonRecord } from '../schemas.ts';

/**
 * A person's full record with their numbers in clear, for a request to see or take a copy of it (查阅复制 and
 * 可携, PIPL art. 45). Recorded in the audit log with the stated purpose and the parts exposed (never the values;
 * the purpose itself is kept without the person's name or numbers). The caller has authorised privacy.export.
 * Throws VALIDATION_FAILED (400) when the purpose is blank.
 */
export async function exportRecord(ctx: Ctx, resident: ResidentRow, input: { purpose: string }): Promise<PersonRecord> {
  const purpose = cleanText(input.purpose);
  if (purpose.length < 2) throw invalid('State the purpose of the export', [{ path: 'purpose', message: 'required' }]);
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const record = presentRecord(await personFacts(tx, ctx.cipher, resident), { reveal: true, cipher: ctx.cipher, at });
    const scrub = scrubberFor({ name: resident.name, phone: record.resident?.phone ?? null, idNumber: record.resident?.idNumber ?? null }, `#${resident.id}`);
    await recordAudit(tx, ctx, {
      action: 'privacy.export',
      subjectType: 'resident',
      subjectId: resident.id,
      path: resident.path,
      after: { purpose: scrub(purpose), format: 'json', fields: exposedFields(record), reports: record.reports.length, mediationCases: record.mediationCases.length },
    });
    return record;
  });
}
