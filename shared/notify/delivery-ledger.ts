import type { notificationDeliveries } from '../warehouse/schema/notifications';

/** Where a notice stands. */
export const NOTICE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'no-address', 'suppressed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** Statuses a notice ends in; an admin may queue it again from any of them. */
export const FINAL_STATUSES: ReadonlySet<NoticeStatus> = new Set(['sent', 'failed', 'no-address', 'suppressed']);

/** The state a ledger step follows: the notice's key, its latest step and counts. */
export interface LedgerPosition {
  dedupe_key: string;
  seq: number;
  resends: number;
}

/** What a step records. */
export interface StepFields {
  status: NoticeStatus;
  attempts: number;
  actor: string;
  at: Date;
  resends?: number;
  nextAttemptAt?: Date;
  messageId?: string;
  reply?: string;
  replyCode?: number | null;
  addressHash?: string;
  hardBounce?: boolean;
}

/** The ledger row of the step after `position`: its id is `<key>#<seq+1>`, so a repeated step collides and is dropped. */
export function deliveryStep(position: LedgerPosition, step: StepFields): typeof notificationDeliveries.row {
  const seq = position.seq + 1;
  return {
    event_id: `${position.dedupe_key}#${seq}`,
    dedupe_key: position.dedupe_key,
    seq,
    status: step.status,
    attempts: step.attempts,
    resends: step.resends ?? position.resends,
    next_attempt_at: step.nextAttemptAt?.toISOString() ?? null,
    message_id: step.messageId ?? null,
    reply: step.reply ?? null,
    reply_code: step.replyCode ?? null,
    address_hash: step.addressHash ?? null,
    hard_bounce: step.hardBounce ?? null,
    actor: step.actor,
    occurred_at: step.at.toISOString(),
  };
}
