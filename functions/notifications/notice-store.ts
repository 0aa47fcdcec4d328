import type { NoticeStatus } from '@shared/notify/delivery-ledger';
import type { Runtime } from '@shared/runtime';
import { notificationOutbox, notificationStatus } from '@shared/warehouse/schema/notifications';

/** A notice as the status view holds it. */
export interface NoticeRow {
  dedupe_key: string;
  customer_id: string;
  kind: string;
  created_at: string;
  status: NoticeStatus;
  seq: number;
  attempts: number;
  resends: number;
  next_attempt_at: string | null;
  message_id: string | null;
  reply: string | null;
  reply_code: number | null;
  updated_at: string | null;
  data: unknown;
}

const COLUMNS = `s.dedupe_key, s.customer_id, s.kind, s.created_at, s.status, s.seq, s.attempts, s.resends, s.next_attempt_at,
  s.message_id, s.reply, s.reply_code, s.updated_at, o.data`;

/** Notices, newest first, optionally of one status, customer or kind. */
export async function listNotices(
  rt: Runtime,
  filter: { status?: NoticeStatus; customerId?: string; kind?: string; limit: number },
): Promise<NoticeRow[]> {
  const filters = (
    [
      ['s.status', filter.status, 'status'],
      ['s.customer_id', filter.customerId, 'customerId'],
      ['s.kind', filter.kind, 'kind'],
    ] as const
  ).filter(([, value]) => value !== undefined);
  const params = Object.fromEntries(filters.map(([, value, name]) => [name, value as string]));
  return rt.warehouse.query<NoticeRow>(
    (d) => `SELECT ${COLUMNS}
FROM ${d.table(notificationStatus)} AS s
JOIN ${d.table(notificationOutbox)} AS o ON o.dedupe_key = s.dedupe_key
${filters.length ? `WHERE ${filters.map(([column, , name]) => `${column} = ${d.param(name)}`).join(' AND ')}` : ''}
ORDER BY s.created_at DESC, s.dedupe_key
LIMIT ${filter.limit}`,
    { params },
  );
}

/** One notice by its outbox key, or null. */
export async function findNotice(rt: Runtime, dedupeKey: string): Promise<NoticeRow | null> {
  const [row] = await rt.warehouse.query<NoticeRow>(
    (d) => `SELECT ${COLUMNS}
FROM ${d.table(notificationStatus)} AS s
JOIN ${d.table(notificationOutbox)} AS o ON o.dedupe_key = s.dedupe_key
WHERE s.dedupe_key = ${d.param('key')}`,
    { params: { key: dedupeKey } },
  );
  return row ?? null;
}

/** A notice as the API shows it: its outbox key is its id. */
export function noticeJson(row: NoticeRow) {
  return {
    id: row.dedupe_key,
    customerId: row.customer_id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    resends: row.resends,
    nextAttemptAt: row.next_attempt_at,
    messageId: row.message_id,
    reply: row.reply,
    replyCode: row.reply_code,
    queuedAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
    data: row.data,
  };
}
