import { ticketPoolKey } from '../../../functions/raffles/ticket-pool';
import { type RafflesHarness, startRaffles } from './harness';

const ticketsOf = async (h: RafflesHarness, raffleId: string, customerId: string) =>
  (await h.request('GET', `/api/raffles/${raffleId}/tickets/${customerId}`, { as: customerId })).body;

describe('POST /api/raffles/:id/purchase', () => {
  let h: RafflesHarness;
  beforeEach(async () => {
    h = await startRaffles({ emulator: { timeoutMs: 300 }, env: { AUTHORIZE_NET_TIMEOUT_MS: '100' } });
  });
  afterEach(() => h.close());

  it('sells contiguous tickets, charges once and records the sale with gateway ids, IP and user agent', async () => {
    const raffle = await h.create('charitable_raffle');
    await h.verifyAge('ann');
    const res = await h.request('POST', `/api/raffles/${raffle.id}/purchase`, {
      as: 'ann',
      json: { customerId: 'ann', tickets: 3, paymentMethod: { token: h.cardToken() } },
      headers: { 'User-Agent': 'shop-app/2.1' },
    });
    expect(res.status).toBe(201);
    expect(res.body.entry.tickets).toEqual({ first: 1, last: 3, count: 3 });
    expect(res.body.payment).toMatchObject({ amount: 30, amountCents: 3000 });
    expect(h.capturedCharges()).toHaveLength(1);
    const [sale] = await h.rows<Record<string, unknown>>(`SELECT * FROM commerce.raffle_transactions WHERE raffle_id = '${raffle.id}'`);
    expect(sale).toMatchObject({ type: 'charge', amount_cents: 3000, gateway: 'authorize-net', gateway_transaction_id: h.capturedCharges()[0].transId, user_agent: 'shop-app/2.1' });
    expect(sale.ip).toMatch(/^10\./);
    expect((await ticketsOf(h, raffle.id, 'ann')).ticketCount).toBe(3);
    const [notice] = await h.rows<{ template: string; data: unknown }>(`SELECT template, data FROM ops.notification_outbox WHERE customer_id = 'ann'`);
    expect(notice.template).toBe('raffle-entry-confirmed');
  });

  it.each([
    ['declined', 'tok_declined', 402, 'PAYMENT_DECLINED'],
    ['failed at the gateway', 'tok_error', 502, 'GATEWAY_ERROR'],
    ['held for review', 'tok_review', 402, 'HELD_FOR_REVIEW'],
    ['timed out (the charge found again and voided)', 'tok_timeout', 402, 'PAYMENT_TIMED_OUT'],
  ])('a payment %s leaves no ticket and no charge, and the tickets go to the next buyer', async (_, card, status, code) => {
    const raffle = await h.create('charitable_raffle');
    await h.verifyAge('bea');
    await h.verifyAge('cal');
    const res = await h.purchase(raffle.id, 'bea', { tickets: 2, token: h.cardToken(card) });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(h.capturedCharges()).toHaveLength(0);
    expect((await ticketsOf(h, raffle.id, 'bea')).ticketCount).toBe(0);
    const progress = (await h.request('GET', `/api/raffles/${raffle.id}/progress`, { as: 'cal' })).body;
    expect(progress).toMatchObject({ ticketsSold: 0, ticketsHeld: 0, ticketsLeft: 500 });
    const next = await h.purchase(raffle.id, 'cal', { tickets: 2 });
    expect(next.body.entry.tickets).toEqual({ first: 1, last: 2, count: 2 });
  });

  it('answers a retry with the same Idempotency-Key with the first answer and charges once', async () => {
    const raffle = await h.create('charitable_raffle');
    await h.verifyAge('dee');
    const token = h.cardToken();
    const first = await h.purchase(raffle.id, 'dee', { tickets: 2, token, key: 'order-77' });
    const again = await h.purchase(raffle.id, 'dee', { tickets: 2, token, key: 'order-77' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.entry).toEqual(first.body.entry);
    expect(h.capturedCharges()).toHaveLength(1);
    const declined = await h.purchase(raffle.id, 'dee', { token: h.cardToken('tok_declined'), key: 'order-78' });
    const declinedAgain = await h.purchase(raffle.id, 'dee', { token: h.cardToken('tok_declined'), key: 'order-78' });
    expect([declined.body.code, declinedAgain.status]).toEqual(['PAYMENT_DECLINED', 422]);
  });

  it('rebuilds a lost ticket counter from the ledger before selling on', async () => {
    const raffle = await h.create('charitable_raffle', { maxTicketsPerCustomer: 5 });
    for (const c of ['eve', 'fay']) await h.verifyAge(c);
    await h.purchase(raffle.id, 'eve', { tickets: 4 });
    await h.rt.kv.del(ticketPoolKey(raffle.id));
    const res = await h.purchase(raffle.id, 'fay', { tickets: 2 });
    expect(res.body.entry.tickets).toEqual({ first: 5, last: 6, count: 2 });
    const limit = await h.purchase(raffle.id, 'eve', { tickets: 2 });
    expect([limit.status, limit.body.code, limit.body.details]).toEqual([409, 'TICKET_LIMIT_REACHED', { held: 4, limit: 5 }]);
  });
});

describe('1,000 verified customers buying one ticket each at once on a 500-ticket raffle', () => {
  it('confirms exactly 500, numbered 1…500, one charge each, and refuses the rest without a charge', async () => {
    const h = await startRaffles();
    try {
      const raffle = await h.create('charitable_raffle', { maxTickets: 500 });
      const customers = Array.from({ length: 1000 }, (_, i) => `buyer-${i}`);
      for (const c of customers) await h.verifyAge(c);
      // Tokens are signed before the rush, so the requests race each other and not the signing.
      await Promise.all(customers.map((c) => h.request('GET', `/api/raffles/${raffle.id}`, { as: c })));
      const answers = await Promise.all(customers.map((c) => h.purchase(raffle.id, c)));
      const confirmed = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status !== 201);
      expect(confirmed).toHaveLength(500);
      expect(refused.every((a) => a.status === 409 && a.body.code === 'SOLD_OUT')).toBe(true);
      const numbers = confirmed.map((a) => a.body.entry.tickets.first as number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      const charges = h.capturedCharges();
      expect(charges).toHaveLength(500);
      expect(new Set(confirmed.map((a) => a.body.payment.transactionId))).toEqual(new Set(charges.map((t) => t.transId)));
      const [ledger] = await h.rows<{ entries: number; tickets: number }>(
        `SELECT COUNT(*) AS entries, SUM(last_ticket - first_ticket + 1) AS tickets FROM commerce.raffle_entries_current WHERE raffle_id = '${raffle.id}' AND status = 'confirmed'`,
      );
      expect({ entries: Number(ledger.entries), tickets: Number(ledger.tickets) }).toEqual({ entries: 500, tickets: 500 });
    } finally {
      await h.close();
    }
  }, 120_000);
});
