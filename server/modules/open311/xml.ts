/**
 * XML for Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/). The specification makes XML the required
 * format and JSON a mapping of it: a list is a plural element repeating a singular child (services/service,
 * service_requests/request, attributes/attribute, values/value, errors/error), booleans are `true`/`false`, and
 * an absent value is an empty element. No namespace, UTF-8, with the XML declaration.
 */

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Lists whose child is not the list's name without its final s (services/service, attributes/attribute, …). */
const LIST_ITEMS: Readonly<Record<string, string>> = { service_requests: 'request' };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function itemName(list: string): string {
  return LIST_ITEMS[list] ?? (list.length > 1 && list.endsWith('s') ? list.slice(0, -1) : 'item');
}

// Characters XML 1.0 cannot carry at all, not even escaped (control characters, lone surrogates, U+FFFE/U+FFFF):
// residents paste text from anywhere, and one such character would make the whole document unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function content(value: unknown, name: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) {
    const child = itemName(name);
    return value.map((v: unknown) => element(child, v)).join('');
  }
  if (typeof value === 'object') return Object.entries(value).map(([k, v]: [string, unknown]) => element(k, v)).join('');
  throw new Error(`Open311 XML: cannot write a ${typeof value} as <${name}>`);
}

// Element names come from code (field names), never from users: a bad one is a programming error.
function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Open311 XML: invalid element name ${JSON.stringify(name)}`);
  return name;
}

function element(name: string, value: unknown): string {
  return `<${checkName(name)}>${content(value, name)}</${name}>`;
}

/**
 * A GeoReport list document: `<root><item>…</item>…</root>`, each item's fields as child elements in their order.
 * Takes any objects (also interface-typed ones, which are not assignable to `Record<string, unknown>`).
 */
export function toXml(root: string, item: string, items: readonly object[]): string {
  return `${DECLARATION}<${checkName(root)}>${items.map((i) => element(item, i)).join('')}</${root}>`;
}

/** The attribute datatypes GeoReport v2 defines. */
export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  /** The choices of a singlevaluelist or multivaluelist. */
  values?: readonly { key: string | number; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: readonly Open311Attribute[];
}

/** A document of one object: `<root>` with its fields as child elements (the discovery document, for one). */
export function documentXml(root: string, value: object): string {
  return DECLARATION + element(root, value);
}

/** The GET Service Definition document: `<service_definition>` with `<attributes><attribute>…<values><value>`. */
export function serviceDefinitionXml(def: Open311ServiceDefinition): string {
  return documentXml('service_definition', def);
}

/** The GeoReport error document; `code` is usually the HTTP status. */
export function errorsXml(errors: readonly { code: number; description: string }[]): string {
  return toXml('errors', 'error', errors);
}
