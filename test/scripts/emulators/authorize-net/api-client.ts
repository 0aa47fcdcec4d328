/** Test helpers: a bare fetch client for the emulator, a clock the tests can move and an emulator started on one. */
import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';

/** Parsed response JSON, loosely typed on purpose: the tests themselves assert its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

export const CREDENTIALS = { name: 'emulator-login', transactionKey: 'emulator-transaction-key' };

/** A clock that only moves when a test advances it. */
export interface ManualClock {
  now: () => Date;
  advanceSeconds: (seconds: number) => void;
}

/** A clock starting at `iso` that tests advance explicitly. */
export function manualClock(iso: string): ManualClock {
  let current = new Date(iso).getTime();
  return {
    now: () => new Date(current),
    advanceSeconds: (seconds) => {
      current += seconds * 1000;
    },
  };
}

/** A fresh emulator whose clock starts at 2025-03-10T12:00:00Z and moves only when the test advances it. */
export async function startEmulatorOnManualClock(): Promise<{ emulator: AuthorizeNetEmulator; clock: ManualClock }> {
  const clock = manualClock('2025-03-10T12:00:00Z');
  return { emulator: await startAuthorizeNetEmulator({ now: clock.now }), clock };
}

/** POSTs one API request and returns the raw text and the JSON after removing the byte-order mark. */
export async function callApi(
  baseUrl: string,
  method: string,
  fields: Record<string, unknown>,
  init: { signal?: AbortSignal; credentials?: typeof CREDENTIALS } = {},
): Promise<{ raw: string; json: Json; contentType: string | null }> {
  const response = await fetch(`${baseUrl}/xml/v1/request.api`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ [method]: { merchantAuthentication: init.credentials ?? CREDENTIALS, ...fields } }),
    signal: init.signal,
  });
  // Decoded by hand: Response.text() would silently drop the byte-order mark the gateway sends.
  const raw = Buffer.from(await response.arrayBuffer()).toString('utf8');
  return { raw, json: JSON.parse(raw.replace(/^\uFEFF/, '')), contentType: response.headers.get('content-type') };
}

/** An authCaptureTransaction paid with a test token. */
export function charge(
  baseUrl: string,
  token: string,
  amount: string | number,
  extra: Record<string, unknown> = {},
  init: { signal?: AbortSignal } = {},
): Promise<{ raw: string; json: Json }> {
  return callApi(
    baseUrl,
    'createTransactionRequest',
    {
      transactionRequest: {
        transactionType: 'authCaptureTransaction',
        amount,
        payment: { opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: token } },
        ...extra,
      },
    },
    init,
  );
}

/** A voidTransaction for `refTransId`. */
export function voidCharge(baseUrl: string, refTransId: string): Promise<{ raw: string; json: Json }> {
  return callApi(baseUrl, 'createTransactionRequest', {
    transactionRequest: { transactionType: 'voidTransaction', refTransId },
  });
}

/** A refundTransaction as the API reference shows it: last four digits and expiration "XXXX". */
export function refund(
  baseUrl: string,
  refTransId: string,
  amount: string,
  lastFour = '1111',
  extra: Record<string, unknown> = {},
): Promise<{ raw: string; json: Json }> {
  return callApi(baseUrl, 'createTransactionRequest', {
    transactionRequest: {
      transactionType: 'refundTransaction',
      amount,
      payment: { creditCard: { cardNumber: lastFour, expirationDate: 'XXXX' } },
      refTransId,
      ...extra,
    },
  });
}

/** getTransactionDetailsRequest for `transId`. */
export function transactionDetails(baseUrl: string, transId: string): Promise<{ raw: string; json: Json }> {
  return callApi(baseUrl, 'getTransactionDetailsRequest', { transId });
}

/** createCustomerProfileFromTransactionRequest for `transId`, with `customer` fields (or a customerProfileId). */
export function profileFromTransaction(
  baseUrl: string,
  transId: string,
  fields: Record<string, unknown> = { customer: { merchantCustomerId: 'M-1', description: 'Membership' } },
): Promise<{ raw: string; json: Json }> {
  return callApi(baseUrl, 'createCustomerProfileFromTransactionRequest', { transId, ...fields });
}

/** An authCaptureTransaction charged to a stored card (`paymentProfileId` omitted: the profile's default card). */
export function chargeProfile(
  baseUrl: string,
  customerProfileId: string,
  paymentProfileId: string | undefined,
  amount: string,
  extra: Record<string, unknown> = {},
): Promise<{ raw: string; json: Json }> {
  return callApi(baseUrl, 'createTransactionRequest', {
    transactionRequest: {
      transactionType: 'authCaptureTransaction',
      amount,
      profile: { customerProfileId, ...(paymentProfileId === undefined ? {} : { paymentProfile: { paymentProfileId } }) },
      ...extra,
    },
  });
}
