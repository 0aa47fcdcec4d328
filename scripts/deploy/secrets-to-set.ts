import { FUNCTIONS } from '@shared/manifest';
import { SECRETS, type SecretDef, type SecretName, secretIsRead } from '@shared/secrets/port';

/**
 * The secrets a deployment needs a first value of: those the deployed functions read in the modes the operator's
 * settings select (LIGHTSPEED_ACCOUNT_ID, LIGHTSPEED_CLIENT_ID, AUTHORIZE_NET_API_LOGIN_ID, … as environment
 * variables, named as in the README's configuration table), each with whether the product can generate it.
 */
export function secretsToSet(settings: Record<string, string | undefined>): Array<{ name: SecretName; generated: boolean }> {
  // Every deployment runs KV=upstash with a URL: the operator's value does not matter here, only that it is set.
  const env = { ...settings, UPSTASH_REDIS_REST_URL: 'set' };
  const read = new Set(FUNCTIONS.flatMap((spec) => spec.secrets.filter((secret) => secretIsRead(secret, env))));
  return [...read].sort().map((name) => ({ name, generated: (SECRETS[name] as SecretDef).generate !== undefined }));
}

/** A generated first value of a secret the product owns (keys), for the bootstrap. */
export function generateSecret(name: SecretName): string {
  const generate = (SECRETS[name] as SecretDef).generate;
  if (!generate) throw new Error(`${name} is a provider's credential: the operator supplies it`);
  return generate();
}

// `tsx scripts/deploy/secrets-to-set.ts`: one line per secret, "<name> generated|operator".
// `tsx scripts/deploy/secrets-to-set.ts --generate <name>`: prints a fresh value of a generated secret.
if (require.main === module) {
  const at = process.argv.indexOf('--generate');
  if (at >= 0) process.stdout.write(generateSecret(process.argv[at + 1] as SecretName));
  else for (const s of secretsToSet(process.env)) console.log(`${s.name} ${s.generated ? 'generated' : 'operator'}`);
}
