/**
 * The rules raffles and sweepstakes are held to, one profile per jurisdiction. They encode the product's reading of
 * the law, not legal advice; another state is another profile here, not new branches elsewhere.
 */
export type DrawKind = 'charitable_raffle' | 'sweepstakes';

export interface JurisdictionProfile {
  code: string;
  name: string;
  /** Kinds of draw that may be run at all. */
  allowedKinds: readonly DrawKind[];
  /** Charitable raffles one organization may hold per calendar year (null: no limit). */
  rafflesPerOrganizationPerYear: number | null;
  /** Highest prize value of a charitable raffle, in cents (null: no cap). */
  rafflePrizeCapCents: number | null;
  /** Whether money (or a cash equivalent) may be a prize. */
  cashPrizesAllowed: boolean;
  /** Whether a sweepstakes may take paid entries (never, where consideration would make it a lottery). */
  sweepstakesPaidEntryAllowed: boolean;
  /** Statements a sweepstakes' official rules must make, each with a pattern that finds it and how it is named. */
  sweepstakesDisclosures: ReadonlyArray<{ name: string; statement: string; pattern: RegExp }>;
  /** Free entries per customer in a sweepstakes. */
  freeEntriesPerCustomer: number;
  /** Statute references shown with refusals and in the README. */
  references: readonly string[];
}

/**
 * Texas. Occupations Code ch. 2002 (Charitable Raffle Enabling Act): only qualified organizations (religious societies,
 * volunteer fire departments and emergency medical services, 501(c) nonprofits) may hold raffles, at most two per
 * calendar year, with no money as a prize and no purchased prize worth more than $50,000. Penal Code §47.01 and
 * ch. 47: a prize by chance for consideration is a lottery, so a for-profit shop's own draw must be a sweepstakes with
 * no purchase involved; Business & Commerce Code ch. 622 (game of chance promotions): the rules must say that no
 * purchase is necessary and that buying does not improve the chance of winning.
 */
export const TEXAS: JurisdictionProfile = {
  code: 'TX',
  name: 'Texas',
  allowedKinds: ['charitable_raffle', 'sweepstakes'],
  rafflesPerOrganizationPerYear: 2,
  rafflePrizeCapCents: 50_000_00,
  cashPrizesAllowed: false,
  sweepstakesPaidEntryAllowed: false,
  sweepstakesDisclosures: [
    { name: 'no_purchase_necessary', statement: 'No purchase necessary', pattern: /no purchase (is )?(necessary|required)/i },
    {
      name: 'purchase_does_not_improve_odds',
      statement: 'A purchase will not improve your chances of winning',
      pattern: /(purchas(e|ing)|buying)[^.]*\b(will not|does not|doesn't|won't|cannot|can't)\b[^.]*\b(improve|increase|help|better)/i,
    },
  ],
  freeEntriesPerCustomer: 1,
  references: ['Tex. Occ. Code ch. 2002', 'Tex. Penal Code §47.01', 'Tex. Bus. & Com. Code ch. 622'],
};

/** Every profile, by code (RAFFLE_JURISDICTION). */
export const JURISDICTIONS: Readonly<Record<string, JurisdictionProfile>> = { TX: TEXAS };

/** The profile for a code; throws for one without a profile (config validation keeps that from happening). */
export function jurisdictionProfile(code: string): JurisdictionProfile {
  const profile = JURISDICTIONS[code];
  if (!profile) throw new Error(`No raffle jurisdiction profile for ${code}`);
  return profile;
}
