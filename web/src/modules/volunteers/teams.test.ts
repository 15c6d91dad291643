import { describe, expect, it } from 'vitest';
import { VOLUNTEER_TEAMS as SERVER_TEAMS } from '../../../../server/modules/mediation/rules/volunteers';
import { LANGUAGES } from '../../app/types';
import { catalogs, flatten } from '../../i18n/resources';
import { isVolunteerTeam, VOLUNTEER_TEAMS } from './types';

// The server checks teams against its list and leaves naming them to the web: the form offers exactly that
// list, and every team has a name in every language, or the picker would show a bare code.
describe('volunteer teams', () => {
  it.each(LANGUAGES)('are all named in %s', (language) => {
    const flat = flatten(catalogs[language]);
    const unnamed = VOLUNTEER_TEAMS.filter((team) => !flat.get(`volunteers.teams.${team}`)?.trim());
    expect(unnamed).toEqual([]);
  });

  it('are exactly the teams the API accepts', () => {
    expect([...VOLUNTEER_TEAMS]).toEqual([...SERVER_TEAMS]);
  });

  it('recognises only the named teams in a link', () => {
    expect(isVolunteerTeam('mediation')).toBe(true);
    expect(isVolunteerTeam('Mediation')).toBe(false);
    expect(isVolunteerTeam(null)).toBe(false);
  });
});
