import { apiMessages, messagesOnly, refIdField, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';
import type { EmulatedCustomerProfile } from './types';

/** The `profile` element of getCustomerProfileResponse: cards masked, expiration dates as XXXX. */
function profileElement(profile: EmulatedCustomerProfile): JsonObject {
  return {
    paymentProfiles: profile.paymentProfiles.map((paymentProfile, index) => ({
      ...(index === 0 ? { defaultPaymentProfile: true } : {}),
      customerPaymentProfileId: paymentProfile.customerPaymentProfileId,
      payment: {
        creditCard: {
          cardNumber: paymentProfile.accountNumber,
          expirationDate: 'XXXX',
          cardType: paymentProfile.accountType,
        },
      },
    })),
    profileType: 'regular',
    customerProfileId: profile.customerProfileId,
    ...(profile.merchantCustomerId === undefined ? {} : { merchantCustomerId: profile.merchantCustomerId }),
    ...(profile.description === undefined ? {} : { description: profile.description }),
    ...(profile.email === undefined ? {} : { email: profile.email }),
  };
}

/**
 * getCustomerProfileRequest { customerProfileId } or { merchantCustomerId }: the profile with its cards masked
 * (last four digits and brand); E00040 when there is none, E00014 when neither id is sent.
 */
export function getCustomerProfile(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const customerProfileId = stringAt(body, 'customerProfileId')?.trim();
  const merchantCustomerId = stringAt(body, 'merchantCustomerId')?.trim();
  if (!customerProfileId && !merchantCustomerId) return messagesOnly('E00014', refId);
  const profile = customerProfileId
    ? state.profiles.get(customerProfileId)
    : state.profiles.byMerchantCustomerId(merchantCustomerId as string);
  if (!profile) return messagesOnly('E00040', refId);
  return { body: { profile: profileElement(profile), ...refIdField(refId), messages: apiMessages('I00001') } };
}
