import { noticeMessageId } from '@shared/notify/deliver';
import { type NotificationsHarness, SHOP_ENV, entryNotice, startNotifications } from './harness';

describe('the notifications API', () => {
  let h: NotificationsHarness;
  beforeEach(async () => {
    h = await startNotifications();
  });
  afterEach(() => h.close());

  it('lists notices with their status, filtered by status and customer; admins only', async () => {
    await h.queue(entryNotice('ann', 1));
    await h.queue(entryNotice('bob', 2, null));
    await h.deliver();
    const all = await h.request('GET', '/api/notifications');
    expect(all.status).toBe(200);
    expect(all.body.notices.map((n: { id: string; status: string }) => [n.id, n.status]).sort()).toEqual([
      ['raffle-entry:pur_ann_1', 'sent'],
      ['raffle-entry:pur_bob_2', 'no-address'],
    ]);
    const sent = await h.request('GET', '/api/notifications?status=sent&customerId=ann');
    expect(sent.body.notices).toEqual([expect.objectContaining({ customerId: 'ann', kind: 'raffle-entry-confirmed', attempts: 1, replyCode: 250 })]);
    expect((await h.request('GET', '/api/notifications?status=lost')).status).toBe(400);
    expect((await h.request('GET', '/api/notifications', { as: 'ann' })).status).toBe(403);
  });

  it('a resend of a sent notice goes out again, recognisably: its Message-ID with a resend count, referencing the first', async () => {
    const notice = entryNotice('ann', 1);
    await h.queue(notice);
    await h.deliver();
    const path = `/api/notifications/${encodeURIComponent(notice.dedupeKey)}/resend`;
    const res = await h.request('POST', path);
    expect(res.status).toBe(202);
    expect(res.body.notice).toMatchObject({ status: 'queued', resends: 1, attempts: 0 });
    expect((await h.request('POST', path)).status).toBe(409); // still queued
    await h.deliver();
    const [first, again] = await h.parsed();
    expect(again.messageId).toBe(noticeMessageId(notice.dedupeKey, 1, SHOP_ENV.MAIL_FROM));
    expect(again.references).toBe(first.messageId);
    expect((await h.request('POST', '/api/notifications/nope/resend')).status).toBe(404);
  });

  it('previews a kind from sample data', async () => {
    const res = await h.request('GET', '/api/notifications/preview/membership-suspended');
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Your Gold membership is suspended');
    expect(res.body.text).toContain('Lone Star Hemp\n101 Congress Ave\nAustin, TX 78701');
    expect((await h.request('GET', '/api/notifications/preview/nope')).status).toBe(404);
  });
});
