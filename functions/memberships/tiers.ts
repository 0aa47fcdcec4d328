/** The membership tiers, cheapest first. */
export const TIER_NAMES = ['BRONZE', 'SILVER', 'GOLD'] as const;
/** BRONZE | SILVER | GOLD. */
export type TierName = (typeof TIER_NAMES)[number];

/** What a tier costs and gives. */
export interface Tier {
  name: TierName;
  /** Monthly price in cents. */
  priceCents: number;
  /** Discount at checkout, in whole percent. */
  discountPercent: number;
  /** The benefits the shop publishes for the tier. */
  benefits: readonly string[];
}

/** The shop's published tiers: BRONZE $47/month 10 % off, SILVER $97 20 %, GOLD $197 30 %. */
export const TIERS: Readonly<Record<TierName, Tier>> = Object.freeze({
  BRONZE: {
    name: 'BRONZE',
    priceCents: 4700,
    discountPercent: 10,
    benefits: ['10% off every purchase, in store and online', 'Member-only deals by email', 'Birthday reward'],
  },
  SILVER: {
    name: 'SILVER',
    priceCents: 9700,
    discountPercent: 20,
    benefits: [
      '20% off every purchase, in store and online',
      'Member-only deals by email',
      'Birthday reward',
      'Early access to new products',
      'Free shipping on online orders over $50',
    ],
  },
  GOLD: {
    name: 'GOLD',
    priceCents: 19700,
    discountPercent: 30,
    benefits: [
      '30% off every purchase, in store and online',
      'Member-only deals by email',
      'Birthday reward',
      'Early access to new products',
      'Free shipping on every online order',
      'Exclusive member product drops',
      'Priority customer support',
    ],
  },
});

/** The tier's position: higher is more expensive. */
export function tierRank(tier: TierName): number {
  return TIER_NAMES.indexOf(tier);
}

/** A stored tier name as a Tier (throws on an unknown name, which would mean a corrupt ledger row). */
export function tierOf(name: string): Tier {
  if (!(TIER_NAMES as readonly string[]).includes(name)) throw new Error(`Unknown membership tier ${name}`);
  return TIERS[name as TierName];
}
