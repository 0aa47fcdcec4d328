import { simpleParser } from 'mailparser';
import type { OutgoingMail } from '@shared/mail/port';
import { SmtpMailer, classifySmtpError } from '@shared/mail/smtp';
import { type MailCatcher, type MailCatcherOptions, startMailCatcher } from '../../../scripts/emulators/mail/catcher';

const mail = (n = 1): OutgoingMail => ({
  to: `member${n}@example.com`,
  subject: 'Your membership renewed — $47.00',
  text: 'Thank you.\n\nCharged: $47.00',
  html: '<p>Thank you.</p><p>Charged: $47.00</p>',
  messageId: `<notice.${n}@shop.example>`,
  references: ['<notice.0@shop.example>'],
  headers: { 'X-Notice-Kind': 'membership-renewed' },
});

describe('the SMTP mailer against the embedded catcher', () => {
  let catcher: MailCatcher;
  let mailer: SmtpMailer;
  const start = async (options: MailCatcherOptions = {}, url?: (c: MailCatcher) => string) => {
    catcher = await startMailCatcher(options);
    let asked = 0;
    mailer = new SmtpMailer({
      url: url ? url(catcher) : catcher.url,
      password: async () => {
        asked++;
        return 'relay-password';
      },
      from: 'Lone Star Hemp <notices@shop.example>',
      timeoutMs: 2000,
    });
    return { passwordAsked: () => asked };
  };
  afterEach(async () => {
    mailer.close();
    await catcher.close();
  });

  it('delivers a message with its Message-ID, references, both bodies and the sender', async () => {
    await start();
    expect(await mailer.send(mail())).toEqual({ outcome: 'sent', reply: expect.stringMatching(/^250 .*notice\.1@shop\.example/) });
    expect(catcher.messages).toHaveLength(1);
    const [caught] = catcher.messages;
    expect(caught.to).toEqual(['member1@example.com']);
    expect(caught.kind).toBe('membership-renewed');
    const parsed = await simpleParser(caught.raw);
    expect(parsed.messageId).toBe('<notice.1@shop.example>');
    expect(parsed.references).toBe('<notice.0@shop.example>');
    expect(parsed.subject).toBe('Your membership renewed — $47.00');
    expect(parsed.from?.value).toEqual([{ name: 'Lone Star Hemp', address: 'notices@shop.example' }]);
    expect(parsed.text?.trim()).toBe('Thank you.\n\nCharged: $47.00');
    expect(parsed.html).toContain('<p>Charged: $47.00</p>');
  });

  it('logs in with the password from the secret when the URL names a user, and only then', async () => {
    const withUser = await start({}, (c) => `smtp://apikey@127.0.0.1:${c.port}`);
    expect((await mailer.send(mail())).outcome).toBe('sent');
    expect(withUser.passwordAsked()).toBe(1);
    mailer.close();
    await catcher.close();
    const without = await start();
    expect((await mailer.send(mail())).outcome).toBe('sent');
    expect(without.passwordAsked()).toBe(0);
  });

  it('a relay that answers 451 then 250 gets a transient failure, then the message', async () => {
    await start({ answer: (_rcpt, before) => (before === 0 ? { code: 451, message: '4.7.1 Greylisted, please try again later' } : null) });
    expect(await mailer.send(mail())).toEqual({ outcome: 'transient', code: 451, reply: expect.stringContaining('451 4.7.1 Greylisted') });
    expect(await mailer.send(mail())).toMatchObject({ outcome: 'sent' });
    expect(catcher.messages).toHaveLength(1);
  });

  it('a relay that answers 550 refuses for good, with its reply', async () => {
    await start({ answer: (rcpt) => ({ code: 550, message: `5.1.1 <${rcpt}>: Recipient address rejected: User unknown` }) });
    expect(await mailer.send(mail(2))).toEqual({
      outcome: 'permanent',
      code: 550,
      reply: expect.stringContaining('550 5.1.1 <member2@example.com>: Recipient address rejected'),
    });
    expect(catcher.messages).toHaveLength(0);
  });

  it('a relay that is not there is a transient failure naming the cause', async () => {
    await start();
    await catcher.close();
    expect(await mailer.send(mail())).toMatchObject({ outcome: 'transient', code: null, reply: expect.stringMatching(/^E[A-Z]+: .*ECONNREFUSED/) });
  });
});

describe('what a failed send means', () => {
  it.each([
    [{ responseCode: 421, response: '421 4.3.2 Service shutting down' }, 'transient'],
    [{ responseCode: 452, response: '452 4.2.2 Mailbox full' }, 'transient'],
    [{ responseCode: 550, response: '550 5.1.1 User unknown' }, 'permanent'],
    [{ responseCode: 554, response: '554 5.7.1 Message rejected as spam' }, 'permanent'],
    // A refused login is our configuration, not the message: fixing the secret must deliver what waited.
    [{ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication credentials invalid' }, 'transient'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'transient'],
  ])('%j is %s', (error, outcome) => {
    expect(classifySmtpError(error).outcome).toBe(outcome);
  });
});
