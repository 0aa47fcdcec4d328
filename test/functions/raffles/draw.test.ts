import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { type PublishedDraw, recomputeDraw } from '../../../scripts/verify-draw/recompute';
import info from '../../fixtures/drand/quicknet-info.json';
import round1000 from '../../fixtures/drand/quicknet-round-1000.json';
import { startDrandRelay } from '../../support/drand-relay';
import { type RafflesHarness, startRaffles } from './harness';

describe('drawing a raffle and verifying the draw', () => {
  let h: RafflesHarness;
  beforeEach(async () => {
    h = await startRaffles();
  });
  afterEach(() => h.close());

  async function soldRaffle() {
    const raffle = await h.create('charitable_raffle', { winners: 2, runnersUp: 3 });
    const buyers = ['ada', 'bo', 'cy', 'di', 'ed', 'flo'];
    for (const [i, c] of buyers.entries()) {
      await h.verifyAge(c);
      expect((await h.purchase(raffle.id, c, { tickets: i + 1 })).status).toBe(201);
    }
    return raffle;
  }

  it('refuses a draw before drawAt, then draws once with the announced beacon round and notifies the picks', async () => {
    const raffle = await soldRaffle();
    const early = await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' });
    expect([early.status, early.body.code]).toEqual([409, 'DRAW_NOT_DUE']);
    expect((await h.request('GET', `/api/raffles/${raffle.id}/verify`)).body.code).toBe('NOT_DRAWN');
    h.rt.clock.set(new Date(Date.parse(raffle.drawAt) + 10_000));
    const drawn = await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' });
    expect(drawn.status).toBe(200);
    const result = drawn.body.raffle.result;
    expect(result.winners).toHaveLength(2);
    expect(result.runnersUp).toHaveLength(3);
    const again = await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' });
    expect(again.body.raffle.result).toEqual(result);
    const notices = await h.rows<{ template: string }>(`SELECT template FROM ops.notification_outbox WHERE template IN ('raffle-winner', 'raffle-runner-up') ORDER BY template`);
    expect(notices.map((n) => n.template)).toEqual(['raffle-runner-up', 'raffle-runner-up', 'raffle-runner-up', 'raffle-winner', 'raffle-winner']);
    const purchase = await h.purchase(raffle.id, 'ada');
    expect([purchase.status, purchase.body.code]).toEqual([409, 'RAFFLE_DRAWN']);
  });

  it('publishes what recomputes independently to the same picks, and any change to seed, manifest or beacon shows', async () => {
    const raffle = await soldRaffle();
    h.rt.clock.set(new Date(Date.parse(raffle.drawAt) + 10_000));
    await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' });
    const res = await h.request('GET', `/api/raffles/${raffle.id}/verify`);
    expect(res.status).toBe(200);
    const published = res.body as PublishedDraw;
    expect(published.commitment).toBe(raffle.commitment);
    expect(published.beacon.round).toBe(raffle.beacon.round);
    expect(published.manifest.split('\n')).toHaveLength(21);
    expect(published.manifest).not.toMatch(/ada|bo|cy/);
    const honest = await recomputeDraw(published);
    expect(honest.checks.filter((c) => !c.ok)).toEqual([]);
    expect(honest.notes).toEqual([expect.stringContaining('not drand quicknet')]);
    expect(honest.winners).toEqual(published.winners);

    const flip = (hex: string) => `${hex[0] === 'a' ? 'b' : 'a'}${hex.slice(1)}`;
    const lines = published.manifest.split('\n');
    const tampered: Array<[string, PublishedDraw]> = [
      ['another seed', { ...published, seed: flip(published.seed) }],
      ['a manifest with a ticket moved to another entry', { ...published, manifest: [lines[1].replace(/\t.*/, `\t${lines[20].split('\t')[1]}`), ...lines.slice(0, 1), ...lines.slice(2)].sort().join('\n') }],
      ['another beacon', { ...published, beacon: { ...published.beacon, randomness: flip(published.beacon.randomness) } }],
    ];
    for (const [, changed] of tampered) {
      const report = await recomputeDraw(changed);
      expect(report.ok).toBe(false);
    }
    // Even with every hash "fixed up" by a cheat, a different input gives different picks.
    const reseeded = await recomputeDraw({ ...published, seed: flip(published.seed), commitment: '' });
    expect(reseeded.winners).not.toEqual(published.winners);
  });

  it('draws a sweepstakes of free one-ticket entries the same way', async () => {
    const sweepstakes = await h.create('sweepstakes', { winners: 1, runnersUp: 1 });
    for (const c of ['gil', 'hua', 'ian', 'jan']) {
      await h.verifyAge(c);
      expect((await h.request('POST', `/api/raffles/${sweepstakes.id}/free-entry`, { as: c, json: { customerId: c } })).status).toBe(201);
    }
    h.rt.clock.set(new Date(Date.parse(sweepstakes.drawAt) + 10_000));
    expect((await h.request('POST', `/api/raffles/${sweepstakes.id}/draw`, { as: 'ops', role: 'admin' })).status).toBe(200);
    const published = (await h.request('GET', `/api/raffles/${sweepstakes.id}/verify`)).body as PublishedDraw;
    expect(published.manifest.split('\n').map((line) => line.split('\t')[0])).toEqual(['1', '2', '3', '4']);
    expect((await recomputeDraw(published)).ok).toBe(true);
  });

  it('npm run verify-draw recomputes a saved /verify answer and fails on a changed one', async () => {
    const raffle = await soldRaffle();
    h.rt.clock.set(new Date(Date.parse(raffle.drawAt) + 10_000));
    await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' });
    const res = await h.request('GET', `/api/raffles/${raffle.id}/verify`);
    const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, res.text);
      const out = execFileSync('npx', ['tsx', 'scripts/verify-draw.ts', good], { encoding: 'utf8' });
      expect(out).toContain('The draw recomputes exactly as published.');
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ ...res.body, winners: [...res.body.runnersUp.slice(0, 2)] }));
      const failed = spawnSync('npx', ['tsx', 'scripts/verify-draw.ts', bad], { encoding: 'utf8' });
      expect(failed.status).toBe(1);
      expect(failed.stdout).toContain('FAIL winners recompute');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a draw on drand quicknet (recorded round 1000 served by a loopback relay)', () => {
  it('announces round 1000 for a draw at its publication time, draws with its verified randomness, and recomputes as quicknet', async () => {
    const relay = await startDrandRelay(info, [round1000]);
    const h = await startRaffles({ start: '2023-08-23T15:00:00Z', env: { RAFFLE_BEACON_URL: relay.url } });
    try {
      const raffle = await h.create('charitable_raffle', { entriesOpenAt: '2023-08-23T15:00:00Z', entriesCloseAt: '2023-08-23T15:59:00Z', drawAt: '2023-08-23T15:59:24Z' });
      expect(raffle.beacon).toEqual({ source: info.hash, round: 1000 });
      await h.verifyAge('kai');
      await h.purchase(raffle.id, 'kai', { tickets: 3 });
      h.rt.clock.set(new Date('2023-08-23T15:59:30Z'));
      expect((await h.request('POST', `/api/raffles/${raffle.id}/draw`, { as: 'ops', role: 'admin' })).status).toBe(200);
      const published = (await h.request('GET', `/api/raffles/${raffle.id}/verify`)).body as PublishedDraw;
      expect(published.beacon).toMatchObject({ round: 1000, randomness: round1000.randomness, signature: round1000.signature });
      const report = await recomputeDraw(published);
      expect(report.checks.find((c) => c.name.includes('quicknet'))?.ok).toBe(true);
      expect(report.notes).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await h.close();
      await relay.close();
    }
  });
});
