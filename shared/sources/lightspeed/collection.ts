/**
 * Lightspeed renders collections the way its XML did: several elements are an array, exactly one is a bare object,
 * and none leaves the key out. This undoes that, so callers always see a list.
 */
export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
