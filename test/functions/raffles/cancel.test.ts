import { paymentGateway, setPaymentGateway } from '@shared/payments/gateway-for-runtime';
import { JOBS } from '../../../functions/jobs/registry';
import { type RafflesHarness, startRaffles } from './harness';

describe('DELETE /api/raffles/:id/cancel', () => {
  let h: RafflesHarness;
  beforeEach(async () => {
    h = await startRaffles();
  });
  afterEach(() => h.close());

  const cancel = (id: string) => h.request('DELETE', `/api/raffles/${id}/cancel`, { as: 'ops', role: 'admin', json: { reason: 'prize donor withdrew' } });

  it('voids unsettled charges, refunds settled ones, tells each buyer, and is safe to repeat', async () => {
    const raffle = await h.create('charitable_raffle');
    for (const c of ['mo', 'ned']) await h.verifyAge(c);
    await h.purchase(raffle.id, 'mo', { tickets: 2 });
    h.emulator.settle();
    await h.purchase(raffle.id, 'ned', { tickets: 3 });
    const res = await cancel(raffle.id);
    expect(res.status).toBe(200);
    expect(res.body.refunds).toEqual({ refunded: 2, stillOwed: 0, stillOwedAmount: 0 });
    expect(res.body.raffle.status).toBe('cancelled');
    const moves = await h.rows<{ customer_id: string; type: string; amount_cents: number }>(
      `SELECT customer_id, type, amount_cents FROM commerce.raffle_transactions WHERE raffle_id = '${raffle.id}' ORDER BY customer_id, type`,
    );
    expect(moves).toEqual([
      { customer_id: 'mo', type: 'charge', amount_cents: 2000 },
      { customer_id: 'mo', type: 'refund', amount_cents: 2000 },
      { customer_id: 'ned', type: 'charge', amount_cents: 3000 },
      { customer_id: 'ned', type: 'void', amount_cents: 3000 },
    ]);
    expect(h.emulator.transactions().filter((t) => t.type === 'refundTransaction')).toHaveLength(1);
    expect((await cancel(raffle.id)).body.refunds).toEqual({ refunded: 0, stillOwed: 0, stillOwedAmount: 0 });
    expect(h.emulator.transactions().filter((t) => t.type === 'refundTransaction')).toHaveLength(1);
    const notices = await h.rows<{ customer_id: string }>(`SELECT customer_id FROM ops.notification_outbox WHERE template = 'raffle-refund' ORDER BY customer_id`);
    expect(notices.map((n) => n.customer_id)).toEqual(['mo', 'ned']);
    const stats = (await h.request('GET', '/api/raffles/stats', { as: 'ops', role: 'admin' })).body;
    expect(stats.totals).toMatchObject({ revenueCents: 0, refunds: { count: 2, amountCents: 5000, owedCount: 0, owedCents: 0 } });
  });

  it('shows refunds that failed as still owed, and the refund job pays them once the gateway answers', async () => {
    const raffle = await h.create('charitable_raffle');
    await h.verifyAge('ola');
    await h.purchase(raffle.id, 'ola', { tickets: 4 });
    const real = paymentGateway(h.rt);
    let down = true;
    setPaymentGateway(h.rt, {
      ...real,
      name: real.name,
      charge: (r) => real.charge(r),
      voidTransaction: async (id) => (down ? { ok: false, transactionId: id, reasonCode: null, reason: 'gateway unreachable', wrongSettlementState: false } : real.voidTransaction(id)),
      refund: (r) => real.refund(r),
      getTransaction: (id) => real.getTransaction(id),
    } as typeof real);
    const res = await cancel(raffle.id);
    expect(res.body.refunds).toEqual({ refunded: 0, stillOwed: 1, stillOwedAmount: 40 });
    const owed = (await h.request('GET', '/api/raffles/stats', { as: 'ops', role: 'admin' })).body.raffles[0].refunds;
    expect(owed).toMatchObject({ owedCount: 1, owedCents: 4000 });
    expect(await JOBS['raffle-refunds'](h.rt)).toEqual({ refunded: 0, stillOwed: 1 });
    down = false;
    expect(await JOBS['raffle-refunds'](h.rt)).toEqual({ refunded: 1, stillOwed: 0 });
    expect(await JOBS['raffle-refunds'](h.rt)).toEqual({ refunded: 0, stillOwed: 0 });
    expect(h.capturedCharges()).toHaveLength(0);
  });

  it('stats count paid and free entries, revenue and sell-through from the ledger', async () => {
    const raffle = await h.create('charitable_raffle', { maxTickets: 10 });
    const sweepstakes = await h.create('sweepstakes');
    for (const c of ['pat', 'quin']) await h.verifyAge(c);
    await h.purchase(raffle.id, 'pat', { tickets: 3 });
    await h.purchase(raffle.id, 'quin', { tickets: 1, token: h.cardToken('tok_declined') });
    await h.request('POST', `/api/raffles/${sweepstakes.id}/free-entry`, { as: 'quin', json: { customerId: 'quin' } });
    const stats = (await h.request('GET', '/api/raffles/stats', { as: 'ops', role: 'admin' })).body;
    expect(stats.totals).toMatchObject({ raffles: 2, entries: { paid: 1, free: 1 }, ticketsSold: 4, revenueCents: 3000, revenue: 30 });
    const charity = stats.raffles.find((r: { id: string }) => r.id === raffle.id);
    expect(charity.sellThrough).toBeCloseTo(0.3);
  });
});
