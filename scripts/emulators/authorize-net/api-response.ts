import { API_MESSAGES, type ApiMessageCode } from './response-codes';
import type { JsonObject } from './json-shape';

/** The `messages` element every response carries. */
export interface ApiMessages {
  resultCode: 'Ok' | 'Error';
  message: { code: string; text: string }[];
}

/** What a handler produces: the body to send and, for tok_timeout, how long to hang before sending it. */
export interface ApiResult {
  body: JsonObject;
  delayMs?: number;
}

/**
 * `messages` for one code; I-codes are Ok and E-codes are Error, as on the real gateway. `text` replaces the
 * code's standard text where the gateway fills in details (E00039 names the duplicate record).
 */
export function apiMessages(code: ApiMessageCode, text: string = API_MESSAGES[code]): ApiMessages {
  return {
    resultCode: code.startsWith('I') ? 'Ok' : 'Error',
    message: [{ code, text }],
  };
}

/** A body holding only `refId` (echoed when the request sent one) and `messages`. */
export function messagesOnly(code: ApiMessageCode, refId: string | undefined, text?: string): ApiResult {
  return { body: { ...refIdField(refId), messages: apiMessages(code, text) } };
}

/** `{ refId }` when the request sent one, else nothing: the gateway echoes refId and omits it otherwise. */
export function refIdField(refId: string | undefined): { refId?: string } {
  return refId === undefined ? {} : { refId };
}

/**
 * Serialises a body the way the real endpoint does: UTF-8 JSON preceded by a byte-order mark, which makes a plain
 * `JSON.parse(text)` throw. Clients must strip it (or parse with a tolerant reader).
 */
export function encodeApiBody(body: JsonObject): string {
  return `\uFEFF${JSON.stringify(body)}`;
}
