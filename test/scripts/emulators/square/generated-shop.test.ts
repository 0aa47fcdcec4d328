import { generateShop } from '../../../../scripts/emulators/square/generate-shop';
import { FIXED_NOW } from './square-test-client';

const shape = { seed: 7, payments: 4000, items: 80, customers: 200, locations: 3, days: 730, nowMs: FIXED_NOW.getTime() };
const snapshot = (seed: number): string => {
  const { store } = generateShop({ ...shape, seed });
  return JSON.stringify([store.locations, [...store.payments.values()], [...store.refunds.values()], [...store.items.values()],
    [...store.categories.values()], [...store.customers.values()]]);
};

describe('generated shop', () => {
  const { store } = generateShop(shape);
  const payments = [...store.payments.values()];
  const refunds = [...store.refunds.values()];
  const DAY = 86_400_000;

  it('is identical for the same seed, ids included, and different for another seed', () => {
    expect(snapshot(7)).toBe(snapshot(7));
    expect(snapshot(8)).not.toBe(snapshot(7));
  });

  it('has the requested size, a main store first and the web shop last', () => {
    expect(payments).toHaveLength(4000);
    expect(store.items.size).toBe(80);
    expect(store.customers.size).toBe(200);
    expect(store.locations.map((l) => l.type)).toEqual(['PHYSICAL', 'PHYSICAL', 'MOBILE']);
    expect(store.locations[2].name).toBe('Online Store');
    for (const l of store.locations) expect(l).toMatchObject({ status: 'ACTIVE', currency: 'USD', country: 'US' });
  });

  it('spreads sales over the whole span, every location, busier on weekends and on 4/20', () => {
    const created = payments.map((p) => Date.parse(p.created_at));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(FIXED_NOW.getTime() - 730 * DAY);
    expect(Math.max(...created)).toBeLessThanOrEqual(FIXED_NOW.getTime());
    expect(Math.min(...created)).toBeLessThan(FIXED_NOW.getTime() - 700 * DAY);
    for (const l of store.locations) expect(payments.filter((p) => p.location_id === l.id).length).toBeGreaterThan(400);
    const weekday = (p: { created_at: string }): number => new Date(Date.parse(p.created_at) - 6 * 3_600_000).getUTCDay();
    const saturdays = payments.filter((p) => weekday(p) === 6).length;
    const mondays = payments.filter((p) => weekday(p) === 1).length;
    expect(saturdays).toBeGreaterThan(mondays * 1.4);
    const fourTwenty = payments.filter((p) => p.created_at.startsWith('2025-04-20')).length;
    const ordinaryDay = payments.filter((p) => p.created_at.startsWith('2025-04-16')).length;
    expect(fourTwenty).toBeGreaterThan(ordinaryDay * 2);
  });

  it('has mostly completed payments, some failed and canceled, and some still awaiting capture', () => {
    const share = (s: string): number => payments.filter((p) => p.status === s).length / payments.length;
    expect(share('COMPLETED')).toBeGreaterThan(0.9);
    expect(share('FAILED')).toBeGreaterThan(0.01);
    expect(share('CANCELED')).toBeGreaterThan(0.002);
    expect(payments.filter((p) => p.status === 'APPROVED' || p.status === 'PENDING').length).toBeGreaterThanOrEqual(16);
    // Delayed captures and voids: the status changed well after the sale.
    expect(payments.filter((p) => Date.parse(p.updated_at) - Date.parse(p.created_at) > 3_600_000 && !p.refund_ids).length).toBeGreaterThan(20);
  });

  it('writes payments the way Square does: integer cents, card details for cards, receipts only when completed', () => {
    // Collect violations and assert once: thousands of expect() calls would dominate the test's run time.
    const wrong = payments.filter((p) => !Number.isInteger(p.amount_money.amount) || p.amount_money.amount <= 0
      || p.amount_money.currency !== 'USD' || Date.parse(p.updated_at) < Date.parse(p.created_at)
      || (p.receipt_url !== undefined) !== (p.status === 'COMPLETED')
      || (p.source_type === 'CARD' && !/^\d{4}$/.test(p.card_details?.card.last_4 ?? '')));
    expect(wrong).toEqual([]);
    expect(new Set(payments.map((p) => p.source_type))).toEqual(new Set(['CARD', 'CASH', 'WALLET', 'EXTERNAL', 'BANK_ACCOUNT']));
    expect(payments.filter((p) => p.customer_id).length / payments.length).toBeGreaterThan(0.4);
    expect(payments.filter((p) => !p.customer_id).length).toBeGreaterThan(100);
  });

  it('refunds a few percent, some partially, some months after the sale, and the payments show it', () => {
    const refunded = payments.filter((p) => p.refund_ids);
    expect(refunded.length / payments.length).toBeGreaterThan(0.015);
    expect(refunded.length / payments.length).toBeLessThan(0.06);
    const partial = refunded.filter((p) => (p.refunded_money?.amount ?? 0) > 0 && p.refunded_money!.amount < p.total_money.amount);
    expect(partial.length).toBeGreaterThan(5);
    const late = refunds.filter((r) => Date.parse(r.created_at) - Date.parse(store.payments.get(r.payment_id)!.created_at) > 30 * DAY);
    expect(late.length).toBeGreaterThan(3);
    const refundsOf = new Map<string, typeof refunds>();
    for (const r of refunds) refundsOf.set(r.payment_id, [...(refundsOf.get(r.payment_id) ?? []), r]);
    const inconsistent = refunded.filter((p) => {
      const mine = refundsOf.get(p.id) ?? [];
      const counted = mine.filter((r) => r.status === 'COMPLETED' || r.status === 'PENDING').reduce((s, r) => s + r.amount_money.amount, 0);
      return JSON.stringify(p.refund_ids) !== JSON.stringify(mine.map((r) => r.id)) || p.refunded_money?.amount !== counted
        || counted > p.total_money.amount || Date.parse(p.updated_at) < Math.max(...mine.map((r) => Date.parse(r.created_at)));
    });
    expect(inconsistent).toEqual([]);
  });

  it('has a hemp shop catalog with prices in cents and a few deleted objects', () => {
    const names = [...store.categories.values()].map((c) => c.category_data.name);
    expect(names).toEqual(expect.arrayContaining(['Flower', 'Edibles', 'Vapes', 'Tinctures', 'Accessories']));
    const wrongItems = [...store.items.values()].filter((item) => {
      const vars = item.item_data.variations;
      return vars.length < 1 || vars.length > 3 || !store.categories.has(item.item_data.categories[0].id)
        || vars.some((v) => v.item_variation_data.item_id !== item.id || v.item_variation_data.price_money.amount % 100 !== 99
          || !Number.isInteger(v.item_variation_data.price_money.amount) || (item.is_deleted && !v.is_deleted));
    });
    expect(wrongItems).toEqual([]);
    const generous = generateShop({ ...shape, items: 500 }).store;
    expect([...generous.items.values()].filter((i) => i.is_deleted).length).toBeGreaterThan(0);
    expect([...generous.variations.values()].filter((v) => v.is_deleted).length).toBeGreaterThan(0);
  });

  // How fast it generates is measured by npm run bench, not asserted here: the test machine is shared and noisy.
  it('generates the default shop of 100,000 payments', () => {
    const big = generateShop({ seed: 1, payments: 100_000, items: 500, customers: 1_700, locations: 3, days: 730, nowMs: FIXED_NOW.getTime() });
    expect(big.store.payments.size).toBe(100_000);
  });
});
