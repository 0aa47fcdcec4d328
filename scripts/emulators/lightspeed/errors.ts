/**
 * The two error shapes clients meet: the API's own ({httpCode, httpMessage, message, errorClass}) and the OAuth
 * server's ({error, error_description, hint}), which also answers API calls made with a bad or expired token.
 */
import { STATUS_CODES } from 'node:http';

/** An API failure that becomes Lightspeed's error body. */
export class LightspeedApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorClass = 'Exception',
  ) {
    super(message);
  }
}

/** Lightspeed's API error body, as in `{"httpCode":"403","httpMessage":"Forbidden",...}`. */
export function apiErrorBody(status: number, message: string, errorClass: string): Record<string, string> {
  return { httpCode: String(status), httpMessage: STATUS_CODES[status] ?? 'Error', message, errorClass };
}

/** The OAuth server's error body (league/oauth2-server style, as Lightspeed documents it). */
export function oauthErrorBody(error: string, description: string, hint?: string): Record<string, string> {
  return hint === undefined ? { error, error_description: description } : { error, error_description: description, hint };
}

/** What an expired, unknown or revoked access token gets on the API (401), per Lightspeed's docs. */
export function accessDeniedBody(hint: string): Record<string, string> {
  return oauthErrorBody('access_denied', 'The resource owner or authorization server denied the request.', hint);
}
