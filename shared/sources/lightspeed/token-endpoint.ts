/** Lightspeed refused or failed to give credentials; the message says what an operator should do. */
export class LightspeedAuthError extends Error {
  constructor(
    message: string,
    /** invalid_grant: the stored refresh token is revoked or unknown, so the shop must reconnect the app. */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LightspeedAuthError';
  }
}

/** A successful refresh: a new access token and the new refresh token that replaces the one presented. */
export interface RefreshGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/** A refresh-token grant to request, and how patiently. */
export interface RefreshGrantRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Attempts when the endpoint fails (network, 5xx); refusals are never retried. */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Exchanges a refresh token for a new token pair (POST, form-encoded, refresh_token grant). Retrying after a lost
 * answer is safe: a refresh token stays valid until an access token issued after it is used, and an answer we never
 * read was never used.
 */
export async function requestRefreshGrant(request: RefreshGrantRequest): Promise<RefreshGrant> {
  const doFetch = request.fetch ?? fetch;
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = request.maxAttempts ?? 3;
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: request.clientId,
    client_secret: request.clientSecret,
    refresh_token: request.refreshToken,
  });
  let lastFailure: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await sleep(250 * 2 ** (attempt - 2));
    let response: Response;
    try {
      response = await doFetch(request.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body.toString(),
        signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
      });
    } catch (error) {
      lastFailure = error;
      continue;
    }
    const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status >= 500) {
      lastFailure = new Error(`token endpoint answered ${response.status}`);
      continue;
    }
    if (!response.ok) {
      const code = typeof payload.error === 'string' ? payload.error : `http_${response.status}`;
      const hint = [payload.error_description, payload.hint].filter((part) => typeof part === 'string').join(' ');
      const advice =
        code === 'invalid_grant'
          ? ' The stored refresh token no longer works: reconnect the Lightspeed app and store its refresh token in lightspeed-refresh-token.'
          : '';
      throw new LightspeedAuthError(`Lightspeed refused the token refresh (${code}): ${hint}${advice}`.trim(), code);
    }
    const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = payload;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || !accessToken || !refreshToken) {
      throw new LightspeedAuthError('Lightspeed answered the token refresh without an access token and a refresh token');
    }
    const seconds = Number(expiresIn);
    return { accessToken, refreshToken, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 1800 };
  }
  throw new LightspeedAuthError(`Lightspeed token endpoint unreachable after ${maxAttempts} attempts`, undefined, { cause: lastFailure });
}
