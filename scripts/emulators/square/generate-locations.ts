/** The shop's locations: physical stores first (the first is the main location), the web shop last. */
import { iso } from './emulator-clock';
import type { Rng } from './random';
import { locationId, merchantId, teamMemberId } from './square-ids';
import { ONLINE_SITE, STORE_SITES, type StoreSite } from './shop-vocabulary';
import type { SquareLocation } from './wire-types';

const DAY_MS = 86_400_000;

/** A location plus what the payment generator needs to know about it. */
export interface GeneratedLocation {
  wire: SquareLocation;
  online: boolean;
  /** Relative share of the shop's sales. */
  salesWeight: number;
  /** Staff who ring up sales here (in-store payments carry one of them). */
  teamMemberIds: string[];
}

function siteFor(index: number, count: number): StoreSite {
  // A shop of three or more locations sells online too; smaller shops are stores only.
  if (count >= 3 && index === count - 1) return ONLINE_SITE;
  const base = STORE_SITES[index % STORE_SITES.length];
  const round = Math.floor(index / STORE_SITES.length);
  return round === 0 ? base : { ...base, name: `${base.name} ${round + 1}` };
}

/** Generates `count` locations, all opened before `historyStartMs` so every one has a full sales history. */
export function generateLocations(rng: Rng, count: number, historyStartMs: number): GeneratedLocation[] {
  const merchant = merchantId(rng);
  const out: GeneratedLocation[] = [];
  for (let i = 0; i < count; i++) {
    const site = siteFor(i, count);
    const opened = historyStartMs - (400 - i * 30) * DAY_MS - rng.int(0, DAY_MS);
    out.push({
      wire: {
        id: locationId(rng),
        name: site.name,
        business_name: 'Lone Star Hemp Co.',
        address: {
          address_line_1: site.street,
          locality: site.city,
          administrative_district_level_1: 'TX',
          postal_code: site.postalCode,
          country: 'US',
        },
        // El Paso keeps Mountain time; the rest of Texas is Central.
        timezone: site.city === 'El Paso' ? 'America/Denver' : 'America/Chicago',
        capabilities: ['CREDIT_CARD_PROCESSING', 'AUTOMATIC_TRANSFERS'],
        status: 'ACTIVE',
        created_at: iso(opened),
        merchant_id: merchant,
        country: 'US',
        language_code: 'en-US',
        currency: 'USD',
        phone_number: site.phone,
        type: site.online ? 'MOBILE' : 'PHYSICAL',
        mcc: '5999',
      },
      online: site.online,
      salesWeight: site.online ? 0.45 : Math.max(0.3, 1 - i * 0.15),
      teamMemberIds: site.online ? [] : Array.from({ length: 4 }, () => teamMemberId(rng)),
    });
  }
  return out;
}
