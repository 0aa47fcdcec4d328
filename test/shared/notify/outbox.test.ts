import { open } from '@shared/privacy/seal';
import { parseKeyRing } from '@shared/privacy/keys';
import { noticeEmailContext, notify } from '@shared/notify/outbox';
import { createTestRuntime, TEST_SECRETS, type TestRuntime } from '../../support/runtime';

const entry = {
  kind: 'raffle-entry-confirmed' as const,
  customerId: 'cust-1',
  dedupeKey: 'raffle-entry:r1:cust-1',
  data: { raffleId: 'r1', raffleTitle: 'Glass pipe giveaway', ticketNumbers: [3, 4], amountCents: 1000, drawAt: '2026-04-01T17:00:00Z' },
};

describe('queueing a notice', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = createTestRuntime();
    await rt.warehouse.ensureSchema();
  });
  afterEach(() => rt.warehouse.close());

  const rows = () => rt.warehouse.query<{ template: string; email_sealed: string | null; data: unknown }>((d) => `SELECT template, email_sealed, data FROM ${d.table('ops.notification_outbox')}`);

  it('stores it once per key, with the address given sealed and bound to the key', async () => {
    expect(await notify(rt, { ...entry, email: ' Pat@Example.com ' })).toBe(true);
    expect(await notify(rt, { ...entry, email: 'pat@example.com' })).toBe(false);
    const [row] = await rows();
    expect(row.template).toBe('raffle-entry-confirmed');
    expect(row.email_sealed).not.toContain('example.com');
    const ring = parseKeyRing(TEST_SECRETS.PII_ENCRYPTION_KEYS);
    expect(open(ring, row.email_sealed as string, noticeEmailContext(entry.dedupeKey))).toBe('Pat@Example.com');
    expect(() => open(ring, row.email_sealed as string, noticeEmailContext('another-key'))).toThrow();
  });

  it('refuses data its template could not render, and stores nothing', async () => {
    const bad = { ...entry, data: { ...entry.data, amountCents: 10.5 } };
    await expect(notify(rt, bad)).rejects.toThrow(/amountCents/);
    const missing = { ...entry, data: { ...entry.data, raffleTitle: undefined } } as unknown as typeof entry;
    await expect(notify(rt, missing)).rejects.toThrow(/raffleTitle/);
    expect(await rows()).toEqual([]);
  });
});
