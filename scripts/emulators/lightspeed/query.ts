/**
 * Query parameters of a list request, in Lightspeed's syntax: `field=<op>,<value>` with the operator and comma
 * URL-encoded (`timeStamp=%3E%2C2024-01-01T00:00:00-00:00`), `><,a,b` for between (inclusive), `IN,[1,2]`,
 * `~,pat%` for like; plus limit, sort, archived, load_relations, count and the after/before cursors.
 */
import { decodeCursor } from './cursor';
import { LightspeedApiError } from './errors';
import { parseLightspeedTime } from './format';
import type { OrderKey, Stamped } from './record-index';
import type { FieldDef, ResourceDef } from './resources';
import type { Relations } from './serialize';

/** Lightspeed's query operators. */
export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '><' | '~' | '!~' | 'IN';

// Longest first, so '>=' is not read as '>'.
const OPERATORS: readonly Operator[] = ['><', '>=', '<=', '!=', '!~', 'IN', '>', '<', '~', '='];

/** A parsed `field=op,value` condition. */
export interface FieldFilter<T> {
  field: string;
  def: FieldDef<T>;
  op: Operator;
  /** Operands converted to the field's type (times to epoch seconds). */
  values: Array<string | number>;
}

/** A parsed list request. */
export interface ListQuery<T> {
  limit: number;
  byTime: boolean;
  descending: boolean;
  /** The sort parameter to echo into next/previous URLs, e.g. 'saleID' or '-timeStamp'. */
  sortParam: string;
  archived: 'true' | 'false' | 'only';
  filters: Array<FieldFilter<T>>;
  /** Inclusive whole-second bounds implied by timeStamp filters, used to binary-search the time order. */
  timeWindow: { from: number; to: number };
  relations: Relations;
  cursor?: { direction: 'after' | 'before'; key: OrderKey };
  count: boolean;
}

/** Lightspeed caps a page at 100 records. */
export const MAX_LIMIT = 100;

const bad = (message: string): LightspeedApiError => new LightspeedApiError(400, message, 'BadRequestException');

/** Parses the query string of GET /{Resource}.json. */
export function parseListQuery<T extends Stamped>(params: URLSearchParams, def: ResourceDef<T>): ListQuery<T> {
  const count = params.get('count') === '1';
  if (count && ['limit', 'sort', 'after', 'before'].some((p) => params.has(p))) {
    throw bad('count cannot be combined with limit, sort, after or before.');
  }
  if (params.has('or')) throw bad("The emulator does not support 'or' queries.");
  if (params.has('offset') || params.has('orderby')) throw bad('offset and orderby were removed in V3; use the next URL and sort.');

  const limitRaw = params.get('limit');
  const limitValue = limitRaw === null ? MAX_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limitValue) || limitValue < 0) throw bad(`Invalid limit: ${limitRaw}.`);
  const limit = Math.min(MAX_LIMIT, Math.max(1, limitValue));

  const sortParam = params.get('sort') ?? def.idField;
  const descending = sortParam.startsWith('-');
  const sortField = descending ? sortParam.slice(1) : sortParam;
  if (sortField !== def.idField && sortField !== 'timeStamp') {
    throw bad(`Invalid sort field ${sortField}. The emulator sorts ${def.name} by: ${def.idField}, timeStamp.`);
  }
  const byTime = sortField === 'timeStamp';

  const archivedRaw = params.get('archived') ?? 'false';
  const archived = archivedRaw === '1' ? 'true' : archivedRaw === '0' ? 'false' : archivedRaw;
  if (archived !== 'true' && archived !== 'false' && archived !== 'only') {
    throw bad(`Invalid archived value ${archivedRaw}: use true, false or only.`);
  }

  const filters: Array<FieldFilter<T>> = [];
  for (const [field, raw] of params) {
    const fieldDef = def.fields[field];
    // `archived` is the archive switch above, not a field filter.
    if (!fieldDef || field === 'archived') continue;
    filters.push(parseFilter(field, fieldDef, raw));
  }

  const after = params.get('after');
  const before = params.get('before');
  if (after !== null && before !== null) throw bad('after and before cannot be combined.');
  const cursor =
    after !== null
      ? { direction: 'after' as const, key: decodeCursor(after, byTime, 'after') }
      : before !== null
        ? { direction: 'before' as const, key: decodeCursor(before, byTime, 'before') }
        : undefined;

  return {
    limit,
    byTime,
    descending,
    sortParam,
    archived,
    filters,
    timeWindow: timeWindowOf(filters),
    relations: parseRelations(params.get('load_relations'), def.allRelations),
    cursor,
    count,
  };
}

function parseFilter<T>(field: string, def: FieldDef<T>, raw: string): FieldFilter<T> {
  const op = OPERATORS.find((candidate) => raw.startsWith(`${candidate},`)) ?? '=';
  const operand = raw.startsWith(`${op},`) ? raw.slice(op.length + 1) : raw;
  let operands: string[];
  if (op === 'IN') {
    operands = operand.startsWith('[') ? parseJsonList(operand, field) : operand.split(',');
    if (operands.length > 100) throw bad(`At most 100 values may be passed to IN for ${field}.`);
  } else if (op === '><') {
    operands = operand.split(',');
    if (operands.length !== 2) throw bad(`The between operator needs two values for ${field}.`);
  } else {
    operands = [operand];
  }
  const values = operands.map((value) => convert(field, def, value, op));
  return { field, def, op, values };
}

function parseJsonList(operand: string, field: string): string[] {
  try {
    const list: unknown = JSON.parse(operand);
    if (Array.isArray(list)) return list.map((value) => String(value));
  } catch {
    // fall through to the error below
  }
  throw bad(`Invalid IN list for ${field}.`);
}

function convert<T>(field: string, def: FieldDef<T>, value: string, op: Operator): string | number {
  if (op === '~' || op === '!~' || def.kind === 'string') return value;
  if (def.kind === 'time') {
    const seconds = parseLightspeedTime(value);
    if (seconds === undefined) throw bad(`Invalid date for ${field}: ${value}. Use YYYY-MM-DDTHH:MM:SS-00:00.`);
    return seconds;
  }
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) throw bad(`Invalid number for ${field}: ${value}.`);
  return number;
}

function timeWindowOf<T>(filters: Array<FieldFilter<T>>): { from: number; to: number } {
  let from = -Infinity;
  let to = Infinity;
  for (const { field, op, values } of filters) {
    if (field !== 'timeStamp') continue;
    const [a, b] = values as number[];
    // Stamps are whole seconds, so open bounds become the neighbouring whole second.
    if (op === '>') from = Math.max(from, Math.floor(a as number) + 1);
    if (op === '>=' || op === '=' || op === '><') from = Math.max(from, Math.ceil(a as number));
    if (op === '<') to = Math.min(to, Math.ceil(a as number) - 1);
    if (op === '<=' || op === '=') to = Math.min(to, Math.floor(a as number));
    if (op === '><') to = Math.min(to, Math.floor(b as number));
  }
  return { from, to };
}

function parseRelations(raw: string | null, all: readonly string[]): Relations {
  if (raw === null || raw === '') return { has: () => false };
  if (raw === 'all') return { has: (name) => all.includes(name) };
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw bad('load_relations must be "all" or a JSON array of relation names.');
  }
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string')) {
    throw bad('load_relations must be "all" or a JSON array of relation names.');
  }
  const names = new Set(list as string[]);
  return { has: (name) => names.has(name) };
}

/** Whether a record passes one filter. */
export function passesFilter<T>(record: T, filter: FieldFilter<T>): boolean {
  const actual = filter.def.get(record);
  const [a, b] = filter.values;
  switch (filter.op) {
    case '=':
      return actual === a;
    case '!=':
      return actual !== a;
    case '>':
      return (a as number) < (actual as number);
    case '>=':
      return (a as number) <= (actual as number);
    case '<':
      return (actual as number) < (a as number);
    case '<=':
      return (actual as number) <= (a as number);
    case '><':
      return (a as number) <= (actual as number) && (actual as number) <= (b as number);
    case 'IN':
      return filter.values.some((value) => value === actual);
    case '~':
      return likePattern(String(a)).test(String(actual));
    case '!~':
      return !likePattern(String(a)).test(String(actual));
  }
}

function likePattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}
