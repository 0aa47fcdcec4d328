/** The signed-in staff member's token, kept in this tab's session storage only. */
const KEY = 'console.token';

export interface Session {
  token: string;
  role: 'admin' | 'customer';
  subject: string;
  /** Seconds since the epoch. */
  expiresAt: number | null;
}

/** Why the sign-in screen is showing, when it is not the first visit. */
export type SignInReason = { message: string } | null;

function claimsOf(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Reads a token as the console needs it (role, expiry). The server still verifies the signature on every call: this
 * only decides which panels to offer and when to ask for a new token.
 */
export function parseToken(raw: string): Session | { error: string } {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const claims = claimsOf(token);
  if (!claims) return { error: 'That is not a token: paste the whole value printed by npm start or npm run token.' };
  const role = claims.role === 'admin' ? 'admin' : 'customer';
  const expiresAt = typeof claims.exp === 'number' ? claims.exp : null;
  if (expiresAt !== null && expiresAt * 1000 <= Date.now()) return { error: 'This token has expired. Sign in with a new one.' };
  return { token, role, subject: String(claims.sub ?? ''), expiresAt };
}

/**
 * The token handed over in the address bar (`/#token=…`, the link npm start prints) moves to session storage and
 * leaves the address bar and the history entry at once.
 */
export function takeTokenFromFragment(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (token === null) return;
  sessionStorage.setItem(KEY, token);
  history.replaceState(null, '', location.pathname + location.search);
}

export function storedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
