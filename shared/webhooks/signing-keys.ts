import type { Secrets } from '../secrets/port';
import type { WebhookProvider } from './providers';

/**
 * A provider's active signing keys. The secret holds one or more keys separated by whitespace or commas: during a
 * rotation the new key is added next to the old one, and the old one removed once the provider signs with the new.
 */
export async function activeSigningKeys(secrets: Secrets, provider: WebhookProvider): Promise<string[]> {
  const value = await secrets.getOptional(provider.secret);
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}
