import type { Square, SquareClient } from 'square';
import type { Logger } from '../../log';
import { loadPrivacyKeys } from '../../privacy/keys';
import type { Runtime } from '../../runtime';
import { writeSourceRows } from '../../sales-rollup';
import { squareCustomers, squareInventory, squarePayments, squareRefunds } from '../../warehouse/schema/square';
import { MalformedRecordError } from '../record-pages';
import { createTransport } from '../transport';
import { createSquareClient, squareBaseUrl, squarePacerFor } from './client';
import { squareConnector } from './connector';
import { squareCustomerToRow, squarePaymentToRow, squareRefundToRow } from './rows';

/** What applying an event did: rows written, or why nothing was. */
export type SquareEventOutcome = { status: 'processed'; rows: number } | { status: 'ignored'; reason: string };

/** A webhook event as the processor receives it. */
export interface SquareWebhookEvent {
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
}

/** Reads whole objects when an event carries only part of one; the sync's client, paced and retrying. */
export interface SquareObjectReader {
  payment(id: string): Promise<Square.Payment | undefined>;
  refund(id: string): Promise<Square.PaymentRefund | undefined>;
  customer(id: string): Promise<Square.Customer | undefined>;
}

/** A reader over the Square API (or the emulator) with the sync's retry rules, bounded to a minute. */
export async function openSquareObjectReader(rt: Runtime): Promise<SquareObjectReader> {
  const transport = createTransport({ pacer: squarePacerFor(rt.config), maxAttempts: rt.config.SYNC_MAX_ATTEMPTS, timeoutMs: 20_000, deadline: Date.now() + 60_000 });
  const client: SquareClient = createSquareClient({ token: await rt.secrets.get('square-access-token'), baseUrl: squareBaseUrl(rt.config), fetch: transport.fetch });
  return {
    payment: async (paymentId) => (await client.payments.get({ paymentId })).payment,
    refund: async (refundId) => (await client.refunds.get({ refundId })).refund,
    customer: async (customerId) => (await client.customers.get({ customerId })).customer,
  };
}

type Serializer<T> = { parseOrThrow(raw: unknown, options?: object): T };

/** Square's JSON (snake_case) as the SDK's objects, so the sync's mappers read both alike. */
function fromWire<T>(pick: (s: typeof import('square').serialization) => Serializer<T>, raw: unknown): T {
  const { serialization } = require('square') as typeof import('square');
  return pick(serialization).parseOrThrow(raw, {
    unrecognizedObjectKeys: 'strip',
    allowUnrecognizedEnumValues: true,
    allowUnrecognizedUnionMembers: true,
    skipValidation: true,
  });
}

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * Maps the event's object, or when the event carries only part of it (Square leaves fields out of some events), the
 * whole object read from Square by the event's data.id.
 */
async function mapped<T, Row>(
  event: SquareWebhookEvent,
  key: string,
  pick: (s: typeof import('square').serialization) => Serializer<T>,
  toRow: (object: T) => Row,
  fetchWhole: (id: string) => Promise<T | undefined>,
  log: Logger,
): Promise<Row> {
  const data = asObject(event.payload.data);
  const raw = asObject(asObject(data?.object)?.[key]);
  if (raw) {
    try {
      return toRow(fromWire(pick, raw));
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      log.info('square event carries a partial object; reading it whole', { eventType: event.eventType, reason: error.message });
    }
  }
  const id = (typeof data?.id === 'string' && data.id) || (typeof raw?.id === 'string' && raw.id);
  if (!id) throw new MalformedRecordError(event.eventId, `event has no ${key} and no data.id to read it by`);
  const whole = await fetchWhole(id);
  if (!whole) throw new MalformedRecordError(id, `Square has no ${key} ${id}`);
  return toRow(whole);
}

/** An inventory count from an inventory.count.updated event as a row. */
function inventoryRow(count: Record<string, unknown>): typeof squareInventory.row {
  const text = (field: string) => (typeof count[field] === 'string' && count[field] ? (count[field] as string) : null);
  const objectId = text('catalog_object_id');
  const locationId = text('location_id');
  const state = text('state');
  const quantity = Number(text('quantity'));
  const calculatedAt = Date.parse(text('calculated_at') ?? '');
  if (!objectId || !locationId || !state || !Number.isFinite(quantity) || Number.isNaN(calculatedAt)) {
    throw new MalformedRecordError(objectId ?? undefined, 'inventory count without object, location, state, quantity or calculated_at');
  }
  return {
    catalog_object_id: objectId,
    catalog_object_type: text('catalog_object_type'),
    location_id: locationId,
    state,
    quantity,
    calculated_at: new Date(calculatedAt).toISOString(),
  };
}

/**
 * Applies one Square event to the warehouse the way the sync does: the same mappers, upserts where the newest
 * updated_at (or calculated_at) wins, so an older event arriving late changes nothing and webhook and sync converge.
 * A catalog change asks for an incremental catalog sync (its rows need the item, category and variations together).
 */
export async function applySquareEvent(
  rt: Runtime,
  event: SquareWebhookEvent,
  reader: () => Promise<SquareObjectReader>,
  log: Logger,
): Promise<SquareEventOutcome> {
  // Payments and refunds are sales: written with the daily rollup they change, as the sync writes them.
  const rollup = { warehouse: rt.warehouse, timeZone: rt.config.BUSINESS_TIMEZONE, now: rt.clock.now() };
  switch (event.eventType) {
    case 'payment.created':
    case 'payment.updated': {
      const row = await mapped(event, 'payment', (s) => s.Payment, squarePaymentToRow, async (id) => (await reader()).payment(id), log);
      await writeSourceRows(rollup, squarePayments, [row]);
      return { status: 'processed', rows: 1 };
    }
    case 'refund.created':
    case 'refund.updated': {
      const row = await mapped(event, 'refund', (s) => s.PaymentRefund, squareRefundToRow, async (id) => (await reader()).refund(id), log);
      await writeSourceRows(rollup, squareRefunds, [row]);
      return { status: 'processed', rows: 1 };
    }
    case 'customer.created':
    case 'customer.updated': {
      const keys = await loadPrivacyKeys(rt.secrets);
      const row = await mapped(event, 'customer', (s) => s.Customer, (c) => squareCustomerToRow(c, keys), async (id) => (await reader()).customer(id), log);
      await rt.warehouse.upsert(squareCustomers, [row]);
      return { status: 'processed', rows: 1 };
    }
    case 'catalog.version.updated':
      await rt.bus.publish('sync-requests', { source: squareConnector.name, stream: 'items', mode: 'incremental', requestedBy: `webhook:${event.eventId}` });
      return { status: 'processed', rows: 0 };
    case 'inventory.count.updated': {
      const counts = asObject(asObject(event.payload.data)?.object)?.inventory_counts;
      if (!Array.isArray(counts) || counts.length === 0) throw new MalformedRecordError(event.eventId, 'inventory event without inventory_counts');
      const rows = counts.map((c) => inventoryRow(asObject(c) ?? {}));
      await rt.warehouse.upsert(squareInventory, rows);
      return { status: 'processed', rows: rows.length };
    }
    default:
      return { status: 'ignored', reason: `Square ${event.eventType} events are not consumed by this product` };
  }
}
