import { signToken } from '@shared/http/auth';
import { config } from '@shared/config';
import { loadDevSecrets } from './local/dev-secrets';

/** `npm run token -- --role admin|customer [--sub ID]`: prints a development JWT alone on the last line. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const role = option('role') ?? 'admin';
  if (role !== 'admin' && role !== 'customer') {
    console.error('usage: npm run token -- --role admin|customer [--sub ID]');
    process.exit(2);
  }
  loadDevSecrets();
  const cfg = config();
  const sub = option('sub') ?? (role === 'admin' ? 'admin-dev' : 'customer-dev');
  const token = await signToken(
    { sub, role },
    { secret: process.env.JWT_SECRET as string, audience: cfg.JWT_AUDIENCE, issuer: cfg.JWT_ISSUER },
  );
  console.log(token);
}

void main();
