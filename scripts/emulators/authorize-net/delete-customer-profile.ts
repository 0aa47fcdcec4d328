import { messagesOnly, type ApiResult } from './api-response';
import type { EmulatorState } from './emulator-state';
import { stringAt, type JsonObject } from './json-shape';

/**
 * deleteCustomerProfileRequest { customerProfileId }: forgets the profile and every card in it. A second delete
 * finds nothing (E00040), as on the gateway; charges made with the profile keep their records.
 */
export function deleteCustomerProfile(state: EmulatorState, body: JsonObject, refId: string | undefined): ApiResult {
  const customerProfileId = stringAt(body, 'customerProfileId')?.trim();
  if (!customerProfileId) return messagesOnly('E00014', refId);
  return messagesOnly(state.profiles.delete(customerProfileId) ? 'I00001' : 'E00040', refId);
}
