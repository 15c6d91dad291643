import { Type, type Static } from '@sinclair/typebox';
import { PageQuery } from '../../core/pagination.ts';
import { DateString, Id } from '../../core/schemas.ts';

const Header = Type.String({ minLength: 1, maxLength: 80 });
const OptionalHeader = Type.Optional(Type.String({ maxLength: 80 }));

/** Which column of the source's file holds each field of a work order. */
export const Mapping = Type.Object(
  {
    orderNo: Header,
    title: OptionalHeader,
    body: Header,
    receivedAt: OptionalHeader,
    dueAt: OptionalHeader,
    address: OptionalHeader,
    callerName: OptionalHeader,
    callerPhone: OptionalHeader,
    category: OptionalHeader,
  },
  { additionalProperties: false },
);

export const Source = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  unitName: Type.String(),
  name: Type.String(),
  mapping: Mapping,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export type Source = Static<typeof Source>;

export const SourcesQuery = Type.Composite([Type.Object({ unitId: Type.Optional(Id) }), PageQuery]);

const SourceName = Type.String({ minLength: 1, maxLength: 80 });

export const CreateSourceBody = Type.Object({ unitId: Id, name: SourceName, mapping: Mapping }, { additionalProperties: false });
export type CreateSourceBody = Static<typeof CreateSourceBody>;

export const UpdateSourceBody = Type.Object({ name: Type.Optional(SourceName), mapping: Mapping }, { additionalProperties: false });
export type UpdateSourceBody = Static<typeof UpdateSourceBody>;

export const Preview = Type.Object({
  headers: Type.Array(Type.String()),
  guessed: Type.Partial(Mapping),
  sample: Type.Array(Type.Array(Type.String())),
});

export const ImportQuery = Type.Object({ sourceId: Id });

export const ImportResult = Type.Object({
  imported: Type.Integer(),
  /** Orders the source had already brought in before: skipped. */
  existing: Type.Integer(),
  /** Rows repeating an order number of an earlier row of the same file: skipped. */
  duplicatesInFile: Type.Integer(),
  total: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResult>;

export const ExportQuery = Type.Object({ sourceId: Id, from: Type.Optional(DateString), to: Type.Optional(DateString) });
