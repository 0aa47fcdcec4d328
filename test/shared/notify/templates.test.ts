import { NOTICE_KINDS } from '@shared/notify/notice-kinds';
import { TemplateError, renderNotice } from '@shared/notify/render';
import { SAMPLE_DATA } from '@shared/notify/sample-data';
import { TEMPLATES } from '@shared/notify/templates';

const shop = { shopName: 'Lone Star Hemp & Co.', shopAddress: '101 Congress Ave; Austin, TX 78701', timeZone: 'America/Chicago' };

describe('every notice kind renders from sample data', () => {
  it.each(NOTICE_KINDS)('%s: every field filled, in text and HTML, with the shop in the footer', (kind) => {
    const { subject, text, html } = renderNotice(kind, SAMPLE_DATA[kind], shop);
    for (const part of [subject, text, html]) {
      expect(part).not.toMatch(/\{[a-zA-Z]+\}|undefined|null|NaN|\[object /);
    }
    expect(subject.length).toBeGreaterThan(10);
    expect(text).toContain('Lone Star Hemp & Co.\n101 Congress Ave\nAustin, TX 78701');
    expect(html).toContain('Lone Star Hemp &amp; Co.<br>101 Congress Ave<br>Austin, TX 78701');
    // Every sentence of the text appears in the HTML too.
    const firstParagraph = text.split('\n\n')[0];
    expect(html).toContain(firstParagraph.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
  });
});

describe('what notices print', () => {
  it.each([
    ['membership-upgraded', 'Receipt: we charged $64.29 for the rest of this billing period (reference 60735940002).'],
    ['membership-payment-failed', 'We will try the card again on Wednesday, March 4, 2026.'],
    ['membership-suspended', 'the membership will be cancelled on that day'],
    ['membership-renewed', 'Your next renewal is on Wednesday, April 1, 2026.'],
    // 23:00 UTC on 1 April is 6 PM in Chicago, on daylight time.
    ['raffle-entry-confirmed', 'You are entered in Spring glass giveaway with 3 tickets: #17, #18 and #19.\n\nReceipt: we charged $15.00.\n\nThe draw takes place on Wednesday, April 1, 2026 at 6:00 PM CDT.'],
    ['age-verification-expiring', 'Your age verification expires on Wednesday, April 1, 2026, 29 days from now.'],
    ['raffle-refund', 'We refunded $5.00 for your ticket #17 in Spring glass giveaway.\n\nReason: The raffle was cancelled.'],
  ] as const)('%s', (kind, expected) => {
    expect(renderNotice(kind, SAMPLE_DATA[kind], shop).text).toContain(expected);
  });

  it('dates follow the business time zone: the same instant is another day in Kolkata', () => {
    const data = { ...SAMPLE_DATA['age-verification-expiring'], expiresAt: '2026-04-01T20:00:00Z' };
    expect(renderNotice('age-verification-expiring', data, shop).subject).toContain('Wednesday, April 1, 2026');
    expect(renderNotice('age-verification-expiring', data, { ...shop, timeZone: 'Asia/Kolkata' }).subject).toContain('Thursday, April 2, 2026');
  });

  it('a free sweepstakes entry says no purchase is necessary instead of a receipt', () => {
    const text = renderNotice('raffle-entry-confirmed', { ...SAMPLE_DATA['raffle-entry-confirmed'], ticketNumbers: [5], amountCents: 0 }, shop).text;
    expect(text).toContain('with 1 ticket: #5.\n\nThis is a free entry: no purchase is necessary.');
  });

  it('escapes data in the HTML part', () => {
    const html = renderNotice('raffle-winner', { ...SAMPLE_DATA['raffle-winner'], prize: '<script>alert(1)</script>' }, shop).html;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('a notice that cannot be filled is refused', () => {
  it.each([
    ['data missing a field', 'membership-renewed', { ...SAMPLE_DATA['membership-renewed'], amountCents: undefined }, /amountCents/],
    ['an unknown kind', 'membership-teleported', {}, /no such notice kind/],
  ])('%s', (_, kind, data, message) => {
    expect(() => renderNotice(kind, data, shop)).toThrow(TemplateError);
    expect(() => renderNotice(kind, data, shop)).toThrow(message);
  });

  it('a placeholder the template computes no value for', () => {
    const original = TEMPLATES['raffle-winner'].paragraphs;
    TEMPLATES['raffle-winner'].paragraphs = [...original, 'Collect it by {claimBy}.'];
    try {
      expect(() => renderNotice('raffle-winner', SAMPLE_DATA['raffle-winner'], shop)).toThrow('template raffle-winner: no value for {claimBy}');
    } finally {
      TEMPLATES['raffle-winner'].paragraphs = original;
    }
  });
});
