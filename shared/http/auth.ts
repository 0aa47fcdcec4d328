import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { HttpError } from './errors';

/** Who is calling. A customer's `sub` is its customerId. */
export interface Principal {
  sub: string;
  role: 'customer' | 'admin';
}

export interface TokenSettings {
  secret: string;
  audience: string;
  issuer: string;
}

const MAX_AGE = '24h';
const encoder = new TextEncoder();

/** Verifies a bearer token: HS256 only, audience, issuer, expiry and a 24-hour maximum age all checked. */
export async function verifyToken(token: string, settings: TokenSettings): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(settings.secret), {
      algorithms: ['HS256'],
      audience: settings.audience,
      issuer: settings.issuer,
      maxTokenAge: MAX_AGE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (payload.role !== 'customer' && payload.role !== 'admin') {
      throw new HttpError(401, 'INVALID_TOKEN', 'Token has no valid role');
    }
    return { sub: payload.sub as string, role: payload.role };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const expired = error instanceof joseErrors.JWTExpired;
    throw new HttpError(401, expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', expired ? 'Token expired' : 'Invalid token', {
      cause: error,
    });
  }
}

/** Signs a token for a principal (development tokens, tests, service-to-service calls). */
export async function signToken(principal: Principal, settings: TokenSettings, expiresIn = MAX_AGE): Promise<string> {
  return new SignJWT({ role: principal.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setAudience(settings.audience)
    .setIssuer(settings.issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(encoder.encode(settings.secret));
}

/** The bearer token of an Authorization header, or a 401. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw new HttpError(401, 'UNAUTHENTICATED', 'Missing bearer token');
  return match[1];
}

/** Refuses a customer acting on another customer's records; admins may act on anyone's. */
export function assertOwner(principal: Principal, customerId: string): void {
  if (principal.role !== 'admin' && principal.sub !== customerId) {
    throw new HttpError(403, 'FORBIDDEN', 'You can only access your own records');
  }
}
