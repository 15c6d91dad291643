import type { Services } from '../../../core/context.ts';
import { invalid, notFound } from '../../../core/errors.ts';
import { cleanText } from '../../../core/schemas.ts';
import { matchPlace, placesWithin } from '../../hotline/index.ts';
import { reportIssue, type ReportResult, type Writer } from '../../issues/index.ts';
import { getUnit } from '../../org/index.ts';
import { categoryFacts, type KeyRow } from '../queries.ts';
import { natureOf, personName, placeKindOf, servicesOf, titleFrom } from '../rules/georeport.ts';
import type { PostRequestBody } from '../schemas.ts';

interface Place {
  id: number;
  level: 'building' | 'compound';
}

/** The building or compound a request is about, inside the key's subtree: by id, or read from the address text. */
async function placeOf(services: Services, key: KeyRow, body: PostRequestBody): Promise<Place> {
  if (body.address_id !== undefined) {
    const unit = await getUnit(services.db, body.address_id);
    if (!unit || !unit.path.startsWith(key.path)) throw notFound('address_id');
    if (unit.level !== 'building' && unit.level !== 'compound') throw invalid('address_id must be a building or a compound', [{ path: 'address_id', message: 'not a building or compound' }]);
    return { id: unit.id, level: unit.level };
  }
  if (body.address_string?.trim()) {
    const found = matchPlace(body.address_string, await placesWithin(services.db, key.path));
    if (!found) throw invalid('address_string names no compound or building this key may report in', [{ path: 'address_string', message: 'no match' }]);
    return { id: found.id, level: found.level };
  }
  if (body.lat !== undefined || body.long !== undefined) throw invalid('Locations by lat/long are not supported: send address_id or address_string', [{ path: 'lat', message: 'not supported' }]);
  throw invalid('Send address_id or address_string', [{ path: 'address_id', message: 'required' }]);
}

/**
 * A service request from an Open311 client becomes an issue (source open311) at the building or compound it
 * names inside the key's subtree, routed like any report. Throws VALIDATION_FAILED for a code that is not a
 * service, a bad attribute or an unreadable address, NOT_FOUND for an address_id outside the key's subtree.
 */
export async function postRequest(services: Services, key: KeyRow, body: PostRequestBody, requestId: string): Promise<ReportResult> {
  const categories = await categoryFacts(services.db);
  const service = servicesOf(categories).find((s) => s.service_code === body.service_code);
  const category = service && categories.find((c) => c.code === service.service_code);
  if (!category) throw invalid(`service_code ${body.service_code} is not an offered service`, [{ path: 'service_code', message: 'unknown service' }]);
  const nature = natureOf(body['attribute[nature]'] ?? body.attribute?.nature);
  const chosenKind = placeKindOf(body['attribute[place_kind]'] ?? body.attribute?.place_kind);
  const place = await placeOf(services, key, body);
  if (chosenKind === 'building' && place.level !== 'building') throw invalid('attribute[place_kind] building needs a building address', [{ path: 'attribute[place_kind]', message: 'not a building' }]);
  const description = cleanText(body.description);
  if (description === '') throw invalid('Describe the problem', [{ path: 'description', message: 'empty' }]);
  const w: Writer = { services, actor: null, actorName: `Open311 · ${key.name}`, requestId };
  return reportIssue(w, {
    title: titleFrom(description),
    body: description,
    categoryId: category.id,
    nature,
    unitId: place.id,
    placeKind: chosenKind ?? (place.level === 'building' ? 'building' : 'common'),
    source: 'open311',
    reporterName: personName(body.first_name, body.last_name),
    reporterPhone: body.phone,
    showName: false,
  });
}
