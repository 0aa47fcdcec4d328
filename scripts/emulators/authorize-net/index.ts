import type { AddressInfo } from 'node:net';
import { createEmulatorState, declineStoredCards, settleDueTransactions } from './emulator-state';
import { createEmulatorServer } from './http-server';
import type { AuthorizeNetEmulator, AuthorizeNetEmulatorOptions } from './types';

export { API_PATH } from './http-server';
export { TEST_TOKENS } from './test-tokens';
export type {
  AuthorizeNetEmulator,
  AuthorizeNetEmulatorOptions,
  EmulatedCustomerProfile,
  EmulatedPaymentProfile,
  EmulatedSubscription,
  EmulatedTransaction,
  EmulatedTransactionType,
  TransactionStatus,
} from './types';

/**
 * Starts an Authorize.Net emulator on 127.0.0.1 that speaks the gateway's JSON API (byte-order mark included) with
 * single-use test tokens for approve, decline, error, held-for-review and timeout, and customer profiles that store a
 * card for later charges.
 */
export async function startAuthorizeNetEmulator(
  options: AuthorizeNetEmulatorOptions = {},
): Promise<AuthorizeNetEmulator> {
  const state = createEmulatorState(options);
  const { server, close } = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    transactions: () => {
      settleDueTransactions(state);
      return state.transactions.snapshot();
    },
    subscriptions: () => state.subscriptions.snapshot(),
    profiles: () => state.profiles.snapshot(),
    declineProfile: (customerProfileId) => declineStoredCards(state, customerProfileId),
    settle: () => {
      state.settlement.settleAll(state.transactions.live(), state.now());
    },
    close,
  };
}
