/** The jurisdictions a customer may verify from: the 50 states and the District of Columbia (no territories). */
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA',
  'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ',
  'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC',
  'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'DC',
] as const;

/** A two-letter code of one of the 50 states or DC. */
export type UsStateCode = (typeof US_STATE_CODES)[number];

const codes = new Set<string>(US_STATE_CODES);

/** Whether a (normalized, upper-case) code is one of the 50 states or DC. */
export function isUsStateCode(code: string): code is UsStateCode {
  return codes.has(code);
}
