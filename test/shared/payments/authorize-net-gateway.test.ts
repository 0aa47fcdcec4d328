import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthorizeNetClient, AuthorizeNetNoAnswerError, parseAnswer } from '@shared/payments/authorize-net-client';
import { AUTHORIZE_NET_HOSTS, authorizeNetBaseUrl } from '@shared/payments/authorize-net-endpoints';
import { AuthorizeNetGateway } from '@shared/payments/authorize-net-gateway';
import { centsToDollarText } from '@shared/money';
import type { ChargeRequest, StoredCard } from '@shared/payments/gateway';
import { AUTHORIZE_NET_EMULATOR_CREDENTIALS } from '@shared/payments/local-emulator-env';
import { type AuthorizeNetEmulator, startAuthorizeNetEmulator } from '../../../scripts/emulators/authorize-net';

/** A gateway speaking to `baseUrl` with the emulator's credentials. */
function gatewayAt(baseUrl: string, options: { timeoutMs?: number; transactionKey?: string; duplicateWindowSeconds?: number } = {}) {
  const client = new AuthorizeNetClient({
    baseUrl,
    apiLoginId: AUTHORIZE_NET_EMULATOR_CREDENTIALS.apiLoginId,
    transactionKey: async () => options.transactionKey ?? AUTHORIZE_NET_EMULATOR_CREDENTIALS.transactionKey,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  return new AuthorizeNetGateway({ client, duplicateWindowSeconds: options.duplicateWindowSeconds });
}

/** A charge of a token (single-use: a second charge of the same card needs a fresh one, tok_visa_test_2). */
const charge = (token: string, invoiceNumber: string, amountCents = 4700): ChargeRequest => ({
  amountCents,
  source: { kind: 'token', token },
  invoiceNumber,
  description: 'BRONZE membership',
});
/** A charge of a stored card. */
const chargeStored = (card: StoredCard, invoiceNumber: string, amountCents = 4700): ChargeRequest => ({
  amountCents,
  source: { kind: 'profile', ...card },
  invoiceNumber,
  description: 'BRONZE membership renewal',
});
const owner = (merchantCustomerId: string) => ({ merchantCustomerId, description: 'Membership mem_test' });

describe('Authorize.Net adapter against the emulator', () => {
  let emulator: AuthorizeNetEmulator;
  let gateway: AuthorizeNetGateway;
  beforeEach(async () => {
    emulator = await startAuthorizeNetEmulator({ timeoutMs: 3_000 });
    gateway = gatewayAt(emulator.url);
  });
  afterEach(() => emulator.close());

  it.each([
    ['tok_visa_test', 'approved', '1', 'capturedPendingSettlement'],
    ['tok_declined', 'declined', '2', 'declined'],
    ['tok_error', 'error', '19', 'generalError'],
    ['tok_review', 'held_for_review', '252', 'FDSPendingReview'],
  ])('%s → %s (reason %s), by transactionResponse.responseCode', async (token, outcome, reasonCode, status) => {
    const result = await gateway.charge(charge(token, `INV-${token}`));
    expect(result).toMatchObject({ outcome, reasonCode, reconciled: false });
    const [recorded] = emulator.transactions();
    expect(recorded).toMatchObject({ transId: result.transactionId, status, amountCents: 4700, invoiceNumber: `INV-${token}` });
    if (outcome === 'approved') expect(result).toMatchObject({ card: { last4: '1111', type: 'Visa' }, authCode: expect.stringMatching(/^\w{6}$/) });
  });

  it('an unknown token is an error with no transaction', async () => {
    const result = await gateway.charge(charge('tok_nonsense', 'INV-X'));
    expect(result).toMatchObject({ outcome: 'error', transactionId: null, reasonCode: '153' });
    expect(emulator.transactions()).toEqual([]);
  });

  it('wrong credentials are an error from the API itself', async () => {
    const result = await gatewayAt(emulator.url, { transactionKey: 'wrong' }).charge(charge('tok_visa_test', 'INV-Y'));
    expect(result).toMatchObject({ outcome: 'error', transactionId: null, reasonCode: 'E00007' });
  });

  it('sends amounts as exact dollar text', async () => {
    await gateway.charge(charge('tok_visa_test', 'INV-CENTS', 6429));
    expect(emulator.transactions()[0].amountCents).toBe(6429);
    expect([centsToDollarText(6429), centsToDollarText(5), centsToDollarText(19700)]).toEqual(['64.29', '0.05', '197.00']);
  });

  it('a resubmitted charge (same invoice, amount, card) is recognised, not charged again', async () => {
    const first = await gateway.charge(charge('tok_visa_test', 'INV-DUP'));
    const again = await gateway.charge(charge('tok_visa_test', 'INV-DUP'));
    expect(again).toMatchObject({ outcome: 'approved', transactionId: first.transactionId, reconciled: true, reasonCode: '11' });
    expect(emulator.transactions()).toHaveLength(1);
    // A declined one stays declined: the gateway does not try the card again within the window.
    await gateway.charge(charge('tok_declined', 'INV-DUP-D'));
    expect(await gateway.charge(charge('tok_declined', 'INV-DUP-D'))).toMatchObject({ outcome: 'declined', reconciled: true });
    // Another invoice is another charge (of the same card, with a fresh token).
    expect((await gateway.charge(charge('tok_visa_test_2', 'INV-OTHER'))).transactionId).not.toBe(first.transactionId);
  });

  it('a timed-out charge is reconciled: the outcome and transaction id of the one charge the gateway made', async () => {
    const impatient = gatewayAt(emulator.url, { timeoutMs: 400 });
    const result = await impatient.charge(charge('tok_timeout', 'INV-SLOW'));
    const transactions = emulator.transactions();
    expect(transactions).toHaveLength(1);
    expect(result).toMatchObject({ outcome: 'approved', transactionId: transactions[0].transId, reconciled: true, card: { last4: '1111' } });
  });

  it('voids an unsettled charge, refunds a settled one', async () => {
    const a = await gateway.charge(charge('tok_visa_test', 'INV-V'));
    expect(await gateway.voidTransaction(a.transactionId as string)).toMatchObject({ ok: true });
    expect(await gateway.voidTransaction(a.transactionId as string)).toMatchObject({ ok: true }); // already voided: still done
    expect(emulator.transactions()[0].status).toBe('voided');

    const b = await gateway.charge(charge('tok_visa_test_2', 'INV-R'));
    emulator.settle();
    const voided = await gateway.voidTransaction(b.transactionId as string);
    expect(voided).toMatchObject({ ok: false, wrongSettlementState: true });
    const refund = await gateway.refund({ transactionId: b.transactionId as string, amountCents: 4700, cardLast4: '1111', invoiceNumber: 'REF-R' });
    expect(refund).toMatchObject({ ok: true });
    expect(emulator.transactions().find((t) => t.transId === refund.transactionId)).toMatchObject({ type: 'refundTransaction', refTransId: b.transactionId });
  });

  it('reads a transaction back', async () => {
    const a = await gateway.charge(charge('tok_visa_test', 'INV-READ', 9700));
    expect(await gateway.getTransaction(a.transactionId as string)).toMatchObject({
      transactionId: a.transactionId,
      status: 'capturedPendingSettlement',
      outcome: 'approved',
      amountCents: 9700,
      invoiceNumber: 'INV-READ',
      card: { last4: '1111', type: 'Visa' },
    });
    expect(await gateway.getTransaction('999999')).toBeNull();
  });
});

/** A proxy in front of the emulator that forwards every request (so the charge happens) but can swallow answers. */
interface LossyProxy {
  url: string;
  /** The next `n` answers never reach the client, which then times out. */
  dropNext(n: number): void;
  close(): Promise<void>;
}

async function startLossyProxy(target: string): Promise<LossyProxy> {
  let drop = 0;
  const proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${target}${req.url}`, { method: 'POST', body: Buffer.concat(chunks), headers: { 'Content-Type': 'application/json' } });
    const body = Buffer.from(await upstream.arrayBuffer());
    if (drop > 0) {
      drop--;
      return;
    }
    res.writeHead(upstream.status, { 'Content-Type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    dropNext: (n) => {
      drop = n;
    },
    close: async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}

describe('Authorize.Net adapter when answers are lost', () => {
  let emulator: AuthorizeNetEmulator;
  let lossy: LossyProxy;
  beforeEach(async () => {
    emulator = await startAuthorizeNetEmulator();
    lossy = await startLossyProxy(emulator.url);
  });
  afterEach(async () => {
    await lossy.close();
    await emulator.close();
  });
  const proxied = () => gatewayAt(lossy.url, { timeoutMs: 400 });

  it('one lost answer: reconciled by resubmission, one charge', async () => {
    lossy.dropNext(1);
    const result = await proxied().charge(charge('tok_visa_test', 'INV-LOST1'));
    expect(emulator.transactions()).toHaveLength(1);
    expect(result).toMatchObject({ outcome: 'approved', transactionId: emulator.transactions()[0].transId, reconciled: true });
  });

  it('both answers lost: unknown; the next identical submission still finds the one charge', async () => {
    lossy.dropNext(2);
    const result = await proxied().charge(charge('tok_visa_test', 'INV-LOST2'));
    expect(result).toMatchObject({ outcome: 'unknown', transactionId: null });
    expect(emulator.transactions()).toHaveLength(1);
    const later = await proxied().charge(charge('tok_visa_test', 'INV-LOST2'));
    expect(later).toMatchObject({ outcome: 'approved', transactionId: emulator.transactions()[0].transId, reconciled: true });
    expect(emulator.transactions()).toHaveLength(1);
  });

  it('a lost void answer is asked again', async () => {
    const direct = gatewayAt(emulator.url);
    const a = await direct.charge(charge('tok_visa_test', 'INV-LV'));
    lossy.dropNext(1);
    expect(await proxied().voidTransaction(a.transactionId as string)).toMatchObject({ ok: true });
    expect(emulator.transactions()[0].status).toBe('voided');
  });
});

describe('wire details', () => {
  it('strips the byte-order mark the gateway puts before every answer', () => {
    expect(parseAnswer('x', '\uFEFF{"messages":{"resultCode":"Ok","message":[]}}').messages.resultCode).toBe('Ok');
    expect(() => parseAnswer('x', '<html>bad gateway</html>')).toThrow(AuthorizeNetNoAnswerError);
  });

  it('uses the documented hosts unless told otherwise', () => {
    expect(authorizeNetBaseUrl({ environment: 'sandbox' })).toBe('https://apitest.authorize.net');
    expect(authorizeNetBaseUrl({ environment: 'production' })).toBe(AUTHORIZE_NET_HOSTS.production);
    expect(authorizeNetBaseUrl({ environment: 'production', baseUrl: 'http://127.0.0.1:8081/' })).toBe('http://127.0.0.1:8081');
  });
});

describe('Authorize.Net adapter stored cards (customer profiles)', () => {
  let emulator: AuthorizeNetEmulator;
  let gateway: AuthorizeNetGateway;
  beforeEach(async () => {
    emulator = await startAuthorizeNetEmulator({ timeoutMs: 3_000 });
    gateway = gatewayAt(emulator.url);
  });
  afterEach(() => emulator.close());

  async function storedFromCharge(token = 'tok_visa_test', id = 'M1'): Promise<StoredCard> {
    const paid = await gateway.charge(charge(token, `SUB-${id}`));
    const stored = await gateway.createProfileFromTransaction({ transactionId: paid.transactionId as string, ...owner(id) });
    if (!stored.ok) throw new Error(`not stored: ${stored.reason}`);
    return stored.card;
  }

  it('stores the card of an approved charge and charges it again and again, never with the spent token', async () => {
    const card = await storedFromCharge();
    expect(emulator.profiles()).toEqual([
      expect.objectContaining({ customerProfileId: card.customerProfileId, merchantCustomerId: 'M1', description: 'Membership mem_test' }),
    ]);
    expect(emulator.profiles()[0].paymentProfiles[0].customerPaymentProfileId).toBe(card.paymentProfileId);

    const renewals = [await gateway.charge(chargeStored(card, 'REN-1')), await gateway.charge(chargeStored(card, 'REN-2', 9700))];
    expect(renewals.map((r) => [r.outcome, r.card])).toEqual([
      ['approved', { last4: '1111', type: 'Visa' }],
      ['approved', { last4: '1111', type: 'Visa' }],
    ]);
    const [subscription, ...charged] = emulator.transactions();
    expect(subscription.token).toBe('tok_visa_test');
    expect(charged.map((t) => [t.transId, t.customerProfileId, t.customerPaymentProfileId, t.token])).toEqual(
      renewals.map((r) => [r.transactionId, card.customerProfileId, card.paymentProfileId, undefined]),
    );
  });

  it('a stored-card charge resubmitted after a lost answer is recognised, not charged twice', async () => {
    const card = await storedFromCharge();
    const first = await gateway.charge(chargeStored(card, 'REN-1'));
    expect(await gateway.charge(chargeStored(card, 'REN-1'))).toMatchObject({ outcome: 'approved', transactionId: first.transactionId, reconciled: true });
    expect(emulator.transactions()).toHaveLength(2);
  });

  it('a stored card that starts declining is declined; a deleted one is an error that charged nothing', async () => {
    const card = await storedFromCharge();
    emulator.declineProfile(card.customerProfileId);
    expect(await gateway.charge(chargeStored(card, 'REN-1'))).toMatchObject({ outcome: 'declined', reasonCode: '2' });

    expect(await gateway.deleteProfile(card.customerProfileId)).toMatchObject({ ok: true });
    expect(emulator.profiles()).toEqual([]);
    expect(await gateway.deleteProfile(card.customerProfileId)).toMatchObject({ ok: true }); // already gone: still done
    expect(await gateway.charge(chargeStored(card, 'REN-2'))).toMatchObject({ outcome: 'error', transactionId: null, reasonCode: 'E00040' });
    expect(emulator.transactions()).toHaveLength(2);
  });

  it('a charge that was not approved cannot be stored', async () => {
    const declined = await gateway.charge(charge('tok_declined', 'SUB-D'));
    expect(await gateway.createProfileFromTransaction({ transactionId: declined.transactionId as string, ...owner('MD') })).toMatchObject({
      ok: false,
      outcome: 'error',
      reasonCode: 'E00099',
    });
    expect(emulator.profiles()).toEqual([]);
  });

  it.each([
    ['tok_visa_test', { ok: true, masked: { last4: '1111', type: 'Visa' }, reconciled: false }],
    ['tok_declined', { ok: false, outcome: 'declined', reasonCode: '2', reason: 'This transaction has been declined.' }],
    ['tok_error', { ok: false, outcome: 'error', reasonCode: '19' }],
    ['tok_nonsense', { ok: false, outcome: 'error', reasonCode: 'E00114' }],
  ])('stores %s without charging it, after a liveMode validation', async (token, expected) => {
    const result = await gateway.createProfileFromToken({ token, ...owner('MT') });
    expect(result).toMatchObject(expected);
    expect(emulator.transactions()).toEqual([]);
    expect(emulator.profiles()).toHaveLength(result.ok ? 1 : 0);
    if (result.ok) expect((await gateway.charge(chargeStored(result.card, 'REN-T'))).outcome).toBe('approved');
  });
});

describe('Authorize.Net adapter stored cards when answers are lost', () => {
  let emulator: AuthorizeNetEmulator;
  let lossy: LossyProxy;
  beforeEach(async () => {
    emulator = await startAuthorizeNetEmulator();
    lossy = await startLossyProxy(emulator.url);
  });
  afterEach(async () => {
    await lossy.close();
    await emulator.close();
  });
  const proxied = (options: { duplicateWindowSeconds?: number } = {}) => gatewayAt(lossy.url, { timeoutMs: 400, ...options });

  it('a lost answer to storing a charged card is found by its merchantCustomerId: one profile', async () => {
    const paid = await gatewayAt(emulator.url).charge(charge('tok_visa_test', 'SUB-L1'));
    lossy.dropNext(1);
    const stored = await proxied().createProfileFromTransaction({ transactionId: paid.transactionId as string, ...owner('L1') });
    expect(emulator.profiles()).toHaveLength(1);
    expect(stored).toEqual({
      ok: true,
      card: { customerProfileId: emulator.profiles()[0].customerProfileId, paymentProfileId: emulator.profiles()[0].paymentProfiles[0].customerPaymentProfileId },
      masked: { last4: '1111', type: 'Visa' },
      reconciled: true,
    });
  });

  it('a lost answer to storing a token is found again even though the token is spent', async () => {
    lossy.dropNext(1);
    const stored = await proxied().createProfileFromToken({ token: 'tok_visa_test', ...owner('L2') });
    expect(stored).toMatchObject({ ok: true, reconciled: true });
    expect(emulator.profiles()).toHaveLength(1);
  });

  it('both answers lost: unknown; storing again with the same owner finds the one profile', async () => {
    const paid = await gatewayAt(emulator.url).charge(charge('tok_visa_test', 'SUB-L3'));
    lossy.dropNext(2);
    const request = { transactionId: paid.transactionId as string, ...owner('L3') };
    expect(await proxied().createProfileFromTransaction(request)).toMatchObject({ ok: false, outcome: 'unknown' });
    const again = await proxied().createProfileFromTransaction(request);
    expect(again).toMatchObject({ ok: true, reconciled: true });
    expect(emulator.profiles()).toHaveLength(1);
  });

  it('a resubmitted charge that finds its token spent is unknown, never "nothing was charged"', async () => {
    lossy.dropNext(1);
    // Without a duplicate window the gateway cannot name the first charge; it can only refuse the spent token.
    const result = await proxied({ duplicateWindowSeconds: 0 }).charge(charge('tok_visa_test', 'INV-SPENT'));
    expect(emulator.transactions()).toHaveLength(1);
    expect(result).toMatchObject({ outcome: 'unknown', transactionId: null });
  });
});
