import { CLAIM_TTL_MS, noticeMessageId, retryDelayMs } from '@shared/notify/deliver';
import { type NotificationsHarness, SHOP_ENV, entryNotice, startNotifications } from '../../functions/notifications/harness';

const MINUTE = 60_000;

describe('the notifications job', () => {
  let h: NotificationsHarness;
  afterEach(() => h.close());

  it('sends a queued notice once, rendered, to the address given with it, with a Message-ID from its key', async () => {
    h = await startNotifications();
    const notice = entryNotice('cust-1', 7);
    await h.queue(notice);
    expect(await h.deliver()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await h.deliver()).toMatchObject({ claimed: 0, sent: 0 });

    const [mail] = await h.parsed();
    expect(h.catcher.messages).toHaveLength(1);
    expect(mail.to).toMatchObject({ value: [{ address: 'cust-1@example.com' }] });
    expect(mail.from?.value).toEqual([{ name: 'Lone Star Hemp', address: 'notices@lonestarhemp.example' }]);
    expect(mail.messageId).toBe(noticeMessageId(notice.dedupeKey, 0, SHOP_ENV.MAIL_FROM));
    expect(mail.messageId).toMatch(/^<notice\.[0-9a-f]{32}@lonestarhemp\.example>$/);
    expect(mail.subject).toBe('You are entered in Spring glass giveaway');
    expect(mail.text).toContain('with 1 ticket: #7.');
    expect(mail.text).toContain('Receipt: we charged $5.00.');
    expect(mail.text).toContain('Lone Star Hemp\n101 Congress Ave\nAustin, TX 78701');
    expect(mail.html).toContain('<p>Receipt: we charged $5.00.</p>');
    expect(h.catcher.messages[0].file).toMatch(/\.eml$/);
    expect(await h.statusOf(notice.dedupeKey)).toMatchObject({ status: 'sent', attempts: 1, reply_code: 250, message_id: mail.messageId });
  });

  it('two runs at once over 100 queued notices send 100 messages, none twice', async () => {
    h = await startNotifications();
    for (let i = 1; i <= 100; i++) await h.queue(entryNotice(`cust-${i}`, i));
    const runs = await Promise.all([h.deliver(h.another()), h.deliver(h.another())]);
    expect(runs.map((r) => r.sent as number).reduce((a, b) => a + b)).toBe(100);
    const ids = h.catcher.messages.map((m) => m.messageId);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    const recipients = h.catcher.messages.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(100);
    const statuses = await h.rt.warehouse.query<{ status: string; n: number }>(
      (d) => `SELECT status, COUNT(*) AS n FROM ${d.table('ops.notification_status')} GROUP BY status`,
    );
    expect(statuses).toEqual([{ status: 'sent', n: 100 }]);
  });

  it('a relay that answers 451 then 250 delivers once, after the backoff', async () => {
    h = await startNotifications({ catcher: { answer: (_rcpt, before) => (before === 0 ? { code: 451, message: '4.7.1 Greylisted, try again later' } : null) } });
    const notice = entryNotice('cust-1');
    await h.queue(notice);
    expect(await h.deliver()).toMatchObject({ claimed: 1, retrying: 1, sent: 0 });
    const waiting = await h.statusOf(notice.dedupeKey);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, reply_code: 451, reply: expect.stringContaining('451 4.7.1 Greylisted') });
    expect(Date.parse(waiting.next_attempt_at as string) - h.rt.clock.now().getTime()).toBeGreaterThanOrEqual(0.8 * MINUTE);

    expect(await h.deliver()).toMatchObject({ claimed: 0 }); // not yet due
    h.rt.clock.advance(2 * MINUTE);
    expect(await h.deliver()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await h.deliver()).toMatchObject({ claimed: 0 });
    expect(h.catcher.messages).toHaveLength(1);
    expect(await h.statusOf(notice.dedupeKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a relay that answers 550 marks the notice failed with its reply, and later notices to that address are suppressed', async () => {
    h = await startNotifications({ catcher: { answer: (rcpt) => ({ code: 550, message: `5.1.1 <${rcpt}>: Recipient address rejected: User unknown` }) } });
    await h.queue(entryNotice('cust-1', 1));
    expect(await h.deliver()).toMatchObject({ failed: 1 });
    const failed = await h.statusOf('raffle-entry:pur_cust-1_1');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, reply_code: 550 });
    // The relay quoted the address; the ledger keeps its reply with the address masked.
    expect(failed.reply).toMatch(/^550 5\.1\.1 <<address>>: Recipient address rejected: User unknown$/);

    h.rt.clock.advance(60 * MINUTE);
    await h.queue(entryNotice('cust-1', 2));
    expect(await h.deliver()).toMatchObject({ suppressed: 1, failed: 0 });
    expect(await h.statusOf('raffle-entry:pur_cust-1_2')).toMatchObject({ status: 'suppressed', attempts: 0 });
    expect(h.catcher.messages).toHaveLength(0);
  });

  it('a relay that keeps answering 4xx: retried with growing waits, then failed after the last attempt', async () => {
    h = await startNotifications({ catcher: { answer: () => ({ code: 421, message: '4.3.2 System shutting down' }) }, env: { NOTIFICATIONS_MAX_ATTEMPTS: '3' } });
    await h.queue(entryNotice('cust-1'));
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await h.deliver()).toMatchObject({ claimed: 1 });
      h.rt.clock.advance(2 ** attempt * 1.2 * MINUTE);
    }
    expect(await h.statusOf('raffle-entry:pur_cust-1_1')).toMatchObject({ status: 'failed', attempts: 3, reply: expect.stringContaining('(gave up after 3 attempts)') });
    expect(await h.deliver()).toMatchObject({ claimed: 0 });
  });

  it('a notice whose customer has no known address is no-address, and nothing is sent', async () => {
    h = await startNotifications();
    await h.queue(entryNotice('walk-in', 1, null));
    expect(await h.deliver()).toMatchObject({ 'no-address': 1 });
    expect(await h.statusOf('raffle-entry:pur_walk-in_1')).toMatchObject({ status: 'no-address', reply: 'No address on file for this customer' });
    expect(h.catcher.messages).toHaveLength(0);
  });

  it('without a relay the notices stay queued, unclaimed, until one is configured', async () => {
    h = await startNotifications({ env: { SMTP_URL: '' } });
    await h.queue(entryNotice('cust-1'));
    expect(await h.deliver()).toEqual({ claimed: 0, waiting: 'SMTP_URL is not set' });
    expect(h.rt.logs.find((l) => l.severity === 'WARNING')?.message).toMatch(/no SMTP relay is configured/);
    expect(await h.statusOf('raffle-entry:pur_cust-1_1')).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('a claim left by a sender that died is taken again once it is older than the claim time', async () => {
    h = await startNotifications();
    await h.queue(entryNotice('cust-1'));
    // A sender claims the notice and dies before sending: its claim and its `sending` step stay behind.
    const dead = h.another();
    const { mailer, setMailer } = await import('@shared/mail/mailer-for-runtime');
    setMailer(dead, { ...mailer(dead), send: () => new Promise(() => undefined), ping: async () => undefined, close: () => undefined, backend: 'smtp' });
    void h.deliver(dead);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.statusOf('raffle-entry:pur_cust-1_1')).toMatchObject({ status: 'sending' });

    expect(await h.deliver()).toMatchObject({ claimed: 0 });
    h.rt.clock.advance(CLAIM_TTL_MS + MINUTE);
    expect(await h.deliver()).toMatchObject({ claimed: 1, sent: 1 });
    expect(h.catcher.messages).toHaveLength(1);
  });
});

describe('retry waits', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [7, 60],
    [12, 60],
  ])('after %i failures: about %i minutes (±20 %)', (attempts, minutes) => {
    expect(retryDelayMs(attempts, () => 0)).toBe(0.8 * minutes * MINUTE);
    expect(retryDelayMs(attempts, () => 1)).toBe(1.2 * minutes * MINUTE);
  });
});
