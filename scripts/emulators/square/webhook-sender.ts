/**
 * Square's webhooks for the changes the emulator makes while running: one signed event per changed object, POSTed to
 * the subscriber's notification URL as Square does, and retried with backoff when the answer is not 2xx.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { MutationSummary } from './shop-mutations';
import type { SquareStore } from './square-store';

/** Where and how the emulator delivers webhooks. */
export interface WebhookSubscription {
  /** The notification URL, exactly as signed (and as the receiver is configured with). */
  notificationUrl: string;
  signatureKey: string;
  /** Deliveries per event before giving up (Square tries for a day; the default here is 6). */
  maxAttempts?: number;
  /** Wait before the first retry, doubling each time (default 1 s). */
  firstRetryMs?: number;
}

/** How webhook deliveries went, for tests and the console. */
export interface WebhookStats {
  sent: number;
  delivered: number;
  retried: number;
  abandoned: number;
}

/** One event as Square sends it. */
export interface SquareWebhookEvent {
  merchant_id: string;
  type: string;
  event_id: string;
  created_at: string;
  data: { type: string; id: string; object: Record<string, unknown> };
}

/** The events a mutation causes, each carrying the object as the API now serves it. */
export function eventsFor(summary: MutationSummary, store: SquareStore, now: string): SquareWebhookEvent[] {
  const event = (type: string, kind: string, id: string, object: unknown): SquareWebhookEvent => ({
    merchant_id: 'EMULATOR_MERCHANT',
    type,
    event_id: randomUUID(),
    created_at: now,
    data: { type: kind, id, object: { [kind]: object } },
  });
  const events: SquareWebhookEvent[] = [];
  const payment = (type: string, id: string) => {
    const p = store.payments.get(id);
    if (p) events.push(event(type, 'payment', id, p));
  };
  for (const id of summary.paymentsAdded) payment('payment.created', id);
  for (const { id } of summary.paymentStatusChanges) payment('payment.updated', id);
  for (const id of summary.paymentsRefunded) payment('payment.updated', id);
  for (const id of summary.refundsAdded) {
    const r = store.refunds.get(id);
    if (r) events.push(event('refund.created', 'refund', id, r));
  }
  for (const { id } of summary.refundsSettled) {
    const r = store.refunds.get(id);
    if (r) events.push(event('refund.updated', 'refund', id, r));
  }
  for (const [ids, type] of [[summary.customersAdded, 'customer.created'], [summary.customersUpdated, 'customer.updated']] as const) {
    for (const id of ids) {
      const c = store.customers.get(id);
      if (c) events.push(event(type, 'customer', id, c));
    }
  }
  const catalogChanged = summary.itemsUpdated.length + summary.itemsDeleted.length + summary.variationsUpdated.length + summary.variationsDeleted.length > 0;
  if (catalogChanged) {
    events.push({
      merchant_id: 'EMULATOR_MERCHANT', type: 'catalog.version.updated', event_id: randomUUID(), created_at: now,
      data: { type: 'catalog', id: randomUUID(), object: { catalog_version: { updated_at: summary.changedTo ?? now } } },
    });
  }
  return events;
}

/** Delivers events to one subscription, a few at a time, each with its own retries. */
export class WebhookSender {
  readonly stats: WebhookStats = { sent: 0, delivered: 0, retried: 0, abandoned: 0 };
  private readonly queue: SquareWebhookEvent[] = [];
  private running = 0;
  private idle: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly subscription: WebhookSubscription, private readonly concurrency = 4) {}

  /** Queues events for delivery. */
  send(events: SquareWebhookEvent[]): void {
    if (this.closed) return;
    this.queue.push(...events);
    this.pump();
  }

  /** Resolves when every queued event was delivered or given up on. */
  async drain(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Stops retrying; queued events are dropped. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.queue.length > 0) {
      const event = this.queue.shift() as SquareWebhookEvent;
      this.running++;
      void this.deliver(event).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  private async deliver(event: SquareWebhookEvent): Promise<void> {
    const { notificationUrl, signatureKey, maxAttempts = 6, firstRetryMs = 1000 } = this.subscription;
    // The same body (and so the same signature) on every attempt, as Square redelivers the same event.
    const body = JSON.stringify(event);
    const signature = createHmac('sha256', signatureKey).update(notificationUrl + body).digest('base64');
    for (let attempt = 1; attempt <= maxAttempts && !this.closed; attempt++) {
      this.stats.sent++;
      try {
        const res = await fetch(notificationUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-square-hmacsha256-signature': signature, 'square-version': '2025-01-23', 'user-agent': 'Square Connect v2' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.ok) {
          this.stats.delivered++;
          return;
        }
      } catch {
        // unreachable or timed out: retried like a non-2xx answer
      }
      if (attempt < maxAttempts) {
        this.stats.retried++;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { this.timers.delete(timer); resolve(); }, firstRetryMs * 2 ** (attempt - 1));
          this.timers.add(timer);
        });
      }
    }
    this.stats.abandoned++;
  }
}
