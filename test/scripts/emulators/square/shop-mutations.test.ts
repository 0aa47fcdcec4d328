import {
  startSquareEmulator, type SquareCatalogObject, type SquareCustomer, type SquareEmulator, type SquarePayment, type SquareRefund,
} from '../../../../scripts/emulators/square';
import { ALL_TIME, SMALL_SHOP, listAll, post, searchAll } from './square-test-client';

describe('Square emulator: changes while running', () => {
  let emu: SquareEmulator;
  const ms = (s: string): number => Date.parse(s);
  const idSet = (rows: { id: string }[]): Set<string> => new Set(rows.map((r) => r.id));

  /** Payments of every location changed at or after `since`, as an incremental sync would fetch them. */
  const paymentsUpdatedSince = async (since: string): Promise<SquarePayment[]> => {
    const out: SquarePayment[] = [];
    for (const l of emu.store.locations) {
      out.push(...(await listAll<SquarePayment>(emu, '/v2/payments', 'payments', {
        ...ALL_TIME, location_id: l.id, updated_at_begin_time: since, sort_field: 'UPDATED_AT', sort_order: 'ASC',
      })).rows);
    }
    return out;
  };

  beforeEach(async () => { emu = await startSquareEmulator(SMALL_SHOP); });
  afterEach(() => emu.close());

  it('stamps every change with a strictly later updated_at even when the clock stands still', () => {
    const before = Math.max(...[...emu.store.payments.values()].map((p) => ms(p.updated_at)));
    const s = emu.mutate({ changePaymentStatuses: 3, addPayments: 3, addRefunds: 3 });
    const stamps = [
      ...s.paymentStatusChanges.map((c) => emu.store.payments.get(c.id)!.updated_at),
      ...s.paymentsAdded.map((id) => emu.store.payments.get(id)!.updated_at),
      ...s.refundsAdded.map((id) => emu.store.refunds.get(id)!.updated_at),
    ].map(ms);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(Math.min(...stamps)).toBeGreaterThan(before);
    expect(ms(s.changedFrom!)).toBe(Math.min(...stamps));
    const next = emu.mutate({ addPayments: 1 });
    expect(ms(next.changedFrom!)).toBeGreaterThan(ms(s.changedTo!));
  });

  it('shows captured, voided, refunded and new payments to an updated_at query, and nothing else', async () => {
    const s = emu.mutate({ changePaymentStatuses: 4, addRefunds: 5, addPayments: 6 });
    expect(s.paymentStatusChanges).toHaveLength(4);
    expect(s.refundsAdded).toHaveLength(5);
    expect(s.paymentsAdded).toHaveLength(6);
    for (const c of s.paymentStatusChanges) {
      expect(['APPROVED', 'PENDING']).toContain(c.from);
      expect(emu.store.payments.get(c.id)!.status).toBe(c.to);
    }
    const changed = await paymentsUpdatedSince(s.changedFrom!);
    const expected = new Set([...s.paymentStatusChanges.map((c) => c.id), ...s.paymentsRefunded, ...s.paymentsAdded]);
    expect(idSet(changed)).toEqual(expected);
    // The refunds went to old sales: an incremental sync only sees them because it filters on updated_at.
    const refunded = changed.filter((p) => s.paymentsRefunded.includes(p.id));
    expect(refunded.every((p) => ms(p.created_at) < ms(s.changedFrom!) - 7 * 86_400_000)).toBe(true);
    for (const p of refunded) {
      const mine = [...emu.store.refunds.values()].filter((r) => r.payment_id === p.id && r.status !== 'FAILED' && r.status !== 'REJECTED');
      expect(p.refunded_money?.amount).toBe(mine.reduce((sum, r) => sum + r.amount_money.amount, 0));
      expect(p.refund_ids).toEqual(expect.arrayContaining(s.refundsAdded.filter((id) => id.startsWith(p.id))));
    }
    const refunds = await listAll<SquareRefund>(emu, '/v2/refunds', 'refunds', { ...ALL_TIME, updated_at_begin_time: s.changedFrom! });
    expect(idSet(refunds.rows)).toEqual(new Set(s.refundsAdded));
  });

  it('shows catalog edits and deletions to a catalog search from the last latest_time', async () => {
    const first = await post<{ latest_time: string }>(emu, '/v2/catalog/search', { object_types: ['ITEM'], limit: 1 });
    const s = emu.mutate({ updateItems: 3, deleteItems: 2 });
    const changed = await searchAll<SquareCatalogObject>(emu, '/v2/catalog/search', 'objects', {
      object_types: ['ITEM', 'ITEM_VARIATION'], include_deleted_objects: true, begin_time: first.body.latest_time,
    });
    expect(idSet(changed)).toEqual(new Set([...s.itemsUpdated, ...s.variationsUpdated, ...s.itemsDeleted, ...s.variationsDeleted]));
    expect(changed.filter((o) => o.is_deleted).map((o) => o.id).sort()).toEqual([...s.itemsDeleted, ...s.variationsDeleted].sort());
  });

  it('shows new and edited customers to an updated_at customer search', async () => {
    const s = emu.mutate({ addCustomers: 4, updateCustomers: 3 });
    const rows = await searchAll<SquareCustomer>(emu, '/v2/customers/search', 'customers', {
      query: { filter: { updated_at: { start_at: s.changedFrom } }, sort: { field: 'CREATED_AT', order: 'ASC' } },
    });
    expect(idSet(rows)).toEqual(new Set([...s.customersAdded, ...s.customersUpdated]));
    for (const id of s.customersUpdated) expect(emu.store.customers.get(id)!.version).toBeGreaterThan(0);
  });

  it('keeps created_at paging exact while payments change between pages', async () => {
    const existing = [...emu.store.payments.values()].filter((p) => p.location_id === emu.store.mainLocationId);
    const rows: SquarePayment[] = [];
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ ...ALL_TIME, limit: '50', ...(cursor && { cursor }) });
      const res = await fetch(`${emu.url}/v2/payments?${q}`, { headers: { Authorization: `Bearer ${emu.accessToken}` } });
      const body = (await res.json()) as { payments: SquarePayment[]; cursor?: string };
      rows.push(...body.payments);
      cursor = body.cursor;
      emu.mutate({ changePaymentStatuses: 1, addRefunds: 2, addPayments: 2 });
    } while (cursor);
    expect(rows).toHaveLength(existing.length);
    expect(idSet(rows)).toEqual(idSet(existing));
  });

  it('never skips a payment when paging by updated_at while payments keep changing', async () => {
    const existing = [...emu.store.payments.values()].filter((p) => p.location_id === emu.store.mainLocationId);
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ ...ALL_TIME, sort_field: 'UPDATED_AT', sort_order: 'ASC', limit: '100', ...(cursor && { cursor }) });
      const res = await fetch(`${emu.url}/v2/payments?${q}`, { headers: { Authorization: `Bearer ${emu.accessToken}` } });
      const body = (await res.json()) as { payments: SquarePayment[]; cursor?: string };
      for (const p of body.payments) seen.add(p.id);
      cursor = body.cursor;
      if (cursor) emu.mutate({ addRefunds: 3 });
    } while (cursor);
    expect(existing.filter((p) => !seen.has(p.id))).toEqual([]);
  });

  it('settles pending card refunds, oldest first, and shows them to an updated_at refund query', async () => {
    // A month of history leaves some refunds from the last two days still pending at the processor.
    const busy = await startSquareEmulator({ ...SMALL_SHOP, days: 30 });
    try {
      const pending = [...busy.store.refunds.values()].filter((r) => r.status === 'PENDING')
        .sort((a, b) => ms(a.created_at) - ms(b.created_at) || (a.id < b.id ? -1 : 1));
      expect(pending.length).toBeGreaterThan(1);
      const s = busy.mutate({ completeRefunds: pending.length - 1 });
      expect(s.refundsSettled.map((r) => r.id)).toEqual(pending.slice(0, -1).map((r) => r.id));
      for (const r of s.refundsSettled) expect(busy.store.refunds.get(r.id)!.status).toBe(r.status);
      const { rows } = await listAll<SquareRefund>(busy, '/v2/refunds', 'refunds', { updated_at_begin_time: s.changedFrom! });
      expect(idSet(rows)).toEqual(new Set(s.refundsSettled.map((r) => r.id)));
    } finally {
      await busy.close();
    }
  });

  it('accepts the same changes over HTTP and rejects malformed requests', async () => {
    const res = await fetch(`${emu.url}/emulator/mutate`, { method: 'POST', body: JSON.stringify({ addPayments: 2, updateCustomers: 1 }) });
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s.paymentsAdded).toHaveLength(2);
    expect(s.customersUpdated).toHaveLength(1);
    for (const bad of [{ addPayments: -1 }, { addPayments: 1.5 }, { launchRockets: 1 }]) {
      const r = await fetch(`${emu.url}/emulator/mutate`, { method: 'POST', body: JSON.stringify(bad) });
      expect(r.status).toBe(400);
      expect((await r.json()).errors[0].code).toBe('INVALID_VALUE');
    }
  });

  it('makes the same changes for the same seed and clock', async () => {
    const twin = await startSquareEmulator(SMALL_SHOP);
    try {
      const req = { changePaymentStatuses: 2, addRefunds: 2, addPayments: 2, deleteItems: 1, updateItems: 1, addCustomers: 1, updateCustomers: 1 };
      expect(twin.mutate(req)).toEqual(emu.mutate(req));
    } finally {
      await twin.close();
    }
  });
});
