/**
 * The test tokens the emulator understands, in place of the Accept.js / Accept Mobile nonces the real gateway
 * decrypts. Each one stands for a card with a fixed outcome so that every branch of a gateway adapter can be driven.
 */

/** What a charge with a token does. */
export type TokenOutcome = 'approve' | 'decline' | 'error' | 'review' | 'timeout';

/** The card behind a token, as the gateway reports it (masked). */
export interface TokenCard {
  outcome: TokenOutcome;
  accountNumber: string;
  accountType: string;
}

const VISA_1111 = { accountNumber: 'XXXX1111', accountType: 'Visa' } as const;

/** Known test tokens; any other dataValue is answered as undecryptable payment data. */
export const TEST_TOKENS: Readonly<Record<string, TokenCard>> = Object.freeze({
  tok_visa_test: { outcome: 'approve', ...VISA_1111 },
  tok_declined: { outcome: 'decline', ...VISA_1111 },
  tok_error: { outcome: 'error', ...VISA_1111 },
  tok_review: { outcome: 'review', ...VISA_1111 },
  tok_timeout: { outcome: 'timeout', ...VISA_1111 },
});

/** The card behind a test token, or undefined for an unknown token. */
export function cardForToken(token: string): TokenCard | undefined {
  return Object.hasOwn(TEST_TOKENS, token) ? TEST_TOKENS[token] : undefined;
}
