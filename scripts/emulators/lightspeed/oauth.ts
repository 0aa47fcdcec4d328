/**
 * Lightspeed's OAuth server (cloud.lightspeedapp.com/auth/oauth/token), refresh-token grant only. Every refresh
 * issues a new access token and a new refresh token. The refresh token that was used keeps working until the new
 * access token is first used on the API; from then on it is rejected with invalid_grant. A client that crashed after
 * refreshing but before saving the new refresh token can therefore retry with the old one.
 */
import { randomBytes } from 'node:crypto';
import { accessDeniedBody, oauthErrorBody } from './errors';

/** The registered client and its first refresh token. */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessTokenTtlSeconds: number;
  accountId: string;
  issuer: string;
}

/** A JSON answer with its status. */
export interface OAuthReply {
  status: number;
  body: Record<string, string | number>;
}

interface RefreshGrant {
  /** Issue order; using an access token revokes every refresh token issued before its own. */
  sequence: number;
  revoked: boolean;
}

interface AccessGrant {
  sequence: number;
  expiresAtMs: number;
  used: boolean;
}

const INVALID_GRANT =
  'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, ' +
  'expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
const INVALID_REQUEST =
  'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than ' +
  'once, or is otherwise malformed.';

/** Issues, rotates and checks tokens. */
export class OAuthServer {
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, AccessGrant>();
  private sequence = 0;

  constructor(
    private readonly settings: OAuthSettings,
    private readonly nowMs: () => number,
  ) {
    this.refreshTokens.set(settings.refreshToken, { sequence: 0, revoked: false });
  }

  /** POST /auth/oauth/token with the form or JSON fields of the request. */
  token(fields: Record<string, string>): OAuthReply {
    if (fields.client_id !== this.settings.clientId || fields.client_secret !== this.settings.clientSecret) {
      return { status: 401, body: oauthErrorBody('invalid_client', 'Client authentication failed') };
    }
    if (fields.grant_type !== 'refresh_token') {
      return {
        status: 400,
        body: oauthErrorBody(
          'unsupported_grant_type',
          'The authorization grant type is not supported by the authorization server.',
          'Check that all required parameters have been provided',
        ),
      };
    }
    const presented = fields.refresh_token;
    if (!presented) {
      return { status: 400, body: oauthErrorBody('invalid_request', INVALID_REQUEST, 'Check the `refresh_token` parameter') };
    }
    const grant = this.refreshTokens.get(presented);
    if (!grant) return { status: 400, body: oauthErrorBody('invalid_grant', INVALID_GRANT, 'Cannot decrypt the refresh token') };
    if (grant.revoked) return { status: 400, body: oauthErrorBody('invalid_grant', INVALID_GRANT, 'Token has been revoked') };

    const sequence = ++this.sequence;
    const refreshToken = `def50200${randomBytes(48).toString('hex')}`;
    const accessToken = this.mintAccessToken(sequence);
    this.refreshTokens.set(refreshToken, { sequence, revoked: false });
    this.accessTokens.set(accessToken, {
      sequence,
      expiresAtMs: this.nowMs() + this.settings.accessTokenTtlSeconds * 1000,
      used: false,
    });
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: this.settings.accessTokenTtlSeconds,
        access_token: accessToken,
        refresh_token: refreshToken,
      },
    };
  }

  /** Checks a bearer token on an API call; its first use revokes the refresh tokens issued before it. */
  authenticate(accessToken: string): { ok: true } | { ok: false; body: Record<string, string> } {
    const grant = this.accessTokens.get(accessToken);
    if (!grant || grant.expiresAtMs <= this.nowMs()) {
      return { ok: false, body: accessDeniedBody('Access token could not be verified') };
    }
    if (!grant.used) {
      grant.used = true;
      for (const refresh of this.refreshTokens.values()) {
        if (refresh.sequence < grant.sequence) refresh.revoked = true;
      }
    }
    return { ok: true };
  }

  /** The newest refresh token that still works. */
  currentRefreshToken(): string {
    let newest: [string, RefreshGrant] | undefined;
    for (const entry of this.refreshTokens) {
      if (!entry[1].revoked && (!newest || entry[1].sequence > newest[1].sequence)) newest = entry;
    }
    if (!newest) throw new Error('every refresh token has been revoked');
    return newest[0];
  }

  /** Makes every access token issued so far expire now. */
  expireAccessTokens(): void {
    const now = this.nowMs();
    for (const grant of this.accessTokens.values()) grant.expiresAtMs = Math.min(grant.expiresAtMs, now);
  }

  // Real access tokens are RS256 JWTs; clients may decode (not verify) them for exp and acct, so ours decode too.
  private mintAccessToken(sequence: number): string {
    const nowSeconds = this.nowMs() / 1000;
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = part({ typ: 'JWT', alg: 'RS256', kid: 'LS_EMULATOR' });
    const payload = part({
      jti: `${sequence}-${randomBytes(8).toString('hex')}`,
      iss: this.settings.issuer,
      aud: this.settings.clientId,
      sub: '1',
      acct: this.settings.accountId,
      scope: 'employee:all',
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + this.settings.accessTokenTtlSeconds,
    });
    return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
  }
}
