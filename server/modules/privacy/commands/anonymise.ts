import { recordAudit } from '../../../core/audit.ts';
import type { Ctx } from '../../../core/context.ts';
import { conflict, invalid, ruleBroken } from '../../../core/errors.ts';
import { cleanText } from '../../../core/schemas.ts';
import { detachResidentAccounts, accountsOfResident } from '../../accounts/index.ts';
import { anonymiseReporter } from '../../issues/index.ts';
import { anonymiseMediationParty } from '../../mediation/index.ts';
import { scrubNotifications } from '../../notify/index.ts';
import { anonymiseResident, getResident, type ResidentRow } from '../../org/index.ts';
import { reportsOf } from '../queries.ts';
import { isPseudonym, pseudonymOf, scrubberFor } from '../rules/scrub.ts';
import type { AnonymiseResult } from '../schemas.ts';

/**
 * Anonymises a resident on request (删除权, PIPL art. 47), irreversibly and in one transaction with its audit
 * row: the register entry keeps its household, gender, ethnicity and birth year under a pseudonym, the phone and
 * ID number go (encrypted, masked and hashed), their accounts are unlinked (and closed if they held nothing
 * else), and their reports and mediation cases keep their history with the person's name and numbers taken out.
 * The audit row says what was removed and why, never the values. The caller has authorised privacy.anonymise.
 * Throws VALIDATION_FAILED (400) for a blank reason, PRIVACY_CONFIRMATION_MISMATCH (422) when the typed name is
 * not the resident's, and PRIVACY_ALREADY_ANONYMISED (409) for a resident anonymised before.
 */
export async function anonymise(ctx: Ctx, target: ResidentRow, input: { reason: string; confirmName: string }): Promise<AnonymiseResult> {
  const reason = cleanText(input.reason);
  if (reason.length < 2) throw invalid('State the reason for the erasure', [{ path: 'reason', message: 'required' }]);
  const pseudonym = pseudonymOf(target.id);
  if (isPseudonym(target.name, target.id)) throw conflict('PRIVACY_ALREADY_ANONYMISED', 'This resident has already been anonymised');
  if (cleanText(input.confirmName) !== target.name.normalize('NFC')) {
    throw ruleBroken('PRIVACY_CONFIRMATION_MISMATCH', 'The name typed does not match the resident’s name', { issues: [{ path: 'confirmName', message: 'does not match' }] });
  }
  const at = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    // Read again inside the transaction: what is erased is what is stored now, not what the page showed.
    const resident = await getResident(tx, target.id);
    if (!resident || isPseudonym(resident.name, resident.id)) throw conflict('PRIVACY_ALREADY_ANONYMISED', 'This resident has already been anonymised');
    const scrub = scrubberFor(
      { name: resident.name, phone: resident.phone_enc ? ctx.cipher.decrypt(resident.phone_enc) : null, idNumber: resident.id_no_enc ? ctx.cipher.decrypt(resident.id_no_enc) : null },
      pseudonym,
    );
    const userIds = (await accountsOfResident(tx, resident.id)).map((a) => a.id);
    const reportIds = (await reportsOf(tx, ctx.cipher, resident, userIds)).map((r) => r.id);

    // The register entry first: its conditional update claims the resident, so a second erasure sent at the same
    // time waits for this one and then finds nothing to claim.
    const register = await anonymiseResident(tx, resident.id, resident.name, pseudonym, at);
    if (!register) throw conflict('PRIVACY_ALREADY_ANONYMISED', 'This resident has already been anonymised');
    const reports = await anonymiseReporter(tx, { issueIds: reportIds, userIds, pseudonym, scrub });
    const mediation = await anonymiseMediationParty(tx, { residentId: resident.id, pseudonym, scrub });
    const accounts = await detachResidentAccounts(tx, { residentId: resident.id, pseudonym, at });
    const notifications = await scrubNotifications(tx, { issueIds: reportIds, closedUserIds: accounts.disabled, scrub });

    const removed = {
      residentFields: register.fields,
      bodyMemberships: register.bodyMemberships,
      reports: reports.issues,
      reportEvents: reports.events,
      mediationCases: mediation.cases,
      volunteerRecords: mediation.volunteers,
      accountsUnlinked: accounts.accounts.length,
      accountsClosed: accounts.disabled.length,
      notifications,
    };
    await recordAudit(tx, ctx, {
      action: 'privacy.anonymise',
      subjectType: 'resident',
      subjectId: resident.id,
      path: resident.path,
      after: { reason: scrub(reason), pseudonym, removed, reportIds, accountIds: accounts.accounts },
    });
    return { residentId: resident.id, pseudonym, removed };
  });
}
