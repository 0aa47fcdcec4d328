import { apiMessages, refIdField, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';
import type { ProfileIdentity } from './profile-store';
import type { EmulatedCustomerProfile } from './types';

/**
 * The answer of createCustomerProfileRequest and createCustomerProfileFromTransactionRequest
 * (createCustomerProfileResponse). The JSON API sends the id lists as plain arrays of numeric strings.
 */
export function createdProfileResult(
  profile: EmulatedCustomerProfile,
  newPaymentProfileIds: string[],
  validationDirectResponses: string[],
  refId: string | undefined,
): ApiResult {
  return {
    body: {
      customerProfileId: profile.customerProfileId,
      customerPaymentProfileIdList: newPaymentProfileIds,
      customerShippingAddressIdList: [...profile.shippingAddressIds],
      validationDirectResponseList: validationDirectResponses,
      ...refIdField(refId),
      messages: apiMessages('I00001'),
    },
  };
}

/** The gateway's limit on merchantCustomerId. */
export const MAX_MERCHANT_CUSTOMER_ID_LENGTH = 20;

/**
 * merchantCustomerId, description and email of a `customer` or `profile` element: the fields of which the gateway
 * needs at least one, and whose combination it refuses twice (E00039). Blank values count as absent.
 */
export function profileIdentityOf(element: JsonObject): ProfileIdentity {
  const field = (key: string) => {
    const value = stringAt(element, key)?.trim();
    return value ? value : undefined;
  };
  return { merchantCustomerId: field('merchantCustomerId'), description: field('description'), email: field('email') };
}

/** Whether an identity carries anything at all. */
export function hasIdentity(identity: ProfileIdentity): boolean {
  return Boolean(identity.merchantCustomerId || identity.description || identity.email);
}

/** A new, empty profile for an identity (its payment profiles are added by the caller). */
export function newProfile(state: EmulatorState, identity: ProfileIdentity): EmulatedCustomerProfile {
  return {
    customerProfileId: state.profiles.newCustomerProfileId(),
    ...(identity.merchantCustomerId === undefined ? {} : { merchantCustomerId: identity.merchantCustomerId }),
    ...(identity.description === undefined ? {} : { description: identity.description }),
    ...(identity.email === undefined ? {} : { email: identity.email }),
    paymentProfiles: [],
    shippingAddressIds: [],
    createdAt: state.now().toISOString(),
  };
}
