/**
 * The opaque `after`/`before` values. Lightspeed's are base64 JSON of the sort key of the boundary record:
 * `[100]` when sorted by id, `["2021-11-01T14:55:51+00:00",544]` when sorted by timeStamp. We produce the same.
 */
import { LightspeedApiError } from './errors';
import { formatTime, parseLightspeedTime } from './format';
import type { OrderKey } from './record-index';

/** Encodes the sort key of a boundary record. */
export function encodeCursor(key: OrderKey, byTime: boolean): string {
  const value = byTime ? [formatTime(key.timeStamp ?? 0), key.id] : [key.id];
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

/** Decodes an `after`/`before` value for the given sort; a value made for another sort is a 400. */
export function decodeCursor(raw: string, byTime: boolean, param: string): OrderKey {
  // A '+' that was sent unencoded arrives as a space.
  const text = Buffer.from(raw.replace(/ /g, '+'), 'base64').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LightspeedApiError(400, `Invalid value for ${param}.`, 'BadRequestException');
  }
  if (Array.isArray(value) && !byTime && value.length === 1 && Number.isInteger(value[0])) {
    return { id: value[0] as number };
  }
  if (Array.isArray(value) && byTime && value.length === 2 && typeof value[0] === 'string' && Number.isInteger(value[1])) {
    const timeStamp = parseLightspeedTime(value[0]);
    if (timeStamp !== undefined) return { timeStamp, id: value[1] as number };
  }
  throw new LightspeedApiError(400, `Invalid value for ${param}: it does not match the sort order.`, 'BadRequestException');
}
