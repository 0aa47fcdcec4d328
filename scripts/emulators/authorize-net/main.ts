import { API_PATH, startAuthorizeNetEmulator, TEST_TOKENS } from './index';

/** Reads `--name value` from the command line. */
function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** Parses an optional numeric flag, exiting with a message when it is not a number. */
function numberFlag(name: string): number | undefined {
  const value = flag(name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

async function main(): Promise<void> {
  const emulator = await startAuthorizeNetEmulator({
    port: numberFlag('port') ?? 0,
    timeoutMs: numberFlag('timeout-ms'),
    apiLoginId: flag('api-login-id'),
    transactionKey: flag('transaction-key'),
    // Real nonces are single-use; --reusable-tokens lets a hand-typed tok_visa_test pay again and again.
    singleUseTokens: !process.argv.includes('--reusable-tokens'),
  });
  console.log(`Authorize.Net emulator: POST ${emulator.url}${API_PATH}`);
  console.log(`test tokens: ${Object.keys(TEST_TOKENS).join(', ')} (single-use unless --reusable-tokens; add _<anything> for a fresh one)`);
  console.log(`record: GET ${emulator.url}/emulator/transactions, ${emulator.url}/emulator/profiles`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
