/** Validation of request parameters the way Square validates them, with Square's error codes. */
import { createHash } from 'node:crypto';
import { badRequest } from './square-errors';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp to ms; anything else is 400 INVALID_TIME naming the field. */
export function parseTime(value: unknown, field: string): number {
  const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value.toUpperCase()) : NaN;
  if (Number.isNaN(ms)) throw badRequest('INVALID_TIME', `Invalid RFC 3339 timestamp for \`${field}\`: ${String(value)}`, field);
  return ms;
}

/** Parses an optional timestamp. */
export const optionalTime = (value: unknown, field: string): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : parseTime(value, field);

/** Parses an integer that may arrive as a query string or a JSON number. */
export function parseInteger(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) throw badRequest('EXPECTED_INTEGER', `Expected an integer for \`${field}\`.`, field);
  return n;
}

/** Checks an enum value, defaulting when absent. */
export function parseEnum<T extends string>(value: unknown, allowed: readonly T[], fallback: T, field: string, code = 'INVALID_ENUM_VALUE'): T {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(code, `\`${String(value)}\` is not a valid value for \`${field}\`; expected one of ${allowed.join(', ')}.`, field);
}

/** Checks an optional boolean field of a JSON body. */
export function parseBoolean(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw badRequest('EXPECTED_BOOLEAN', `Expected a boolean for \`${field}\`.`, field);
  return value;
}

/** Checks that a JSON body field, when present, is an object. */
export function parseObject(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest('EXPECTED_OBJECT', `Expected an object for \`${field}\`.`, field);
  return value as Record<string, unknown>;
}

/** A short stable digest of a query's filters, so a cursor can only continue the query that produced it. */
export function fingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/** One calendar year before `ms`: Square's default start of payment and refund listings. */
export function oneYearBefore(ms: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.getTime();
}
