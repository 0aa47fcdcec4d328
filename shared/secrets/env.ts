import { type SecretName, SecretMissingError, type Secrets, secretEnvName } from './port';

/**
 * Secrets from environment variables (local stack, tests). `put` keeps the new value for this process, the way a new
 * Secret Manager version replaces the old one for later reads.
 */
export class EnvSecrets implements Secrets {
  readonly backend = 'env' as const;
  private readonly written = new Map<SecretName, string>();

  constructor(private readonly env: Record<string, string | undefined> = process.env) {}

  async getOptional(name: SecretName): Promise<string | null> {
    const value = this.written.get(name) ?? this.env[secretEnvName(name)];
    return value ? value : null;
  }

  async get(name: SecretName): Promise<string> {
    const value = await this.getOptional(name);
    if (value === null) throw new SecretMissingError(name);
    return value;
  }

  async put(name: SecretName, value: string): Promise<void> {
    this.written.set(name, value);
  }

  async ping(): Promise<void> {}
}
