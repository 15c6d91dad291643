import { describe, expect, it } from 'vitest';
import { caseNumber, commandsAllowed, committeeName, dateProblems, hasAgreement, isCalendarDate, localDay, mediatorServes, partyProblems } from './cases.ts';

describe('the states of a case', () => {
  it('allows sessions, agreement and failure only while open, the return visit only once agreed', () => {
    expect(commandsAllowed('open')).toEqual(['addSession', 'recordAgreement', 'recordFailure']);
    expect(commandsAllowed('agreed')).toEqual(['recordVisit']);
    expect(commandsAllowed('failed')).toEqual([]);
    expect(commandsAllowed('closed')).toEqual([]);
    expect(commandsAllowed('archived')).toEqual([]);
  });

  it('has an agreement document while agreed and after the visit, never when failed', () => {
    expect(hasAgreement({ status: 'agreed', terms: '赔偿' })).toBe(true);
    expect(hasAgreement({ status: 'closed', terms: '赔偿' })).toBe(true);
    expect(hasAgreement({ status: 'closed', terms: null })).toBe(false);
    expect(hasAgreement({ status: 'failed', terms: null })).toBe(false);
    expect(hasAgreement({ status: 'open', terms: null })).toBe(false);
  });
});

describe('numbers, names and dates', () => {
  it('numbers a case by its local year of opening', () => {
    expect(caseNumber(12, '2026-06-01T02:00:00.000Z')).toBe('（2026）调字第0012号');
    // 20:00 UTC on 31 December is already New Year in Lhasa.
    expect(caseNumber(7, '2025-12-31T20:00:00.000Z')).toBe('（2026）调字第0007号');
  });

  it('names the committee after the community', () => {
    expect(committeeName('林琼社区')).toBe('林琼社区人民调解委员会');
  });

  it('takes the local date in Asia/Shanghai time', () => {
    expect(localDay(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(localDay(new Date('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });

  it('refuses future dates and deadlines before the agreement', () => {
    expect(dateProblems('2026-11-27', { heldOn: '2026-11-27' })).toEqual([]);
    expect(dateProblems('2026-11-27', { heldOn: '2026-11-28' })).toEqual([{ path: 'heldOn', message: 'lies in the future', reason: 'future' }]);
    expect(dateProblems('2026-11-27', { agreedOn: '2026-11-20', performBy: '2026-12-31' }, [['performBy', '2026-11-20']], ['performBy'])).toEqual([]);
    expect(dateProblems('2026-11-27', { agreedOn: '2026-11-20', performBy: '2026-11-19' }, [['performBy', '2026-11-20']], ['performBy'])).toEqual([
      { path: 'performBy', message: 'may not be before 2026-11-20', reason: 'order' },
    ]);
  });
});

describe('who may mediate and who takes part', () => {
  const compound = '/1/2/3/';
  it('lets a volunteer of a compound mediate anywhere in it, from any building', () => {
    expect(mediatorServes(compound, '/1/2/3/10/')).toBe(true);
    expect(mediatorServes('/1/2/3/11/', '/1/2/3/10/')).toBe(true);
    expect(mediatorServes('/1/2/3/11/', compound)).toBe(true);
    expect(mediatorServes('/1/2/', '/1/2/4/20/')).toBe(true);
  });

  it('keeps a volunteer out of other compounds', () => {
    expect(mediatorServes('/1/2/4/', '/1/2/3/10/')).toBe(false);
    expect(mediatorServes('/1/2/4/20/', compound)).toBe(false);
    expect(mediatorServes('/1/2/3/', '/1/2/')).toBe(false);
  });

  it('needs at least one applicant and one respondent, each named', () => {
    expect(partyProblems([{ role: 'applicant', name: '洛桑' }, { role: 'respondent', name: '王伟' }])).toEqual([]);
    expect(partyProblems([{ role: 'applicant', name: '洛桑' }, { role: 'applicant', name: ' ' }]).map((p) => p.path)).toEqual(['parties.1.name', 'parties']);
  });
});
