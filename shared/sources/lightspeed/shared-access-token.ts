import type { Kv } from '../../kv/port';
import type { KeyRing } from '../../privacy/keys';
import { open, seal } from '../../privacy/seal';

/** An access token, when it was issued and when it stops working (epoch ms). */
export interface AccessToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * The account's current access token, shared by every instance through kv, so that one refresh serves them all and an
 * instance never refreshes with a refresh token another has already rotated away. It is sealed with AES-256-GCM
 * (the encryption key ring), bound to the account, so the kv store never holds a usable credential in clear.
 */
export class SharedAccessToken {
  constructor(
    private readonly kv: Kv,
    private readonly accountId: string,
    private readonly keyRing: () => Promise<KeyRing>,
  ) {}

  /** The kv key of the token; the refresh lock sits next to it. */
  get key(): string {
    return `lightspeed:oauth:${this.accountId}:access-token`;
  }

  /** The shared token, or null when none is stored or it cannot be opened (a rotated-away key). */
  async read(): Promise<AccessToken | null> {
    const stored = await this.kv.get<{ sealed: string; issuedAt: number; expiresAt: number }>(this.key);
    if (!stored) return null;
    try {
      return { token: open(await this.keyRing(), stored.sealed, this.context()), issuedAt: stored.issuedAt, expiresAt: stored.expiresAt };
    } catch {
      return null;
    }
  }

  /** Publishes a token until it expires. */
  async write(token: AccessToken, now: number): Promise<void> {
    const ttlMs = token.expiresAt - now;
    if (ttlMs <= 0) return;
    const sealed = seal(await this.keyRing(), token.token, this.context());
    await this.kv.set(this.key, { sealed, issuedAt: token.issuedAt, expiresAt: token.expiresAt }, { ttlMs });
  }

  private context(): string {
    return `lightspeed-access-token:${this.accountId}`;
  }
}
