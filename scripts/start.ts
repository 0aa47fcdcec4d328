import { config } from '@shared/config';
import { signToken } from '@shared/http/auth';
import { createRuntime } from '@shared/runtime';
import { loadDevSecrets } from './local/dev-secrets';
import { startLocalStack } from './local/server';

/** `npm start`: the whole system on this machine with embedded defaults. */
async function main(): Promise<void> {
  loadDevSecrets();
  const cfg = config();
  const rt = createRuntime(cfg);
  const stack = await startLocalStack(rt, cfg.PORT);
  const token = await signToken(
    { sub: 'admin-dev', role: 'admin' },
    { secret: await rt.secrets.get('jwt-secret'), audience: cfg.JWT_AUDIENCE, issuer: cfg.JWT_ISSUER },
  );
  const lines = [
    '',
    `Commerce back end running at ${stack.url}`,
    `  warehouse ${cfg.WAREHOUSE} · kv ${cfg.KV} · bus ${cfg.BUS} · secrets ${cfg.SECRETS} · time zone ${cfg.BUSINESS_TIMEZONE}`,
    '',
    'Admin development token (24 h):',
    `  ${token}`,
    '',
    'Try:',
    `  curl -s ${stack.url}/health`,
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');

  const shutdown = async () => {
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
