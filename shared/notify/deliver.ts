import { createHash, randomUUID } from 'node:crypto';
import { mailer } from '../mail/mailer-for-runtime';
import type { SendOutcome } from '../mail/port';
import { loadPrivacyKeys } from '../privacy/keys';
import type { Runtime } from '../runtime';
import { notificationDeliveries, notificationOutbox, notificationStatus } from '../warehouse/schema/notifications';
import { type NoticeStatus, deliveryStep } from './delivery-ledger';
import { SEALED_ADDRESS_COLUMNS, SEALED_ADDRESS_JOINS, type SealedAddresses, addressHash, maskAddresses, recipientOf } from './recipient';
import { TemplateError, renderNotice } from './render';

/** Notices claimed and sent per round; a run takes rounds until nothing is due or its time is up. */
const BATCH = 50;
/** Sends in flight at once (the mailer keeps a few connections to the relay). */
const CONCURRENCY = 8;
/**
 * How long a claim holds. Longer than a jobs invocation may run (540 s), so a notice whose sender is still working is
 * never taken by another; a claim older than this was left by a sender that died, and is taken again.
 */
export const CLAIM_TTL_MS = 10 * 60_000;
/** A run stops starting rounds after this long, well inside the function's timeout. */
const RUN_BUDGET_MS = 5 * 60_000;

/** A notice due for delivery, with the sealed addresses it may go to. */
interface DueNotice extends SealedAddresses {
  template: string;
  data: unknown;
  status: NoticeStatus;
  seq: number;
  attempts: number;
  resends: number;
}

/** Backoff after the n-th transient failure: 1, 2, 4 … minutes, at most an hour, with ±20 % jitter to spread retries. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The Message-ID of a notice: a hash of its outbox key (so retries of one send carry the same id and a recipient's
 * system can tell a repeat), with the resend count after it (so a resend is recognisably that notice again).
 */
export function noticeMessageId(dedupeKey: string, resends: number, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
  return `<notice.${hash}${resends > 0 ? `.resend-${resends}` : ''}@${domain}>`;
}

/** Notices due now: queued (and past any retry time), or claimed by a sender that has since died. */
async function dueNotices(rt: Runtime, now: Date, limit: number): Promise<DueNotice[]> {
  return rt.warehouse.query<DueNotice>(
    (d) => `SELECT s.dedupe_key, s.customer_id, s.kind AS template, o.data, o.email_sealed, s.status, s.seq, s.attempts, s.resends,
  ${SEALED_ADDRESS_COLUMNS}
FROM ${d.table(notificationStatus)} AS s
JOIN ${d.table(notificationOutbox)} AS o ON o.dedupe_key = s.dedupe_key
${SEALED_ADDRESS_JOINS((id) => d.table(id), 's')}
WHERE (s.status = 'queued' AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ${d.param('now')}))
   OR (s.status = 'sending' AND s.updated_at <= ${d.param('staleBefore')})
ORDER BY s.created_at, s.dedupe_key
LIMIT ${limit}`,
    { params: { now, staleBefore: new Date(now.getTime() - CLAIM_TTL_MS) } },
  );
}

/** Addresses the relay refused as unknown or invalid: notices to them are suppressed instead of sent. */
async function bouncedAddresses(rt: Runtime): Promise<Set<string>> {
  const rows = await rt.warehouse.query<{ address_hash: string }>(
    (d) => `SELECT DISTINCT address_hash FROM ${d.table(notificationDeliveries)} WHERE hard_bounce AND address_hash IS NOT NULL`,
  );
  return new Set(rows.map((r) => r.address_hash));
}

/**
 * Claims notices atomically: each notice's claim key names the ledger step it was read at, so two senders that read
 * the same state race for one key and only one wins (kv set-if-absent is atomic in every adapter). The winner records
 * `sending` as the next ledger step, whose id is deterministic too.
 */
async function claim(rt: Runtime, notices: DueNotice[], runId: string): Promise<DueNotice[]> {
  const won = await Promise.all(notices.map((n) => rt.kv.setIfAbsent(`notifications:claim:${n.dedupe_key}:${n.seq}`, runId, CLAIM_TTL_MS)));
  const claimed = notices.filter((_, i) => won[i]);
  if (claimed.length === 0) return [];
  const now = rt.clock.now();
  await rt.warehouse.append(
    notificationDeliveries,
    claimed.map((n) => deliveryStep(n, { status: 'sending', attempts: n.attempts, actor: `job:${runId}`, at: now })),
  );
  return claimed.map((n) => ({ ...n, seq: n.seq + 1, status: 'sending' as const }));
}

/** Runs `work` over items with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** What one run did, for the job's log line. */
export type DeliveryCounts = Record<'claimed' | 'sent' | 'retrying' | 'failed' | 'no-address' | 'suppressed' | 'skipped', number>;

/**
 * The notifications job: sends every notice that is due, exactly once each even when runs overlap. Transient failures
 * wait with backoff and are tried again up to NOTIFICATIONS_MAX_ATTEMPTS times; a permanent refusal, an unrenderable
 * notice or the last attempt ends as `failed` with the reason; a customer without a known address is `no-address`;
 * an address the relay refused as unknown before is `suppressed`.
 */
export async function deliverNotices(rt: Runtime): Promise<Record<string, unknown>> {
  const runId = randomUUID();
  const started = Date.now();
  const counts: DeliveryCounts = { claimed: 0, sent: 0, retrying: 0, failed: 0, 'no-address': 0, suppressed: 0, skipped: 0 };
  // Without a relay nothing is claimed: the notices wait in the outbox, and a retry of this message would not help.
  if (!rt.config.SMTP_URL) {
    rt.log.warn('notices wait in the outbox: no SMTP relay is configured (SMTP_URL)');
    return { claimed: 0, waiting: 'SMTP_URL is not set' };
  }
  const relay = mailer(rt);
  const { pepper, ring } = await loadPrivacyKeys(rt.secrets);
  const shop = { shopName: rt.config.SHOP_NAME, shopAddress: rt.config.SHOP_ADDRESS, timeZone: rt.config.BUSINESS_TIMEZONE };
  const maxAttempts = rt.config.NOTIFICATIONS_MAX_ATTEMPTS;
  const bounced = await bouncedAddresses(rt);
  const log = rt.log.child({ job: 'notifications', runId });

  while (Date.now() - started < RUN_BUDGET_MS) {
    const due = await dueNotices(rt, rt.clock.now(), BATCH);
    if (due.length === 0) break;
    const claimed = await claim(rt, due, runId);
    counts.claimed += claimed.length;
    counts.skipped += due.length - claimed.length;
    // Everything due was taken by another run: it will finish them; looking again would only find them in flight.
    if (claimed.length === 0) break;

    const steps: Array<typeof notificationDeliveries.row> = [];
    await inParallel(claimed, CONCURRENCY, async (notice) => {
      const step = (fields: Omit<Parameters<typeof deliveryStep>[1], 'actor' | 'at'>) => {
        steps.push(deliveryStep(notice, { ...fields, actor: `job:${runId}`, at: rt.clock.now() }));
        const status = fields.status === 'queued' ? 'retrying' : fields.status;
        if (status !== 'sending') counts[status as keyof DeliveryCounts]++;
        log.info('notice delivery', { dedupeKey: notice.dedupe_key, kind: notice.template, status: fields.status, messageId: fields.messageId, reply: fields.reply });
      };
      const address = recipientOf(notice, ring);
      if (!address) return step({ status: 'no-address', attempts: notice.attempts, reply: 'No address on file for this customer' });
      const hash = addressHash(pepper, address);
      if (bounced.has(hash)) return step({ status: 'suppressed', attempts: notice.attempts, addressHash: hash, reply: 'The relay refused this address before' });

      let rendered;
      try {
        rendered = renderNotice(notice.template, notice.data, shop);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        return step({ status: 'failed', attempts: notice.attempts, addressHash: hash, reply: error.message });
      }
      const messageId = noticeMessageId(notice.dedupe_key, notice.resends, rt.config.MAIL_FROM);
      const outcome: SendOutcome = await relay.send({
        to: address,
        ...rendered,
        messageId,
        references: notice.resends > 0 ? [noticeMessageId(notice.dedupe_key, 0, rt.config.MAIL_FROM)] : undefined,
        headers: { 'X-Notice-Kind': notice.template },
      });
      const attempts = notice.attempts + 1;
      const reply = maskAddresses(outcome.reply);
      const code = outcome.outcome === 'sent' ? Number(/^\d{3}/.exec(outcome.reply)?.[0] ?? 250) : outcome.code;
      const common = { attempts, messageId, reply, replyCode: code, addressHash: hash };
      if (outcome.outcome === 'sent') return step({ status: 'sent', ...common });
      if (outcome.outcome === 'permanent') {
        // RFC 3463 X.1.X: the address itself is bad (unknown user, no such domain): later notices to it are suppressed.
        const hardBounce = /^\d{3}[ -]5\.1\.\d/.test(outcome.reply);
        if (hardBounce) bounced.add(hash);
        return step({ status: 'failed', ...common, hardBounce });
      }
      if (attempts >= maxAttempts) return step({ status: 'failed', ...common, reply: `${reply} (gave up after ${attempts} attempts)` });
      return step({ status: 'queued', ...common, nextAttemptAt: new Date(rt.clock.now().getTime() + retryDelayMs(attempts)) });
    });
    await rt.warehouse.append(notificationDeliveries, steps);
    if (due.length < BATCH) break;
  }
  return { ...counts, durationMs: Date.now() - started };
}
