import { describe, expect, it } from 'vitest';
import { catalogs, flatten } from '../../i18n/resources';
import { LANGUAGES } from '../../app/types';
import {
  ACTIONS,
  BODY_KINDS,
  HANDLER_KINDS,
  HANDLING_LEVELS,
  NATURES,
  PLACE_KINDS,
  QUEUE_VIEWS,
  RATINGS,
  REJECT_REASONS,
  SIZES,
  SOURCES,
  STATUSES,
  TARGET_KINDS,
} from './types';

// The issue pages build many keys from the contract's enumerations; every value needs a name in every language.
describe('issue catalogs', () => {
  const expected = [
    ...STATUSES.flatMap((v) => [`issues.status.${v}`, `issues.publicStatus.${v}`]),
    ...ACTIONS.flatMap((v) => [`issues.actions.${v}`, `issues.events.${v}`]),
    ...['report', 'remind', 'overdue'].map((v) => `issues.events.${v}`),
    ...SIZES.map((v) => `issues.size.${v}`),
    ...HANDLING_LEVELS.map((v) => `issues.level.${v}`),
    ...NATURES.map((v) => `issues.nature.${v}`),
    ...SOURCES.map((v) => `issues.source.${v}`),
    ...PLACE_KINDS.flatMap((v) => [`issues.placeKind.${v}`, `issues.public.place.${v}`]),
    ...[...RATINGS, 'none'].map((v) => `issues.rating.${v}`),
    ...REJECT_REASONS.map((v) => `issues.rejectReason.${v}`),
    ...BODY_KINDS.map((v) => `issues.bodyKind.${v}`),
    ...HANDLER_KINDS.map((v) => `issues.handlerKind.${v}`),
    ...QUEUE_VIEWS.flatMap((v) => [`issues.views.${v}`, `issues.empty.${v}`]),
    ...TARGET_KINDS.map((v) => `issues.target.${v}`),
    ...['total', 'open', 'overdue', 'supervised'].map((v) => `issues.stats.${v}`),
  ];

  it.each(LANGUAGES)('%s names every status, action, size, level, source, rating and reason', (language) => {
    const flat = flatten(catalogs[language]);
    expect(expected.filter((key) => !flat.get(key))).toEqual([]);
  });
});
