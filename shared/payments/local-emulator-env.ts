/**
 * Credentials the local stack gives the Authorize.Net emulator (its `apiLoginId` / `transactionKey` options) and
 * the product (environment), so the two agree without configuration. They are not real credentials.
 */
export const AUTHORIZE_NET_EMULATOR_CREDENTIALS = {
  apiLoginId: 'emulator-login',
  transactionKey: 'emulator-transaction-key',
} as const;

/**
 * The environment that points the product's gateway at an emulator listening on `url`: base URL, API Login ID, and the
 * Transaction Key as the env secrets adapter reads it (secret authorize-net-transaction-key).
 */
export function authorizeNetEmulatorEnv(url: string): Record<string, string> {
  return {
    AUTHORIZE_NET_BASE_URL: url,
    AUTHORIZE_NET_API_LOGIN_ID: AUTHORIZE_NET_EMULATOR_CREDENTIALS.apiLoginId,
    AUTHORIZE_NET_TRANSACTION_KEY: AUTHORIZE_NET_EMULATOR_CREDENTIALS.transactionKey,
  };
}
