/**
 * Who may call the API: a bearer access token from the OAuth server, or the legacy API key sent as HTTP basic auth
 * (the key as username, any password).
 */
import { apiErrorBody } from './errors';
import type { OAuthServer } from './oauth';

/** Outcome of checking the Authorization header. */
export type AuthResult = { ok: true } | { ok: false; body: Record<string, string> };

/** Checks an API request's Authorization header. */
export function authenticateApiRequest(header: string | undefined, oauth: OAuthServer, apiKey: string): AuthResult {
  const [scheme = '', credentials = ''] = (header ?? '').trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer' && credentials) return oauth.authenticate(credentials);
  if (scheme.toLowerCase() === 'basic' && credentials) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const username = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (username === apiKey) return { ok: true };
    return { ok: false, body: apiErrorBody(401, 'Invalid API key.', 'UnauthorizedException') };
  }
  return { ok: false, body: apiErrorBody(401, 'Authentication required: send a Bearer access token.', 'UnauthorizedException') };
}

/** Client credentials sent as HTTP basic auth to the token endpoint, which OAuth allows instead of body fields. */
export function basicClientCredentials(
  header: string | undefined,
): { client_id: string; client_secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    client_id: decodeURIComponent(decoded.slice(0, colon)),
    client_secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}
