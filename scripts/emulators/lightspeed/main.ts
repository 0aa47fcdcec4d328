/**
 * CLI: `npx tsx scripts/emulators/lightspeed/main.ts --port 8091 [--seed 1] [--sales 20000] [--items 400]
 * [--days 730]`. Prints the base URL on stdout (one line, for scripts) and the credentials on stderr.
 */
import { parseArgs } from 'node:util';
import { startLightspeedEmulator } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      sales: { type: 'string' },
      items: { type: 'string' },
      days: { type: 'string' },
      'account-id': { type: 'string' },
    },
  });
  const number = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
  const emulator = await startLightspeedEmulator({
    port: number(values.port),
    seed: number(values.seed),
    sales: number(values.sales),
    items: number(values.items),
    days: number(values.days),
    accountId: values['account-id'],
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `Lightspeed emulator: ${emulator.store.sales.length} sales, ${emulator.store.items.length} items\n` +
      `  API:    ${emulator.url}/API/V3/Account/${emulator.accountId}/Sale.json\n` +
      `  token:  ${emulator.url}/auth/oauth/token\n` +
      `  LIGHTSPEED_BASE_URL=${emulator.url} LIGHTSPEED_ACCOUNT_ID=${emulator.accountId} LIGHTSPEED_API_KEY=${emulator.apiKey}\n` +
      `  LIGHTSPEED_CLIENT_ID=${emulator.oauth.clientId} LIGHTSPEED_CLIENT_SECRET=${emulator.oauth.clientSecret} ` +
      `LIGHTSPEED_REFRESH_TOKEN=${emulator.currentRefreshToken()}\n`,
  );
  const stop = (): void => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
