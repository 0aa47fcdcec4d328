import { type RetiredVersions, type SecretName, SecretMissingError, type Secrets, secretEnvName } from './port';

/**
 * Secrets from environment variables (local stack, tests). `put` keeps the new value for this process, the way a new
 * Secret Manager version replaces the old one for later reads; the environment's value counts as version 1, so
 * there is never an older version left to disable.
 */
export class EnvSecrets implements Secrets {
  readonly backend = 'env' as const;
  private readonly written = new Map<SecretName, { value: string; version: number }>();

  constructor(private readonly env: Record<string, string | undefined> = process.env) {}

  async getOptional(name: SecretName): Promise<string | null> {
    const value = this.written.get(name)?.value ?? this.env[secretEnvName(name)];
    return value ? value : null;
  }

  async get(name: SecretName): Promise<string> {
    const value = await this.getOptional(name);
    if (value === null) throw new SecretMissingError(name);
    return value;
  }

  async put(name: SecretName, value: string): Promise<string> {
    const version = (this.written.get(name)?.version ?? 1) + 1;
    this.written.set(name, { value, version });
    return String(version);
  }

  async retireVersionsBefore(name: SecretName, version: string): Promise<RetiredVersions> {
    return { confirmed: String(this.written.get(name)?.version ?? 1) === version, disabled: [] };
  }

  async ping(): Promise<void> {}
}
