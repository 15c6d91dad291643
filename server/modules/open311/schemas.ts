import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../core/pagination.ts';
import { Id, Nullable } from '../../core/schemas.ts';

// ---- API keys (the platform's own API, /api/v1) ----

export const ApiKeyT = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** The start of the key, to tell keys apart; the key itself is shown once, when it is made. */
  prefix: Type.String(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  actions: Type.Array(Type.Literal('revoke')),
});
export type ApiKeyT = Static<typeof ApiKeyT>;

export const NewApiKey = Type.Composite([ApiKeyT, Type.Object({ key: Type.String() })]);

export const KeysQuery = Type.Composite([PageQuery, Type.Object({ unitId: Type.Optional(Id) })]);

export const CreateKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }), unitId: Id }, { additionalProperties: false });

// ---- GeoReport v2 (/open311/v2) ----

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));

export const KeyQuery = Type.Object({ api_key: Text(200), jurisdiction_id: Text(80) });

export const RequestsQuery = Type.Object({
  api_key: Text(200),
  jurisdiction_id: Text(80),
  service_request_id: Text(20_000),
  service_code: Text(2000),
  start_date: Text(40),
  end_date: Text(40),
  status: Text(20),
});

export const FileParams = Type.Object({ file: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * A POSTed service request, form-encoded (attribute[nature]=…) or JSON (the same keys, or "attribute": {…}).
 * Unknown keys (device_id, media_url, …) are accepted and ignored, as the specification expects of servers.
 */
export const PostRequestBody = Type.Object({
  api_key: Text(200),
  jurisdiction_id: Text(80),
  service_code: Type.String({ minLength: 1, maxLength: 80 }),
  description: Type.String({ minLength: 1, maxLength: 4000 }),
  address_id: Type.Optional(Id),
  address_string: Text(200),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  first_name: Text(40),
  last_name: Text(40),
  phone: Text(40),
  email: Text(120),
  'attribute[nature]': Text(40),
  'attribute[place_kind]': Text(40),
  attribute: Type.Optional(Type.Object({ nature: Text(40), place_kind: Text(40) })),
});
export type PostRequestBody = Static<typeof PostRequestBody>;
