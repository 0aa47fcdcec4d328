import type { EmulatorState } from './emulator-state';

/**
 * Accept.js and Accept Mobile nonces can be used once (and expire after 15 minutes). With `singleUseTokens` on, the
 * emulator remembers every token that reached a card network (a charge, an ARB subscription, a profile's validation)
 * and refuses it afterwards with E00114, as the gateway refuses a spent nonce.
 */
export function tokenSpent(state: EmulatorState, token: string): boolean {
  return state.singleUseTokens && state.spentTokens.has(token);
}

/** Marks a token as used; with single-use tokens off this changes nothing observable. */
export function spendToken(state: EmulatorState, token: string): void {
  state.spentTokens.add(token);
}
