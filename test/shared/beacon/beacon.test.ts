import { DrandBeacon } from '@shared/beacon/drand';
import { LocalBeacon } from '@shared/beacon/local';
import { BeaconError } from '@shared/beacon/port';
import { QUICKNET_CHAIN_INFO } from '@shared/beacon/quicknet';
import info from '../../fixtures/drand/quicknet-info.json';
import round1000 from '../../fixtures/drand/quicknet-round-1000.json';
import round2 from '../../fixtures/drand/quicknet-round-2.json';
import round3 from '../../fixtures/drand/quicknet-round-3.json';
import { startDrandRelay } from '../../support/drand-relay';

const afterRound1000 = () => new Date('2023-08-23T16:00:00Z');

describe('drand quicknet beacon (recorded rounds over a loopback relay)', () => {
  it('the chain info in code is the recorded quicknet info', () => {
    expect(QUICKNET_CHAIN_INFO).toEqual(info);
  });

  it('numbers rounds from genesis every 3 seconds: the first round at or after a time', () => {
    const beacon = new DrandBeacon('http://127.0.0.1:1', QUICKNET_CHAIN_INFO, afterRound1000);
    expect(beacon.roundTime(1000).toISOString()).toBe(new Date((1692803367 + 999 * 3) * 1000).toISOString());
    expect(beacon.roundAt(beacon.roundTime(1000))).toBe(1000);
    expect(beacon.roundAt(new Date(beacon.roundTime(1000).getTime() + 1))).toBe(1001);
    expect(beacon.roundAt(new Date('2026-06-01T18:00:00Z'))).toBe(Math.ceil((Date.parse('2026-06-01T18:00:00Z') / 1000 - 1692803367) / 3) + 1);
  });

  it.each([round2, round3, round1000])('fetches recorded round $round and verifies its BLS signature against the quicknet public key', async (recorded) => {
    const relay = await startDrandRelay(info, [round2, round3, round1000]);
    try {
      const beacon = new DrandBeacon(relay.url, QUICKNET_CHAIN_INFO, afterRound1000);
      await expect(beacon.fetchRound(recorded.round)).resolves.toEqual(recorded);
    } finally {
      await relay.close();
    }
  });

  it("refuses round 3's signature served as round 2", async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const relay = await startDrandRelay(info, [{ ...round3, round: 2 }]);
    try {
      const beacon = new DrandBeacon(relay.url, QUICKNET_CHAIN_INFO, afterRound1000);
      await expect(beacon.fetchRound(2)).rejects.toMatchObject({ reason: 'invalid' });
    } finally {
      await relay.close();
      jest.restoreAllMocks();
    }
  });

  it.each([
    ['a signature with one bit flipped', { ...round1000, signature: `a${round1000.signature.slice(1)}` }],
    ['randomness that is not SHA-256 of the signature', { ...round1000, randomness: `00${round1000.randomness.slice(2)}` }],
  ])('refuses a tampered round: %s', async (_, tampered) => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const relay = await startDrandRelay(info, [tampered]);
    try {
      const beacon = new DrandBeacon(relay.url, QUICKNET_CHAIN_INFO, afterRound1000);
      await expect(beacon.fetchRound(1000)).rejects.toMatchObject({ reason: 'invalid' });
    } finally {
      await relay.close();
      jest.restoreAllMocks();
    }
  });

  it('refuses round 1000 served as another round', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const relay = await startDrandRelay(info, [{ ...round1000, round: 1001 }]);
    try {
      const beacon = new DrandBeacon(relay.url, QUICKNET_CHAIN_INFO, afterRound1000);
      await expect(beacon.fetchRound(1001)).rejects.toBeInstanceOf(BeaconError);
    } finally {
      await relay.close();
      jest.restoreAllMocks();
    }
  });

  it('refuses a relay that serves another chain', async () => {
    const relay = await startDrandRelay({ ...info, public_key: `${info.public_key.slice(0, -2)}00` }, [round1000]);
    try {
      const beacon = new DrandBeacon(relay.url, QUICKNET_CHAIN_INFO, afterRound1000);
      await expect(beacon.fetchRound(1000)).rejects.toBeInstanceOf(BeaconError);
    } finally {
      await relay.close();
    }
  });

  it('does not ask for a round before it is published', async () => {
    const beacon = new DrandBeacon('http://127.0.0.1:1', QUICKNET_CHAIN_INFO, () => new Date(Date.UTC(2023, 7, 23, 15, 9, 27)));
    await expect(beacon.fetchRound(1000)).rejects.toMatchObject({ reason: 'not_yet_published' });
  });
});

describe('local beacon', () => {
  it('signs its rounds so that drand-client verifies them, the same round always alike', async () => {
    const beacon = new LocalBeacon(() => new Date('2026-06-01T00:00:00Z'));
    const round = beacon.roundAt(new Date('2026-05-01T00:00:00Z'));
    const first = await beacon.fetchRound(round);
    expect(first.round).toBe(round);
    expect(first.randomness).toMatch(/^[0-9a-f]{64}$/);
    expect(await beacon.fetchRound(round)).toEqual(first);
    expect((await beacon.fetchRound(round + 1)).randomness).not.toBe(first.randomness);
    expect(beacon.chain.schemeID).toBe('bls-unchained-g1-rfc9380');
  });
});
