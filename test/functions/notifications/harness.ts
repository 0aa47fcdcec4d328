import { type ParsedMail, simpleParser } from 'mailparser';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailer } from '@shared/mail/mailer-for-runtime';
import { deliverNotices } from '@shared/notify/deliver';
import type { Notice } from '@shared/notify/notice-kinds';
import { notify } from '@shared/notify/outbox';
import { type Runtime, createRuntime } from '@shared/runtime';
import { createNotificationsHandler } from '../../../functions/notifications/handler';
import { type MailCatcher, type MailCatcherOptions, startMailCatcher } from '../../../scripts/emulators/mail/catcher';
import { call, serve } from '../../support/http';
import { type TestRuntime, createTestRuntime, tokenFor } from '../../support/runtime';

export const SHOP_ENV = { SHOP_NAME: 'Lone Star Hemp', SHOP_ADDRESS: '101 Congress Ave; Austin, TX 78701', MAIL_FROM: 'Lone Star Hemp <notices@lonestarhemp.example>' };

/** A raffle-entry notice for a customer, addressed by the email given with it. */
export function entryNotice(customerId: string, n = 1, email: string | null = `${customerId}@example.com`): Notice {
  return {
    kind: 'raffle-entry-confirmed',
    customerId,
    dedupeKey: `raffle-entry:pur_${customerId}_${n}`,
    email: email ?? undefined,
    data: { raffleId: 'raf_1', raffleTitle: 'Spring glass giveaway', ticketNumbers: [n], amountCents: 500, drawAt: '2026-04-01T23:00:00Z' },
  };
}

/**
 * A test runtime whose mail goes to an embedded catcher (writing .eml files to a temporary folder), and the
 * notifications function on loopback. `another()` is a second instance of the product over the same warehouse and kv
 * with its own mail connections, as a second Cloud Functions instance would be.
 */
export async function startNotifications(options: { catcher?: MailCatcherOptions; env?: Record<string, string>; start?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mail-'));
  const catcher: MailCatcher = await startMailCatcher({ dir, ...options.catcher });
  const rt: TestRuntime = createTestRuntime({ SMTP_URL: catcher.url, RATE_LIMIT_ADMIN_PER_MINUTE: '100000', ...SHOP_ENV, ...options.env }, options.start);
  await rt.warehouse.ensureSchema();
  const server = await serve(createNotificationsHandler(() => rt));
  const admin = await tokenFor(rt, 'staff-1', 'admin');
  const runtimes: Runtime[] = [rt];
  const another = () => {
    const instance = createRuntime(rt.config, { clock: rt.clock, log: rt.log, kv: rt.kv, bus: rt.bus, secrets: rt.secrets, warehouse: rt.warehouse });
    runtimes.push(instance);
    return instance;
  };

  return {
    rt,
    catcher,
    dir,
    another,
    queue: (notice: Notice) => notify(rt, notice),
    deliver: (runtime: Runtime = rt) => deliverNotices(runtime),
    /** The caught messages, parsed. */
    parsed: (): Promise<ParsedMail[]> => Promise.all(catcher.messages.map((m) => simpleParser(m.raw))),
    /** Calls the notifications API as an admin, or as `as` with its role. */
    request: async (method: string, path: string, opts: { as?: string; role?: 'customer' | 'admin' } = {}) =>
      call(`${server.url}${path}`, { method, token: opts.as ? await tokenFor(rt, opts.as, opts.role ?? 'customer') : admin }),
    statusOf: async (dedupeKey: string) => {
      const [row] = await rt.warehouse.query<{ status: string; attempts: number; reply: string | null; reply_code: number | null; next_attempt_at: string | null; message_id: string | null }>(
        (d) => `SELECT status, attempts, reply, reply_code, next_attempt_at, message_id FROM ${d.table('ops.notification_status')} WHERE dedupe_key = ${d.param('key')}`,
        { params: { key: dedupeKey } },
      );
      return row;
    },
    async close() {
      await server.close();
      for (const runtime of runtimes) if (runtime.config.SMTP_URL) mailer(runtime).close();
      await catcher.close();
      await rt.warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type NotificationsHarness = Awaited<ReturnType<typeof startNotifications>>;
