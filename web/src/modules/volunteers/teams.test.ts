import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../app/types';
import { catalogs, flatten } from '../../i18n/resources';
import { isVolunteerTeam, VOLUNTEER_TEAMS } from './types';

// The server keeps teams as free codes and leaves naming them to the web: every team offered in the form
// must have a name in every language, or the picker would show a bare code.
describe('volunteer teams', () => {
  it.each(LANGUAGES)('are all named in %s', (language) => {
    const flat = flatten(catalogs[language]);
    const unnamed = VOLUNTEER_TEAMS.filter((team) => !flat.get(`volunteers.teams.${team}`)?.trim());
    expect(unnamed).toEqual([]);
  });

  it('are codes the API accepts', () => {
    for (const team of VOLUNTEER_TEAMS) expect(team).toMatch(/^[a-z][a-z_]{1,29}$/);
  });

  it('recognises only the named teams in a link', () => {
    expect(isVolunteerTeam('mediation')).toBe(true);
    expect(isVolunteerTeam('Mediation')).toBe(false);
    expect(isVolunteerTeam(null)).toBe(false);
  });
});
