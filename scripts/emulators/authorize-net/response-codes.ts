/**
 * The response texts the emulator uses, copied from Authorize.Net's published responseCodes.json so that an
 * adapter written against the emulator matches on the same strings the real gateway sends.
 */

/** API-level message codes (messages.message[].code / text). */
export const API_MESSAGES = {
  I00001: 'Successful.',
  I00002: 'The subscription has already been canceled.',
  E00003: 'An error occurred while parsing the XML request.',
  E00004: 'The name of the requested API method is invalid.',
  E00007: 'User authentication failed due to invalid authentication values.',
  E00013: 'The field is invalid.',
  E00014: 'A required field is not present.',
  E00015: 'The field length is invalid.',
  E00017: 'The start date cannot occur in the past.',
  E00022: 'The interval length cannot exceed 365 days or 12 months.',
  E00027: 'The transaction was unsuccessful.',
  E00029: 'Payment information is required.',
  E00030: 'The payment schedule is required.',
  E00031: 'The amount is required.',
  E00032: 'The start date is required.',
  E00035: 'The subscription cannot be found.',
  // The gateway names the existing record: "A duplicate record with ID 1505960917 already exists." (see duplicateRecordText).
  E00039: 'A duplicate record already exists.',
  E00040: 'The record cannot be found.',
  E00041: 'One or more fields in the profile must contain a value.',
  E00060: 'The transaction type is invalid.',
  E00090: 'PaymentProfile cannot be sent with payment data.',
  E00099: 'Customer profile creation failed. This transaction ID is invalid.',
  E00100: 'Customer profile creation failed. This transaction type does not support profile creation.',
  E00102: 'Customer Info is missing.',
  E00108: 'CustomerProfileId cannot be sent with customer data.',
  E00114: 'Invalid OTS Token.',
  E00121: 'No default payment/shipping profile found.',
  E00141: 'Payment Profile creation with this OpaqueData descriptor requires transactionMode to be set to liveMode.',
} as const;

/** E00039's text as the gateway sends it, naming the record that already exists. */
export function duplicateRecordText(recordId: string): string {
  return `A duplicate record with ID ${recordId} already exists.`;
}

/** Codes of {@link API_MESSAGES}. */
export type ApiMessageCode = keyof typeof API_MESSAGES;

/** Transaction reason codes (transactionResponse.messages[].code or errors[].errorCode). */
export const REASONS = {
  '1': 'This transaction has been approved.',
  '2': 'This transaction has been declined.',
  '5': 'A valid amount is required.',
  '6': 'The credit card number is invalid.',
  '11': 'A duplicate transaction has been submitted.',
  '15': 'The transaction ID is invalid or not present.',
  '16': 'The transaction cannot be found.',
  '19': 'An error occurred during processing.  Please try again.',
  '54': 'The referenced transaction does not meet the criteria for issuing a credit.',
  '55': 'The sum of credits against the referenced transaction would exceed original debit amount.',
  '153': 'There was an error processing the payment data.',
  '155': 'This processor does not support this method of submitting payment data.',
  '252': 'Your order has been received. Thank you for your business!',
  '310': 'This transaction has already been voided.',
} as const;

/** Codes of {@link REASONS}. */
export type ReasonCode = keyof typeof REASONS;
