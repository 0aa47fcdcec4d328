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
  E00017: 'The start date cannot occur in the past.',
  E00022: 'The interval length cannot exceed 365 days or 12 months.',
  E00027: 'The transaction was unsuccessful.',
  E00029: 'Payment information is required.',
  E00030: 'The payment schedule is required.',
  E00031: 'The amount is required.',
  E00032: 'The start date is required.',
  E00035: 'The subscription cannot be found.',
  E00040: 'The record cannot be found.',
  E00060: 'The transaction type is invalid.',
  E00114: 'Invalid OTS Token.',
} as const;

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
