import { bearerToken, verifyToken } from './auth';
import type { Runtime } from '../runtime';

/** What an anonymous caller of /health sees in place of an error's text. */
export const HIDDEN_ERROR = 'hidden: send an admin token to read error details';

/**
 * Whether the caller of a public route presented a valid admin token. /health stays open to load balancers and
 * uptime checks, but error texts (upstream answers, table names, hosts) are for operators only.
 */
export async function callerIsAdmin(rt: Runtime, authorization: string | undefined): Promise<boolean> {
  if (!authorization) return false;
  try {
    const principal = await verifyToken(bearerToken(authorization), {
      secret: await rt.secrets.get('jwt-secret'),
      audience: rt.config.JWT_AUDIENCE,
      issuer: rt.config.JWT_ISSUER,
    });
    return principal.role === 'admin';
  } catch {
    return false;
  }
}

/** A copy of a report with the text of every error replaced, keeping that there was an error, where and when. */
export function hideErrorText<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (key === 'error' || key === 'message' ? HIDDEN_ERROR : value) as T;
  if (Array.isArray(value)) return value.map((v) => hideErrorText(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hideErrorText(v, k)])) as T;
  }
  return value;
}
