import type { Config } from '../../config';
import { parseKeyRing } from '../../privacy/keys';
import type { Runtime } from '../../runtime';
import type { Secrets } from '../../secrets/port';
import { ApiKeyAuth, type LightspeedAuth, LightspeedOAuth } from './auth';
import { BucketPacer } from './bucket-pacing';
import { lightspeedApiBaseUrl, lightspeedTokenUrl } from './client';
import { SharedAccessToken } from './shared-access-token';

/** The configured account ID; the sync cannot address Lightspeed without it. */
export function lightspeedAccountId(cfg: Config): string {
  if (!cfg.LIGHTSPEED_ACCOUNT_ID) throw new Error('Invalid configuration: LIGHTSPEED_ACCOUNT_ID is required to sync Lightspeed');
  return cfg.LIGHTSPEED_ACCOUNT_ID;
}

/** One pacer per account per process: every stream and window in this process pours into the same bucket. */
const pacers = new Map<string, BucketPacer>();

/** The process's bucket pacer for the configured account. */
export function lightspeedPacerFor(cfg: Config): BucketPacer {
  const key = `${lightspeedApiBaseUrl(cfg)}#${lightspeedAccountId(cfg)}`;
  let pacer = pacers.get(key);
  if (!pacer) {
    pacer = new BucketPacer({
      size: cfg.LIGHTSPEED_BUCKET_SIZE,
      dripPerSecond: cfg.LIGHTSPEED_DRIP_PER_SECOND,
      headroom: cfg.LIGHTSPEED_BUCKET_HEADROOM,
    });
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Auth objects live as long as the process (so an access token outlives one invocation), per secrets store. */
const auths = new WeakMap<Secrets, Map<string, LightspeedAuth>>();

/** The process's Lightspeed credentials: OAuth2 when LIGHTSPEED_CLIENT_ID is set, else the API key. */
export function lightspeedAuthFor(rt: Runtime): LightspeedAuth {
  const cfg = rt.config;
  const accountId = lightspeedAccountId(cfg);
  const key = `${lightspeedTokenUrl(cfg)}#${cfg.LIGHTSPEED_CLIENT_ID ?? 'api-key'}#${accountId}`;
  let perSecrets = auths.get(rt.secrets);
  if (!perSecrets) auths.set(rt.secrets, (perSecrets = new Map()));
  let auth = perSecrets.get(key);
  if (!auth) {
    auth = cfg.LIGHTSPEED_CLIENT_ID
      ? new LightspeedOAuth({
          tokenUrl: lightspeedTokenUrl(cfg),
          clientId: cfg.LIGHTSPEED_CLIENT_ID,
          accountId,
          secrets: rt.secrets,
          kv: rt.kv,
          shared: new SharedAccessToken(rt.kv, accountId, async () => parseKeyRing(await rt.secrets.get('pii-encryption-keys'))),
          log: rt.log,
          now: () => rt.clock.now().getTime(),
        })
      : new ApiKeyAuth(() => rt.secrets.get('lightspeed-api-key'));
    perSecrets.set(key, auth);
  }
  return auth;
}
