/** Customer profiles: most signed up in a store, some online; many were edited after they were created. */
import { floor } from './bound-globals';
import { iso } from './emulator-clock';
import type { Rng } from './random';
import { customerId } from './square-ids';
import { FAMILY_NAMES, GIVEN_NAMES } from './shop-vocabulary';
import type { SquareCustomer } from './wire-types';

const DAY_MS = 86_400_000;
const AREA_CODES = ['512', '713', '214', '210', '817', '915', '737', '832', '469'];

/** A fictional phone number in the 555 exchange, in E.164 form as Square stores it. */
export const fakePhone = (rng: Rng): string => `+1${rng.pick(AREA_CODES)}555${String(rng.int(0, 9999)).padStart(4, '0')}`;

/** A new customer profile created at `createdMs`. */
export function newCustomer(rng: Rng, createdMs: number, serial: number): SquareCustomer {
  const given = rng.pick(GIVEN_NAMES);
  const family = rng.pick(FAMILY_NAMES);
  const source = rng.weighted([['DIRECTORY', 55], ['INSTANT_PROFILE', 20], ['ONLINE_STORE', 20], ['THIRD_PARTY', 5]] as const);
  return {
    id: customerId(rng),
    created_at: iso(createdMs),
    updated_at: iso(createdMs),
    given_name: given,
    family_name: family,
    ...(source !== 'INSTANT_PROFILE' && rng.chance(0.85) && {
      email_address: `${given}.${family}${serial}@example.com`.toLowerCase(),
    }),
    ...(rng.chance(0.7) && { phone_number: fakePhone(rng) }),
    preferences: { email_unsubscribed: rng.chance(0.08) },
    creation_source: source,
    version: 0,
  };
}

/** Generates `count` customers sorted by created_at; sign-ups grow over the history that ends at `nowMs`. */
export function generateCustomers(rng: Rng, count: number, historyStartMs: number, nowMs: number): SquareCustomer[] {
  const latest = nowMs - 60_000;
  const span = latest - historyStartMs;
  const created: number[] = [];
  for (let i = 0; i < count; i++) {
    // A quarter were already customers when the history starts; sqrt skews the rest towards recent growth.
    created.push(rng.chance(0.25)
      ? historyStartMs - rng.int(1, 365) * DAY_MS + rng.int(0, DAY_MS)
      : historyStartMs + floor(Math.sqrt(rng.next()) * span));
  }
  created.sort((a, b) => a - b);
  return created.map((ms, i) => {
    const c = newCustomer(rng, ms, i + 1);
    if (rng.chance(0.3) && latest - ms > 1000) {
      const at = ms + 1 + floor(rng.next() * (latest - ms - 1));
      if (!c.phone_number) c.phone_number = fakePhone(rng);
      else c.preferences.email_unsubscribed = !c.preferences.email_unsubscribed;
      c.updated_at = iso(at);
      c.version = 1;
    }
    return c;
  });
}
