import fc from 'fast-check';
import type { Route } from '@shared/http/route';
import type { InputField } from '../../scripts/routes/input-fields';
import { inputFields } from '../../scripts/routes/input-fields';
import type { RawRequest } from './raw-http';

/** JSON text written as is: what JSON.stringify cannot produce (1e309, NaN, -0) or a deliberately broken document. */
class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON object as an ordered list of entries, so keys like `__proto__` are sent as written. */
class JsonObject {
  constructor(readonly entries: Array<[string, JsonValue]>) {}
}

type JsonValue = string | number | boolean | null | RawJson | JsonObject | JsonValue[];

function jsonText(value: JsonValue): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof JsonObject) return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  return JSON.stringify(value) ?? 'null';
}

/** The value as it would sit in a query string, before encoding. */
function queryText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  return jsonText(value);
}

const HUNDRED_KB = 'x'.repeat(100_000);

/** Strings a careless or hostile client sends: control and bidi characters, traversal, injections, impossible dates, odd digits. */
const nastyText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u0007\u001b[2J',
  '\r\nX-Injected: 1',
  '\u202eevil',
  '\ufeff',
  '\ud83d\ude42',
  'Z\u0308\u0301\u0327',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '%ZZ',
  "' OR 1=1 --",
  '"; DROP TABLE memberships; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '2026-02-30',
  '2026-13-01',
  '1900-02-29',
  '0000-00-00',
  '9999-12-31',
  '-001-01-01',
  '2026-02-28T25:61:61Z',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '-1',
  '-59.99',
  '0.001',
  '59.999',
  '0x1F',
  '1_000',
  '١٢٣',
  '１２３',
  '4111 1111 1111 1111',
  'true',
  'null',
  'undefined',
  '__proto__',
  HUNDRED_KB,
);

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Money and counts no caller should send: negative, fractional, NaN, beyond a double, beyond a safe integer. */
const hostileNumber: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(-1, -0.01, 0, 0.001, 1.005, 12.345, 2 ** 53 + 1, -(2 ** 63), 1e21, 1e-7),
  fc.constantFrom<JsonValue>(new RawJson('1e309'), new RawJson('-1e309'), new RawJson('NaN'), new RawJson('-0'), new RawJson('1E400')),
  fc.integer().map((n): JsonValue => n),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n): JsonValue => n),
);

const { hostileValue } = fc.letrec<{ hostileValue: JsonValue }>((tie) => ({
  hostileValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: hostileString },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom<JsonValue>(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie('hostileValue'), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.string({ maxLength: 8 })), tie('hostileValue')), { maxLength: 3 })
        .map((entries) => new JsonObject(entries)),
    },
  ),
}));

let nonce = 0;
/**
 * Card tokens as the payment form makes them, for the Authorize.Net emulator: approved (single-use, so each draw gets
 * a fresh nonce), declined, or one the gateway cannot read.
 */
const cardToken: fc.Arbitrary<JsonValue> = fc
  .constantFrom('tok_visa_test', 'tok_visa_test', 'tok_declined', 'tok_garbage')
  .map((card) => (card === 'tok_garbage' ? card : `${card}_fuzz${++nonce}`));

/** Values that often pass a field's validation; each field keeps those its own schema accepts. */
const COMMON_VALUES: JsonValue[] = ['cust-1', 'GOLD', 'silver', 'Ada Lovelace', 'TX', 'ok', 'full', 'incremental', 'payments', '59.99', '12', 12, true];

/** A value the field's schema would accept, or close to it: the path past validation into the handler. */
function plausibleValue(field: Pick<InputField, 'name' | 'schema' | 'zod'>): fc.Arbitrary<JsonValue> {
  const { name, schema, zod } = field;
  if (name === 'token') return cardToken;
  if (schema.enum?.length) {
    const values = schema.enum as JsonValue[];
    return fc.constantFrom(...values, ...values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));
  }
  if (schema.type === 'object' || schema.properties) {
    const fields = Object.entries(schema.properties ?? {}).map(([key, sub]) => ({ name: key, required: true, schema: sub }));
    return plausibleObject(fields);
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.format === 'email') return fc.constantFrom('shopper@example.com', 'a.b+c@shop.example.org');
  if (schema.pattern?.includes('[0-9]{4}')) return fc.constantFrom('1234', '0000', '9876');
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return fc.constantFrom('1990-05-17', '2005-12-31', '2026-02-29', '1899-01-01');
  const accepted = zod ? COMMON_VALUES.filter((v) => zod.safeParse(v).success) : [];
  return fc.constantFrom(...(accepted.length > 0 ? accepted : COMMON_VALUES));
}

function plausibleObject(fields: InputField[]): fc.Arbitrary<JsonValue> {
  return fc.tuple(...fields.map((f) => plausibleValue(f))).map((values) => new JsonObject(fields.map((f, i) => [f.name, values[i]])));
}

/** One field as sent: usually plausible, often hostile, sometimes left out. */
function fieldValue(field: InputField): fc.Arbitrary<JsonValue | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: plausibleValue(field) },
    { weight: 2, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Entries for the declared fields (some missing, some wrong), plus undeclared ones now and then. */
function fieldEntries(fields: InputField[]): fc.Arbitrary<Array<[string, JsonValue]>> {
  return fc
    .tuple(
      fc.tuple(...fields.map((f) => fieldValue(f).map((v) => [f.name, v] as const))),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', 'customerId', 'role', 'admin'), fc.string({ maxLength: 10 })), hostileValue), { maxLength: 2 }),
    )
    .map(([declared, extra]) => [...declared.filter((e): e is readonly [string, JsonValue] => e[1] !== undefined).map(([k, v]) => [k, v] as [string, JsonValue]), ...extra]);
}

const MALFORMED_JSON = [
  '{"a":',
  '{',
  '}',
  "{'a': 1}",
  '{"a": 1,}',
  '{"a": 1}garbage',
  'NaN',
  '[1, 2',
  '\u0000',
  '{"a": "\\ud800"}',
  '{"a": "\\u00"}',
  '[' .repeat(50_000),
  '{"a": 1}\u0000',
  '\ufeff{"a": 1}',
];

/** A request body: an object built from the route's schema, another JSON value, malformed JSON, or nothing. */
function bodyText(route: Route<any, any>): fc.Arbitrary<string | undefined> {
  const fields = inputFields(route.body);
  return fc.oneof(
    { weight: 6, arbitrary: fieldEntries(fields).map((entries) => jsonText(new JsonObject(entries))) },
    { weight: 1, arbitrary: hostileValue.map(jsonText) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A query string from the route's declared fields (plus strays), or one that is broken as a whole. */
function queryString(route: Route<any, any>): fc.Arbitrary<Buffer> {
  const fields = inputFields(route.query);
  const encoded = fieldEntries(fields).map((entries) =>
    Buffer.from(entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(queryText(v))}`).join('&')),
  );
  const broken = fc.constantFrom(
    Buffer.from('%ZZ=1'),
    Buffer.from('a=%E0%A4%A'),
    Buffer.from('subtotal=1&subtotal=2&days=3&days=x'),
    Buffer.from('&&&=&='),
    Buffer.from(`q=${'a'.repeat(20_000)}`),
    Buffer.concat([Buffer.from('store='), Buffer.from('Zürich', 'utf8')]),
    Buffer.from([0x71, 0x3d, 0xff, 0xfe]),
  );
  return fc.oneof({ weight: 5, arbitrary: encoded }, { weight: 2, arbitrary: broken });
}

/**
 * A path parameter as it appears in the request target: an id the stack handed out earlier in the run (so requests
 * reach records that exist), a known name, an encoded hostile string, or something raw and broken.
 */
const pathValue = (knownIds: readonly string[]): fc.Arbitrary<Buffer> => fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((i) => Buffer.from(encodeURIComponent(knownIds[i % knownIds.length] ?? 'cust-1'))) },
  { weight: 3, arbitrary: fc.constantFrom('cust-1', 'square', 'lightspeed', 'admin-1').map((v) => Buffer.from(v)) },
  { weight: 3, arbitrary: hostileString.filter((s) => s.length < 2000).map((s) => Buffer.from(encodeURIComponent(s))) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('%ZZ', '%E0%A4%A', '%', '%%', '%00', '..', '.', '..%2F..%2Fetc%2Fpasswd', 'a%2Fb', '%C0%AE%C0%AE', '%FF%FE', '%ED%A0%80')
      .map((v) => Buffer.from(v)),
  },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from('caf\u00e9', 'utf8'), Buffer.from([0x63, 0xff, 0x00])) },
  { weight: 1, arbitrary: fc.constant(Buffer.from('a'.repeat(20_000))) },
);

/** The request target of a route with the given values in place of its parameters. */
export function targetOf(pattern: string, values: Buffer[], query?: Buffer): Buffer {
  let i = 0;
  const parts = pattern.split(/(:[^/]+)/).map((part) => (part.startsWith(':') ? values[i++] : Buffer.from(part)));
  return Buffer.concat(query?.length ? [...parts, Buffer.from('?'), query] : parts);
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
];

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'OPTIONS'];

/**
 * Everything a fuzzed request to one route varies. `tokens` are valid bearer tokens, an admin's first: admin routes
 * get only that one (a customer's would stop at 403), customer routes both. `knownIds` may grow while the run goes.
 */
export function hostileRequests(route: Route<any, any>, tokens: string[], knownIds: readonly string[] = []): fc.Arbitrary<RawRequest> {
  const params = (route.path.match(/:[^/]+/g) ?? []).length;
  return fc
    .record({
      method: fc.oneof(
        { weight: 8, arbitrary: fc.constant(route.method as string) },
        { weight: 1, arbitrary: fc.constant('HEAD') },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS.filter((m) => m !== route.method)) },
      ),
      values: fc.array(pathValue(knownIds), { minLength: params, maxLength: params }),
      query: fc.option(queryString(route), { nil: undefined, freq: 3 }),
      body: bodyText(route),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined, freq: 5 }),
      token: route.access === 'admin' ? fc.constant(tokens[0]) : fc.constantFrom(...tokens),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }).map((s) => s.replace(/[\r\n]/g, ''))), { nil: undefined, freq: 2 }),
    })
    .map(({ method, values, query, body, contentType, token, idempotencyKey }) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      if (contentType) headers['Content-Type'] = contentType;
      if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
      return { method, target: targetOf(route.path, values, query), headers, body };
    });
}

/** Requests every route must survive, whatever fast-check draws: issue 11's malformed escapes, raw bytes, long paths, HEAD. */
export function fixedHostileRequests(route: Route<any, any>, token: string): RawRequest[] {
  const params = (route.path.match(/:[^/]+/g) ?? []).length;
  const fill = (value: string | Buffer) => targetOf(route.path, Array.from({ length: params }, () => Buffer.from(value)));
  const auth = { Authorization: `Bearer ${token}` };
  const escape = params > 0 ? fill('%ZZ') : Buffer.from(`${route.path}%ZZ`);
  return [
    { method: route.method, target: escape, headers: auth },
    { method: route.method, target: params > 0 ? fill('%E0%A4%A') : Buffer.from(`${route.path}/%E0%A4%A`), headers: auth },
    { method: route.method, target: Buffer.concat([fill('cust-1'), Buffer.from('?q='), Buffer.from('Zürich', 'utf8')]), headers: auth },
    { method: route.method, target: params > 0 ? fill('a'.repeat(20_000)) : Buffer.from(`${route.path}/${'a'.repeat(20_000)}`), headers: auth },
    { method: 'HEAD', target: fill('cust-1'), headers: auth },
    { method: route.method, target: fill('cust-1'), headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"a":' },
    { method: route.method, target: fill('cust-1'), headers: { ...auth, 'Content-Type': 'text/plain' }, body: `{"x":"${HUNDRED_KB}"}` },
  ];
}

/**
 * Adds the ids a successful answer hands out (`id`, `raffleId`, `verificationId`, …) to `known`, keeping the newest
 * `max`: a function's routes are fuzzed together, so the ids its own create routes just made are the ones drawn.
 */
export function collectIds(value: unknown, known: string[], max = 32): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && /(^id|Id)$/.test(key) && field.length < 100) {
      if (!known.includes(field)) known.push(field);
      if (known.length > max) known.shift();
    } else collectIds(field, known, max);
  }
}
