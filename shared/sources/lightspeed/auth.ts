import type { Kv } from '../../kv/port';
import type { Logger } from '../../log';
import type { Secrets } from '../../secrets/port';
import type { AccessToken, SharedAccessToken } from './shared-access-token';
import { LightspeedAuthError, requestRefreshGrant } from './token-endpoint';

export { LightspeedAuthError } from './token-endpoint';

/** How requests to the Lightspeed API are authorized. */
export interface LightspeedAuth {
  readonly kind: 'api-key' | 'oauth';
  /** The Authorization header for the next request. */
  authorization(): Promise<string>;
  /** After a 401 for `refused` (the header that was sent): resolves once another credential is ready, or throws. */
  renew(refused: string): Promise<void>;
  /** When the credential last handed out stops working (epoch ms); null for one that does not expire. */
  expiresAt(): number | null;
}

/** The legacy API key, sent as the HTTP basic username (Lightspeed ignores the password). */
export class ApiKeyAuth implements LightspeedAuth {
  readonly kind = 'api-key' as const;
  constructor(private readonly apiKey: () => Promise<string>) {}

  async authorization(): Promise<string> {
    return `Basic ${Buffer.from(`${await this.apiKey()}:apikey`).toString('base64')}`;
  }

  async renew(): Promise<void> {
    throw new LightspeedAuthError('Lightspeed refused the API key (401): check the lightspeed-api-key secret');
  }

  expiresAt(): null {
    return null;
  }
}

/** Where the OAuth client and its tokens live. */
export interface LightspeedOAuthOptions {
  tokenUrl: string;
  clientId: string;
  accountId: string;
  /** Holds lightspeed-client-secret and lightspeed-refresh-token; `put` stores each rotated refresh token. */
  secrets: Secrets;
  /** Holds the cross-instance refresh lock. */
  kv: Kv;
  /** The access token every instance shares. */
  shared: SharedAccessToken;
  log?: Logger;
  /** Clock for token expiry (epoch ms). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Used for the token endpoint only; API calls go through the paced transport. */
  fetch?: typeof fetch;
  /** A token this close to expiry is refreshed before use. */
  refreshMarginMs?: number;
}

const LOCK_TTL_MS = 120_000;
/** A little longer than the lock's TTL, so a lock left by a crashed instance expires before waiters give up. */
const LOCK_WAIT_MS = 130_000;
const LOCK_POLL_MS = 100;
const TOKEN_TIMEOUT_MS = 10_000;

const bearer = (token: AccessToken): string => `Bearer ${token.token}`;

/**
 * OAuth2 with rotating refresh tokens. Every refresh returns a new refresh token; Lightspeed keeps the old one valid
 * until the new access token is first used, then revokes it. So the refresh is done in this order:
 *
 *   1. under a kv lock (one refresh across instances; waiters then adopt the shared token instead of refreshing),
 *   2. POST the stored refresh token, receiving a new access token and a new refresh token,
 *   3. store the new refresh token through the secrets port (a new Secret Manager version),
 *   4. publish the access token to the other instances, and only then use it,
 *   5. once Secret Manager confirms it serves the new version, disable the versions before it (spent tokens).
 *
 * A crash or failure before step 3 completes leaves the old refresh token stored AND still valid, because the new
 * access token was never used; the next attempt simply refreshes again. After step 3 the new one is stored. There is
 * no moment at which the only working refresh token exists solely in memory. In-process, concurrent callers share
 * one refresh (single flight), and a 401 for a token that has already been replaced does not refresh again.
 */
export class LightspeedOAuth implements LightspeedAuth {
  readonly kind = 'oauth' as const;
  /** Refreshes this instance performed. */
  refreshes = 0;
  private current: AccessToken | null = null;
  private renewing: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly marginMs: number;

  constructor(private readonly options: LightspeedOAuthOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.marginMs = options.refreshMarginMs ?? 60_000;
  }

  async authorization(): Promise<string> {
    if (!this.usable(this.current)) await this.renew(this.current ? bearer(this.current) : undefined);
    return bearer(this.current as AccessToken);
  }

  expiresAt(): number | null {
    return this.current?.expiresAt ?? null;
  }

  async renew(refused?: string): Promise<void> {
    // A joined refresh may have been started for an older token and adopted the one now refused: go round again.
    for (let round = 0; round < 3; round++) {
      if (this.current && this.usable(this.current) && bearer(this.current) !== refused) return;
      this.renewing ??= this.obtain(refused).finally(() => {
        this.renewing = null;
      });
      await this.renewing;
    }
    if (!this.current || bearer(this.current) === refused) {
      throw new LightspeedAuthError('Lightspeed keeps refusing freshly issued access tokens');
    }
  }

  private get lockKey(): string {
    return `lightspeed:oauth:${this.options.accountId}:refresh-lock`;
  }

  /** Not within the refresh margin of its expiry; short-lived tokens get a quarter of their life as margin. */
  private usable(token: AccessToken | null): token is AccessToken {
    if (token === null) return false;
    const margin = Math.min(this.marginMs, (token.expiresAt - token.issuedAt) / 4);
    return token.expiresAt - margin > this.now();
  }

  private adoptable(token: AccessToken | null, refused: string | undefined): token is AccessToken {
    return this.usable(token) && bearer(token) !== refused;
  }

  /** A token other than `refused`: another instance's, or a new one from a refresh done under the lock. */
  private async obtain(refused: string | undefined): Promise<void> {
    const { kv, shared } = this.options;
    const giveUpAt = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const published = await shared.read();
      if (this.adoptable(published, refused)) {
        this.current = published;
        return;
      }
      const lock = await kv.acquireLock(this.lockKey, LOCK_TTL_MS);
      if (lock) {
        try {
          // Another instance may have finished its refresh between our read and our lock.
          const again = await shared.read();
          this.current = this.adoptable(again, refused) ? again : await this.refresh();
          return;
        } finally {
          await kv.releaseLock(this.lockKey, lock).catch(() => false);
        }
      }
      if (Date.now() > giveUpAt) throw new LightspeedAuthError('Timed out waiting for another instance to refresh the Lightspeed token');
      await this.sleep(LOCK_POLL_MS);
    }
  }

  /**
   * Step 5: the refresh token just presented is spent (Lightspeed revokes it once the new access token is used), so
   * once Secret Manager confirms it serves the new version, the versions before it are disabled: only the live
   * token stays readable. Not fatal: a spent version left enabled is retired by the next rotation.
   */
  private async retireSpentRefreshTokens(version: string): Promise<void> {
    const { secrets, log } = this.options;
    try {
      const retired = await secrets.retireVersionsBefore('lightspeed-refresh-token', version);
      if (!retired.confirmed) log?.warn('a newer Lightspeed refresh token than ours is stored; older versions left as they are', { version });
      else if (retired.disabled.length > 0) log?.info('spent Lightspeed refresh token versions disabled', { disabled: retired.disabled });
    } catch (error) {
      log?.warn('could not disable the spent Lightspeed refresh token versions', { error: (error as Error).message });
    }
  }

  /** Steps 2–4 of the rotation; the caller holds the lock. */
  private async refresh(): Promise<AccessToken> {
    const { secrets, shared, log } = this.options;
    const [clientSecret, refreshToken] = await Promise.all([secrets.get('lightspeed-client-secret'), secrets.get('lightspeed-refresh-token')]);
    const grant = await requestRefreshGrant({
      tokenUrl: this.options.tokenUrl,
      clientId: this.options.clientId,
      clientSecret,
      refreshToken,
      fetch: this.options.fetch,
      timeoutMs: TOKEN_TIMEOUT_MS,
      sleep: this.sleep,
    });
    this.refreshes++;
    let version: string;
    try {
      version = await secrets.put('lightspeed-refresh-token', grant.refreshToken);
    } catch (error) {
      // The new access token is dropped unused, so the refresh token still stored keeps working.
      throw new LightspeedAuthError('Could not store the rotated Lightspeed refresh token; the new access token was discarded unused', undefined, {
        cause: error,
      });
    }
    const issuedAt = this.now();
    const token = { token: grant.accessToken, issuedAt, expiresAt: issuedAt + grant.expiresInSeconds * 1000 };
    try {
      await shared.write(token, this.now());
    } catch (error) {
      // Not fatal: other instances will refresh for themselves, with the refresh token just stored.
      log?.warn('could not share the Lightspeed access token', { error: (error as Error).message });
    }
    log?.info('Lightspeed access token refreshed; rotated refresh token stored', { expiresAt: new Date(token.expiresAt).toISOString() });
    await this.retireSpentRefreshTokens(version);
    return token;
  }
}
