import type { Runtime } from '../runtime';
import { DrandBeacon } from './drand';
import { LocalBeacon, NoBeacon } from './local';
import type { RandomnessBeacon } from './port';
import { QUICKNET_URL } from './quicknet';

const beacons = new WeakMap<Runtime, RandomnessBeacon>();

/**
 * The runtime's beacon, chosen by RAFFLE_BEACON_URL: drand quicknet at that URL, none for "none"; unset, drand's own
 * quicknet relay in production and the fixed local beacon elsewhere (local stack, tests). Created on first use and reused.
 */
export function randomnessBeacon(rt: Runtime): RandomnessBeacon {
  const existing = beacons.get(rt);
  if (existing) return existing;
  const url = rt.config.RAFFLE_BEACON_URL ?? (rt.config.NODE_ENV === 'production' ? QUICKNET_URL : undefined);
  const now = () => rt.clock.now();
  const beacon = url === 'none' ? new NoBeacon() : url ? new DrandBeacon(url, undefined, now) : new LocalBeacon(now);
  beacons.set(rt, beacon);
  return beacon;
}

/** Installs a beacon for a runtime in place of the configured one (tests with recorded rounds). */
export function setRandomnessBeacon(rt: Runtime, beacon: RandomnessBeacon): void {
  beacons.set(rt, beacon);
}
