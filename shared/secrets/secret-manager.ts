import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { type Clock, systemClock } from '../clock';
import { type RetiredVersions, type SecretName, SecretMissingError, type Secrets } from './port';
import { secretManagerEndpoint } from './secret-manager-endpoint';

/** Settings of the Secret Manager adapter. */
export interface SecretManagerSecretsOptions {
  projectId: string;
  /** `host:port` of another Secret Manager endpoint; outside googleapis.com it is reached without credentials. */
  apiEndpoint?: string;
  /** How long a value read is reused before Secret Manager is asked again. */
  cacheTtlMs?: number;
  /** Upper bound of one read or write, the client's own retries included. */
  timeoutMs?: number;
  clock?: Clock;
}

/** A secret as last read: its value, or null with the reason it has none. */
interface CachedSecret {
  value: string | null;
  missingBecause?: unknown;
  expiresAt: number;
}

/** google.rpc.Code values the adapter tells apart. */
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const FAILED_PRECONDITION = 9;

const DEFAULT_CACHE_TTL_MS = 60_000;
/** The client's retry budget is its per-call timeout; its default (60 s) would hold a request far too long. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** A health probe must answer within the health check's own bound, so it gets one short attempt. */
const PING_TIMEOUT_MS = 3000;
const PING_SECRET: SecretName = 'jwt-secret';

/**
 * Secrets from Google Secret Manager, always the `latest` version. Values (and absences) are kept for a short TTL so
 * hot paths do not call Secret Manager per request, and concurrent reads of one secret share a single call. `put`
 * adds a version (rotated refresh tokens) and replaces the cached value at once. Any failure rejects the caller's
 * promise with the cause attached; nothing is left to reject unobserved.
 */
export class SecretManagerSecrets implements Secrets {
  readonly backend = 'secret-manager' as const;
  private client: SecretManagerServiceClient | undefined;
  private readonly cache = new Map<SecretName, CachedSecret>();
  private readonly loading = new Map<SecretName, Promise<CachedSecret>>();
  /** Bumped by every write, so that a read which started before it cannot cache the older value after it. */
  private readonly writes = new Map<SecretName, number>();
  private readonly cacheTtlMs: number;
  private readonly timeoutMs: number;
  private readonly clock: Clock;

  constructor(private readonly options: SecretManagerSecretsOptions) {
    this.cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clock = options.clock ?? systemClock;
  }

  async get(name: SecretName): Promise<string> {
    const secret = await this.read(name);
    if (secret.value === null) throw new SecretMissingError(name, secret.missingBecause);
    return secret.value;
  }

  async getOptional(name: SecretName): Promise<string | null> {
    return (await this.read(name)).value;
  }

  async put(name: SecretName, value: string): Promise<string> {
    let version: string;
    try {
      const [added] = await this.secretManager().addSecretVersion(
        { parent: this.secretPath(name), payload: { data: Buffer.from(value, 'utf8') } },
        { timeout: this.timeoutMs },
      );
      version = versionId(added.name);
    } catch (error) {
      throw new Error(`Adding a version of secret ${name} failed: ${describe(error)}`, { cause: error });
    }
    this.writes.set(name, this.writeCount(name) + 1);
    this.loading.delete(name);
    this.cache.set(name, { value, expiresAt: this.expiry() });
    return version;
  }

  /**
   * Confirms with Secret Manager itself (not the cache) that `version` is what `latest` serves, then disables every
   * enabled version older than it. Needs secretVersionManager on the secret (Terraform grants it to the functions
   * that rotate it). Confirmation first: if another writer's version is newer, nothing is disabled.
   */
  async retireVersionsBefore(name: SecretName, version: string): Promise<RetiredVersions> {
    const secretManager = this.secretManager();
    const path = this.secretPath(name);
    try {
      const [latest] = await secretManager.accessSecretVersion({ name: `${path}/versions/latest` }, { timeout: this.timeoutMs });
      if (versionId(latest.name) !== version) return { confirmed: false, disabled: [] };
      const [enabled] = await secretManager.listSecretVersions({ parent: path, filter: 'state:ENABLED' }, { timeout: this.timeoutMs });
      const older = enabled.map((v) => versionId(v.name)).filter((id) => Number(id) < Number(version));
      for (const id of older) await secretManager.disableSecretVersion({ name: `${path}/versions/${id}` }, { timeout: this.timeoutMs });
      return { confirmed: true, disabled: older };
    } catch (error) {
      throw new Error(`Retiring the versions of secret ${name} before ${version} failed: ${describe(error)}`, { cause: error });
    }
  }

  /**
   * Reads the metadata of a secret every function uses. A permission error still proves that Secret Manager answers
   * and accepts our credentials (accessors hold secretmanager.versions.access, not secrets.get), so only other
   * failures count.
   */
  async ping(): Promise<void> {
    try {
      await this.secretManager().getSecret({ name: this.secretPath(PING_SECRET) }, { timeout: PING_TIMEOUT_MS, retry: null });
    } catch (error) {
      if (grpcCode(error) === PERMISSION_DENIED) return;
      throw new Error(`Secret Manager is unreachable (secret ${PING_SECRET}): ${describe(error)}`, { cause: error });
    }
  }

  /** Closes the client's connections (shutdown, tests); a later read opens a new client. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.close();
  }

  private read(name: SecretName): Promise<CachedSecret> {
    const cached = this.cache.get(name);
    if (cached && cached.expiresAt > this.clock.now().getTime()) return Promise.resolve(cached);
    const inFlight = this.loading.get(name);
    if (inFlight) return inFlight;
    const pending = this.load(name);
    this.loading.set(name, pending);
    // Both branches handled here, so a failed load rejects only the callers' awaits, never as an unhandled rejection.
    const settle = () => {
      if (this.loading.get(name) === pending) this.loading.delete(name);
    };
    pending.then(settle, settle);
    return pending;
  }

  private async load(name: SecretName): Promise<CachedSecret> {
    const writesBefore = this.writeCount(name);
    const secret = await this.access(name);
    if (this.writeCount(name) === writesBefore) this.cache.set(name, secret);
    return secret;
  }

  private async access(name: SecretName): Promise<CachedSecret> {
    try {
      const [response] = await this.secretManager().accessSecretVersion(
        { name: `${this.secretPath(name)}/versions/latest` },
        { timeout: this.timeoutMs },
      );
      const data = response.payload?.data;
      const value = data ? Buffer.from(data as Uint8Array).toString('utf8') : '';
      return { value: value === '' ? null : value, expiresAt: this.expiry() };
    } catch (error) {
      if (isAbsent(error)) return { value: null, missingBecause: error, expiresAt: this.expiry() };
      throw new Error(`Reading secret ${name} from Secret Manager failed: ${describe(error)}`, { cause: error });
    }
  }

  private secretManager(): SecretManagerServiceClient {
    if (!this.client) {
      // Loaded here, not on import: the local stack and most cold starts never need the Secret Manager client.
      const { SecretManagerServiceClient: Client } =
        require('@google-cloud/secret-manager') as typeof import('@google-cloud/secret-manager');
      this.client = new Client(secretManagerEndpoint(this.options.apiEndpoint));
    }
    return this.client;
  }

  private secretPath(name: SecretName): string {
    return `projects/${this.options.projectId}/secrets/${name}`;
  }

  private writeCount(name: SecretName): number {
    return this.writes.get(name) ?? 0;
  }

  private expiry(): number {
    return this.clock.now().getTime() + this.cacheTtlMs;
  }
}

/**
 * A secret that does not exist or has no versions answers NOT_FOUND; one whose latest version was disabled or
 * destroyed answers FAILED_PRECONDITION naming that state. Either way there is no value to use.
 */
function isAbsent(error: unknown): boolean {
  const code = grpcCode(error);
  return code === NOT_FOUND || (code === FAILED_PRECONDITION && /DISABLED|DESTROYED/.test(describe(error)));
}

/** `projects/p/secrets/s/versions/7` → `7`. */
function versionId(resourceName: string | null | undefined): string {
  const id = /\/versions\/(\d+)$/.exec(resourceName ?? '')?.[1];
  if (!id) throw new Error(`Secret Manager answered without a version number (${resourceName})`);
  return id;
}

function grpcCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
