import { status } from '@grpc/grpc-js';
import { type GrpcFake, GrpcStatusError, loadService, shippedProtos, startGrpcFake } from './grpc-fake';

type SecretManagerMethod = 'AccessSecretVersion' | 'AddSecretVersion' | 'GetSecret' | 'ListSecretVersions' | 'DisableSecretVersion';
type VersionState = 'ENABLED' | 'DISABLED' | 'DESTROYED';

interface StoredVersion {
  data: Buffer;
  state: VersionState;
  createTime: { seconds: string; nanos: number };
}

/** Secret Manager's payload limit. */
const MAX_PAYLOAD_BYTES = 64 * 1024;

const secretManagerService = () =>
  loadService(
    shippedProtos('@google-cloud/secret-manager'),
    'google/cloud/secretmanager/v1/service.proto',
    'google.cloud.secretmanager.v1.SecretManagerService',
  );

/**
 * A loopback Secret Manager (google.cloud.secretmanager.v1.SecretManagerService: AccessSecretVersion, AddSecretVersion,
 * GetSecret, ListSecretVersions, DisableSecretVersion) holding secrets in memory and answering like the real service:
 * `latest` is the newest version whatever its state, a secret without versions is NOT_FOUND, a disabled version
 * FAILED_PRECONDITION, a destroyed one cannot be disabled, another project PERMISSION_DENIED; versions are listed
 * newest first, filtered by `state:<STATE>`; failures can be injected.
 */
export class SecretManagerFake {
  private readonly secrets = new Map<string, StoredVersion[]>();

  private constructor(
    readonly projectId: string,
    private readonly server: GrpcFake<SecretManagerMethod>,
  ) {}

  /** Starts an empty fake for one project. */
  static async start(options: { projectId?: string } = {}): Promise<SecretManagerFake> {
    const projectId = options.projectId ?? 'fake-project';
    let fake: SecretManagerFake | undefined;
    const server = await startGrpcFake<SecretManagerMethod>(secretManagerService(), {
      AccessSecretVersion: (request: { name: string }) => fake!.access(request.name),
      AddSecretVersion: (request: { parent: string; payload: { data: Buffer } | null }) =>
        fake!.add(request.parent, request.payload?.data ?? Buffer.alloc(0)),
      GetSecret: (request: { name: string }) => fake!.describe(request.name),
      ListSecretVersions: (request: { parent: string; filter: string }) => fake!.list(request.parent, request.filter),
      DisableSecretVersion: (request: { name: string }) => fake!.disable(request.name),
    });
    fake = new SecretManagerFake(projectId, server);
    return fake;
  }

  /** `127.0.0.1:<port>`. */
  get endpoint(): string {
    return this.server.endpoint;
  }

  /** Calls received per method, failed ones included. */
  get calls(): Readonly<Record<SecretManagerMethod, number>> {
    return this.server.calls;
  }

  /** Answers the next `times` calls of `method` with `code` (UNAVAILABLE by default). */
  failNext(method: SecretManagerMethod, times = 1, code: status = status.UNAVAILABLE): void {
    this.server.failNext(method, times, code);
  }

  /** Creates a secret without any version (as Terraform does before a value is set). */
  createSecret(name: string): void {
    if (!this.secrets.has(name)) this.secrets.set(name, []);
  }

  /** Creates the secret if needed and adds an enabled version holding `value`; returns the version number. */
  addVersion(name: string, value: string): number {
    this.createSecret(name);
    const versions = this.secrets.get(name)!;
    const now = Date.now();
    versions.push({
      data: Buffer.from(value, 'utf8'),
      state: 'ENABLED',
      createTime: { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1e6 },
    });
    return versions.length;
  }

  /** Moves one version to DISABLED or DESTROYED. */
  setVersionState(name: string, version: number, state: VersionState): void {
    const stored = this.secrets.get(name)?.[version - 1];
    if (!stored) throw new Error(`no version ${version} of ${name}`);
    stored.state = state;
    if (state === 'DESTROYED') stored.data = Buffer.alloc(0);
  }

  /** The newest version's value, whatever its state, or undefined when there is none. */
  latest(name: string): string | undefined {
    return this.secrets.get(name)?.at(-1)?.data.toString('utf8');
  }

  /** The state of each version, oldest first. */
  versionStates(name: string): VersionState[] {
    return (this.secrets.get(name) ?? []).map((v) => v.state);
  }

  /** How many versions a secret has. */
  versionCount(name: string): number {
    return this.secrets.get(name)?.length ?? 0;
  }

  /** Shuts the server down at once. */
  stop(): Promise<void> {
    return this.server.stop();
  }

  private secretOf(path: string, permission: string): { id: string; versions: StoredVersion[] } {
    const match = /^projects\/([^/]+)\/secrets\/([^/]+)$/.exec(path);
    if (!match) throw new GrpcStatusError(status.INVALID_ARGUMENT, `Invalid resource name [${path}].`);
    if (match[1] !== this.projectId) {
      throw new GrpcStatusError(status.PERMISSION_DENIED, `Permission '${permission}' denied for resource '${path}' (or it may not exist).`);
    }
    const versions = this.secrets.get(match[2]);
    if (!versions) throw new GrpcStatusError(status.NOT_FOUND, `Secret [${path}] not found.`);
    return { id: match[2], versions };
  }

  private access(path: string) {
    const match = /^(.+)\/versions\/([^/]+)$/.exec(path);
    if (!match) throw new GrpcStatusError(status.INVALID_ARGUMENT, `Invalid resource name [${path}].`);
    const [, secretPath, version] = match;
    const { versions } = this.secretOf(secretPath, 'secretmanager.versions.access');
    const number = version === 'latest' ? versions.length : Number(version);
    const stored = versions[number - 1];
    if (!stored) {
      const what = version === 'latest' ? `Secret [${secretPath}] not found or has no versions.` : `Secret Version [${path}] not found.`;
      throw new GrpcStatusError(status.NOT_FOUND, what);
    }
    if (stored.state !== 'ENABLED') {
      throw new GrpcStatusError(status.FAILED_PRECONDITION, `Secret Version [${secretPath}/versions/${number}] is in ${stored.state} state.`);
    }
    return { name: `${secretPath}/versions/${number}`, payload: { data: stored.data } };
  }

  private add(parent: string, data: Buffer) {
    const { id, versions } = this.secretOf(parent, 'secretmanager.versions.add');
    if (data.length > MAX_PAYLOAD_BYTES) throw new GrpcStatusError(status.INVALID_ARGUMENT, 'Secret payload is too large.');
    const number = this.addVersion(id, data.toString('utf8'));
    const stored = versions[number - 1];
    return { name: `${parent}/versions/${number}`, state: stored.state, createTime: stored.createTime };
  }

  private list(parent: string, filter: string) {
    const { versions } = this.secretOf(parent, 'secretmanager.versions.list');
    const wanted = /^state:(ENABLED|DISABLED|DESTROYED)$/.exec(filter)?.[1];
    if (filter && !wanted) throw new GrpcStatusError(status.INVALID_ARGUMENT, `The filter [${filter}] is not supported here.`);
    const listed = versions
      .map((v, i) => ({ name: `${parent}/versions/${i + 1}`, state: v.state, createTime: v.createTime }))
      .filter((v) => !wanted || v.state === wanted)
      .reverse();
    return { versions: listed, nextPageToken: '', totalSize: listed.length };
  }

  private disable(path: string) {
    const match = /^(.+)\/versions\/(\d+)$/.exec(path);
    if (!match) throw new GrpcStatusError(status.INVALID_ARGUMENT, `Invalid resource name [${path}].`);
    const { versions } = this.secretOf(match[1], 'secretmanager.versions.disable');
    const stored = versions[Number(match[2]) - 1];
    if (!stored) throw new GrpcStatusError(status.NOT_FOUND, `Secret Version [${path}] not found.`);
    if (stored.state === 'DESTROYED') throw new GrpcStatusError(status.FAILED_PRECONDITION, `Secret Version [${path}] is in DESTROYED state.`);
    stored.state = 'DISABLED';
    return { name: path, state: stored.state, createTime: stored.createTime };
  }

  private describe(path: string) {
    this.secretOf(path, 'secretmanager.secrets.get');
    return { name: path, replication: { automatic: {} } };
  }
}
