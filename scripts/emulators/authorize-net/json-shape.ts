/** Narrowing helpers for request bodies, which arrive as untyped JSON. */

/** A JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True when the value is a JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or an empty object when it is missing or not an object. */
export function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  return isObject(value) ? value : {};
}

/**
 * The value at `key` as a string, or undefined. Numbers are accepted because the JSON API is a translation of the
 * XML one and clients send ids and amounts either way.
 */
export function stringAt(parent: JsonObject, key: string): string | undefined {
  const value = parent[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A repeated XML element as a list: the JSON translation sends one element as an object and several as an array.
 */
export function listAt(parent: JsonObject, key: string): JsonObject[] {
  const value = parent[key];
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}
