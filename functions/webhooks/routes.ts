import { z } from 'zod';
import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { WEBHOOK_STATUSES, findRecord, listRecords, openPayload, type WebhookEventRow } from '@shared/webhooks/ledger';
import { WEBHOOK_PROVIDERS, providerNameSchema } from '@shared/webhooks/providers';
import { webhookHealth } from './health';
import { receiveDelivery } from './receive';
import { replayDead, replayEvent } from './replay';

const names = WEBHOOK_PROVIDERS.map((p) => `\`${p.name}\``).join(', ');

/** POST /api/webhooks/:provider (public, signed): a provider's delivery, answered 200 once stored and queued. */
export const receiveRoute = route({
  method: 'POST',
  path: '/api/webhooks/:provider',
  access: 'public',
  limitClass: 'webhooks',
  summary: `A signed delivery from ${names}: verified, stored once per event id, queued for processing; 401 when the signature fails`,
  async handle(ctx) {
    const receipt = await receiveDelivery(ctx, ctx.params.provider);
    return { body: { received: true, ...receipt } };
  },
});

/** A record as the admin listing shows it: everything but the sealed payload. */
export function recordSummary(row: WebhookEventRow) {
  return {
    id: row.id,
    provider: row.provider,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    processingMs: row.processing_ms,
    payloadBytes: row.payload_bytes,
    sourceIp: row.source_ip,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    updatedAt: row.updated_at,
  };
}

const cursorSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      const [receivedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
      if (typeof id === 'string' && !Number.isNaN(Date.parse(receivedAt))) return { receivedAt, id };
    } catch {
      // falls through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page' });
    return z.NEVER;
  });

const encodeCursor = (row: WebhookEventRow) => Buffer.from(JSON.stringify([row.received_at, row.id])).toString('base64url');

/** GET /api/webhooks/:provider/events (admin): a provider's events, newest first, paged. */
export const listEventsRoute = route({
  method: 'GET',
  path: '/api/webhooks/:provider/events',
  access: 'admin',
  summary: 'A provider\'s webhook events, newest first: `status`, `type`, `since`, `limit` (≤ 200) and `cursor` for the next page',
  query: z.object({
    status: z.enum(WEBHOOK_STATUSES).optional(),
    type: z.string().min(1).max(200).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorSchema.optional(),
  }),
  async handle({ runtime, params, query }) {
    const provider = providerNameSchema.safeParse(params.provider);
    if (!provider.success) throw new HttpError(404, 'UNKNOWN_PROVIDER', `Unknown webhook provider ${params.provider}`);
    const rows = await listRecords(runtime, {
      provider: provider.data,
      status: query.status,
      type: query.type,
      since: query.since && new Date(query.since).toISOString(),
      limit: query.limit,
      after: query.cursor,
    });
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null;
    return { body: { provider: provider.data, events: page.map(recordSummary), nextCursor } };
  },
});

/** GET /api/webhooks/events/:id (admin): one record with its payload opened. */
export const eventRoute = route({
  method: 'GET',
  path: '/api/webhooks/events/:id',
  access: 'admin',
  summary: 'One webhook event by record id or provider event id, with its payload (unsealed for admins)',
  async handle({ runtime, params, log, principal }) {
    const row = await findRecord(runtime, params.id);
    if (!row) throw new HttpError(404, 'EVENT_NOT_FOUND', `No webhook event ${params.id}`);
    const raw = await openPayload(runtime, row);
    // Opening personal data is audited: who opened which record (never what it says).
    log.info('webhook payload opened', { webhookEvent: row.id, actor: principal?.sub });
    let payload: unknown = raw;
    try {
      payload = JSON.parse(raw);
    } catch {
      // kept as text: the provider's bytes as they came
    }
    return { body: { event: { ...recordSummary(row), payload } } };
  },
});

/** POST /api/webhooks/retry (admin): processes one event again, or every dead one. */
export const retryRoute = route({
  method: 'POST',
  path: '/api/webhooks/retry',
  access: 'admin',
  summary: 'Replays one webhook event (`{"eventId"}`) or every dead one (`{"status": "dead"}`) through the processor',
  body: z.union([z.object({ eventId: z.string().min(1).max(200) }).strict(), z.object({ status: z.literal('dead') }).strict()]),
  async handle({ runtime, body, log }) {
    if ('eventId' in body) {
      const replayed = await replayEvent(runtime, body.eventId);
      if (!replayed) throw new HttpError(404, 'EVENT_NOT_FOUND', `No webhook event ${body.eventId}`);
      log.info('webhook replay requested', { webhookEvent: replayed });
      return { status: 202, body: { replayed: [replayed] } };
    }
    const replayed = await replayDead(runtime);
    log.info('webhook replay of dead events requested', { events: replayed.length });
    return { status: 202, body: { replayed } };
  },
});

/** GET /api/webhooks/health (admin): delivery health per provider. */
export const healthRoute = route({
  method: 'GET',
  path: '/api/webhooks/health',
  access: 'admin',
  summary: 'Per provider: last received, received and processed counts and success rate over 1 h / 24 h / 7 d, p95 processing ms, dead letters, signature failures',
  async handle({ runtime }) {
    return { body: { providers: await webhookHealth(runtime) } };
  },
});

/** Every route of the webhooks function. */
export const webhookRoutes = [receiveRoute, listEventsRoute, eventRoute, retryRoute, healthRoute];
