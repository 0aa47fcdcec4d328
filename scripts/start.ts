import { config } from '@shared/config';
import { signToken } from '@shared/http/auth';
import { createRuntime } from '@shared/runtime';
import { checkRollup, rebuildRollup } from '@shared/sales-rollup';
import { loadDevSecrets } from './local/dev-secrets';
import { startLocalEmulators } from './local/emulators';
import { startFirstSync } from './local/first-sync';
import { startLocalStack } from './local/server';
import { claimLocalWarehouse } from './local/warehouse-claim';

/** `npm start`: the whole system on this machine with embedded defaults. */
async function main(): Promise<void> {
  loadDevSecrets();
  process.env.LOG_FORMAT ||= process.stdout.isTTY ? 'pretty' : 'json';
  // Before anything listens or prints a token: a second npm start on the same file stops here, saying why.
  const warehouse = await claimLocalWarehouse(process.env);
  const port = Number(process.env.PORT || 8080);
  // Emulators first: they set the provider URLs and credentials the configuration then reads.
  // With the Square emulator, its webhooks come to this server (the URL it signs is the one verified here).
  if (!process.env.SQUARE_BASE_URL) process.env.SQUARE_WEBHOOK_NOTIFICATION_URL ||= `http://127.0.0.1:${port}/api/webhooks/square`;
  const emulators = await startLocalEmulators(process.env, port + 1);
  const cfg = config();
  const rt = createRuntime(cfg, { warehouse });
  // A file written before the daily rollup existed, or under another BUSINESS_TIMEZONE: rebuild it before serving.
  if ((await checkRollup(rt.warehouse, cfg.BUSINESS_TIMEZONE, 1)).length > 0) {
    process.stderr.write(`Rebuilding the daily sales rollup in ${cfg.BUSINESS_TIMEZONE}…\n`);
    await rebuildRollup(rt.warehouse, cfg.BUSINESS_TIMEZONE, rt.clock.now());
  }
  const stack = await startLocalStack(rt, cfg.PORT);
  const token = await signToken(
    { sub: 'admin-dev', role: 'admin' },
    { secret: await rt.secrets.get('jwt-secret'), audience: cfg.JWT_AUDIENCE, issuer: cfg.JWT_ISSUER },
  );
  const print = (line: string) => process.stderr.write(line + '\n');
  print(
    [
      '',
      `Commerce back end running at ${stack.url}`,
      `  warehouse ${cfg.WAREHOUSE} · kv ${cfg.KV} · bus ${cfg.BUS} · secrets ${cfg.SECRETS} · time zone ${cfg.BUSINESS_TIMEZONE}`,
      ...emulators.started.map((e) => `  ${e.name} emulator at ${e.url}`),
      '',
      'Staff console, signed in as admin (the token stays in the fragment, which never reaches a server):',
      `  ${stack.url}/#token=${token}`,
      '',
      'Admin development token (24 h; `npm run token -- --role customer --sub ID` for a customer):',
      `  export TOKEN=${token}`,
      '',
      'Try:',
      `  curl -s ${stack.url}/health`,
      `  curl -s -H "Authorization: Bearer $TOKEN" ${stack.url}/api/sync/runs`,
      '',
      'First sync (the scheduler repeats it every 15 minutes):',
    ].join('\n'),
  );
  const stopReporting = await startFirstSync(rt, print);

  let stopping = false;
  const shutdown = async () => {
    // A second Ctrl-C while closing must not start a second close of the same servers.
    if (stopping) return;
    stopping = true;
    stopReporting();
    try {
      await stack.close();
      await emulators.close();
    } catch (error) {
      print(`Stopped, with an error while closing: ${(error as Error).message}`);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
