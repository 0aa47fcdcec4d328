/**
 * The test tokens the emulator understands, in place of the Accept.js / Accept Mobile nonces the real gateway
 * decrypts. Each name stands for a test card with a fixed outcome so that every branch of a gateway adapter can be
 * driven. A name followed by `_` and anything (`tok_visa_test_7f3a`) is another nonce for the same card: real nonces
 * are single-use, so a test that charges one card twice needs two of them.
 */

/** What a charge with a token does. */
export type TokenOutcome = 'approve' | 'decline' | 'error' | 'review' | 'timeout';

/** The card behind a token, as the gateway reports it (masked). */
export interface TokenCard {
  outcome: TokenOutcome;
  accountNumber: string;
  accountType: string;
}

/** A test card and the name it goes by (the token without its nonce suffix). */
export interface TestCard extends TokenCard {
  /** The test card's name, e.g. tok_visa_test; what duplicate detection compares, as the gateway compares card numbers. */
  name: string;
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

/** The test card behind a token (`tok_visa_test` or `tok_visa_test_<nonce>`), or undefined for an unknown token. */
export function cardForToken(token: string): TestCard | undefined {
  const name = Object.hasOwn(TEST_TOKENS, token) ? token : Object.keys(TEST_TOKENS).find((known) => token.startsWith(`${known}_`));
  return name === undefined ? undefined : { name, ...TEST_TOKENS[name] };
}
