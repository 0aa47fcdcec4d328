import { messagesOnly, type ApiResult } from './api-response';
import {
  createdProfileResult,
  hasIdentity,
  MAX_MERCHANT_CUSTOMER_ID_LENGTH,
  newProfile,
  profileIdentityOf,
} from './customer-profile-response';
import type { EmulatorState } from './emulator-state';
import { objectAt, stringAt, type JsonObject } from './json-shape';
import { duplicateRecordText } from './response-codes';
import { TEST_TOKENS } from './test-tokens';
import type { EmulatedPaymentProfile, EmulatedTransaction } from './types';

/** Whether a transaction proves a card worth storing: an approved charge that has not been voided. */
function storable(transaction: EmulatedTransaction): boolean {
  return (
    transaction.responseCode === '1' &&
    transaction.status !== 'voided' &&
    transaction.testCard !== undefined &&
    Object.hasOwn(TEST_TOKENS, transaction.testCard)
  );
}

/**
 * createCustomerProfileFromTransactionRequest { transId, customer { merchantCustomerId, description, email } } or
 * { transId, customerProfileId }: stores the card of an approved charge as a payment profile, in a new customer
 * profile or in an existing one. The stored card behaves as the test card it was charged with (a profile made from a
 * tok_visa_test charge approves), until `declineProfile` makes it decline.
 *
 * Refusals: no transId E00014; unknown transaction E00040; a refund E00100; a charge that was not approved (or was
 * voided) E00099; neither customer data nor a profile id E00102; both E00108; merchantCustomerId over 20 characters
 * E00015; the same merchantCustomerId, description and email as an existing profile E00039, naming it.
 */
export function createProfileFromTransaction(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const transId = stringAt(body, 'transId')?.trim();
  if (!transId) return messagesOnly('E00014', refId);
  const transaction = state.transactions.get(transId);
  if (!transaction) return messagesOnly('E00040', refId);
  if (transaction.type !== 'authCaptureTransaction') return messagesOnly('E00100', refId);
  if (!storable(transaction)) return messagesOnly('E00099', refId);

  const identity = profileIdentityOf(objectAt(body, 'customer'));
  const existingId = stringAt(body, 'customerProfileId')?.trim();
  if (existingId && hasIdentity(identity)) return messagesOnly('E00108', refId);
  if (!existingId && !hasIdentity(identity)) return messagesOnly('E00102', refId);
  if ((identity.merchantCustomerId?.length ?? 0) > MAX_MERCHANT_CUSTOMER_ID_LENGTH) return messagesOnly('E00015', refId);

  let profile = existingId ? state.profiles.get(existingId) : undefined;
  if (existingId && !profile) return messagesOnly('E00040', refId);
  if (!profile) {
    const duplicate = state.profiles.duplicateOf(identity);
    if (duplicate) return messagesOnly('E00039', refId, duplicateRecordText(duplicate.customerProfileId));
    profile = newProfile(state, identity);
    state.profiles.add(profile);
  }

  const testCard = transaction.testCard as string;
  const paymentProfile: EmulatedPaymentProfile = {
    customerPaymentProfileId: state.profiles.newPaymentProfileId(),
    testCard,
    outcome: TEST_TOKENS[testCard].outcome,
    accountNumber: transaction.accountNumber,
    accountType: transaction.accountType,
    sourceTransId: transaction.transId,
  };
  profile.paymentProfiles.push(paymentProfile);
  return createdProfileResult(profile, [paymentProfile.customerPaymentProfileId], [], refId);
}
