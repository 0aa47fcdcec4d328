/**
 * Changes to the running shop, so incremental syncs have something to find: captures and voids, late refunds,
 * new sales, catalog edits and deletions, new and edited customers. Each changed object is stamped with a fresh
 * tick of the emulator clock, so updated_at strictly increases across changes.
 */
import { floor, max, parseDate } from './bound-globals';
import { z } from 'zod';
import { draftPayment } from './draft-payment';
import { draftRefund, refundCents, settleRefund } from './draft-refund';
import { iso, type EmulatorClock } from './emulator-clock';
import { touchCatalogObject } from './generate-catalog';
import { fakePhone, newCustomer } from './generate-customers';
import { customerFor } from './generate-payments';
import type { GeneratedShop } from './generate-shop';
import { applyRefundsToPayment, refundableCents, setPaymentStatus } from './payment-lifecycle';
import { createRng, type Rng } from './random';
import { badRequest } from './square-errors';
import type { SquareCatalogItem, SquarePayment, SquarePaymentStatus } from './wire-types';

const DAY_MS = 86_400_000;
const count = z.number().int().min(0).max(100_000).optional();

/** Body of POST /emulator/mutate: how many of each change to make. */
export const mutationRequestSchema = z.object({
  changePaymentStatuses: count,
  completeRefunds: count,
  addRefunds: count,
  addPayments: count,
  deleteItems: count,
  updateItems: count,
  addCustomers: count,
  updateCustomers: count,
}).strict();

/** How many of each change to make; every field is optional and defaults to 0. */
export type MutationRequest = z.infer<typeof mutationRequestSchema>;

/** Exactly what a mutation changed, by id. */
export interface MutationSummary {
  /** First and last updated_at stamped by this batch, or null when nothing changed. */
  changedFrom: string | null;
  changedTo: string | null;
  paymentStatusChanges: { id: string; from: SquarePaymentStatus; to: SquarePaymentStatus }[];
  paymentsAdded: string[];
  /** Payments whose refunded_money changed (new refunds, or refunds that failed). */
  paymentsRefunded: string[];
  refundsAdded: string[];
  refundsSettled: { id: string; status: string }[];
  itemsUpdated: string[];
  itemsDeleted: string[];
  variationsUpdated: string[];
  variationsDeleted: string[];
  customersAdded: string[];
  customersUpdated: string[];
}

/** Validates a mutate body; anything else is a 400 in Square's error shape. */
export function parseMutationRequest(body: unknown): MutationRequest {
  const parsed = mutationRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest('INVALID_VALUE', issue.message, issue.path.join('.') || undefined);
}

/** Applies mutations to a generated shop. */
export class ShopMutator {
  private readonly rng: Rng;

  constructor(private readonly shop: GeneratedShop, private readonly clock: EmulatorClock, seed: number) {
    this.rng = createRng(seed, 'mutations');
  }

  /** Applies the requested changes, in the order of MutationRequest's fields, and reports them. */
  apply(req: MutationRequest): MutationSummary {
    const s: MutationSummary = {
      changedFrom: null, changedTo: null, paymentStatusChanges: [], paymentsAdded: [], paymentsRefunded: [], refundsAdded: [],
      refundsSettled: [], itemsUpdated: [], itemsDeleted: [], variationsUpdated: [], variationsDeleted: [], customersAdded: [],
      customersUpdated: [],
    };
    const stamps: number[] = [];
    const tick = (): number => { const t = this.clock.tick(); stamps.push(t); return t; };
    this.changePaymentStatuses(req.changePaymentStatuses ?? 0, tick, s);
    this.completeRefunds(req.completeRefunds ?? 0, tick, s);
    this.addRefunds(req.addRefunds ?? 0, tick, s);
    this.addPayments(req.addPayments ?? 0, tick, s);
    this.deleteItems(req.deleteItems ?? 0, tick, s);
    this.updateItems(req.updateItems ?? 0, tick, s);
    this.addCustomers(req.addCustomers ?? 0, tick, s);
    this.updateCustomers(req.updateCustomers ?? 0, tick, s);
    if (stamps.length) { s.changedFrom = iso(stamps[0]); s.changedTo = iso(stamps[stamps.length - 1]); }
    return s;
  }

  /** Picks up to `n` distinct elements at random, in a deterministic order. */
  private sample<T>(list: T[], n: number): T[] {
    const out: T[] = [];
    for (let i = 0; i < n && i < list.length; i++) {
      const j = i + floor(this.rng.next() * (list.length - i));
      [list[i], list[j]] = [list[j], list[i]];
      out.push(list[i]);
    }
    return out;
  }

  /** Payments awaiting capture or clearing move on, oldest first: captured or voided, cleared or failed. */
  private changePaymentStatuses(n: number, tick: () => number, s: MutationSummary): void {
    if (n === 0) return;
    const { store } = this.shop;
    const waiting = [...store.payments.values()].filter((p) => p.status === 'APPROVED' || p.status === 'PENDING')
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    for (const p of waiting.slice(0, n)) {
      const from = p.status;
      const to: SquarePaymentStatus = from === 'APPROVED'
        ? (this.rng.chance(0.85) ? 'COMPLETED' : 'CANCELED')
        : (this.rng.chance(0.9) ? 'COMPLETED' : 'FAILED');
      const at = tick();
      store.changePayment(p, () => setPaymentStatus(p, to, at, this.rng));
      s.paymentStatusChanges.push({ id: p.id, from, to });
    }
  }

  /** Pending refunds settle, oldest first; a failed one no longer counts against its payment. */
  private completeRefunds(n: number, tick: () => number, s: MutationSummary): void {
    if (n === 0) return;
    const { store } = this.shop;
    const pending = [...store.refunds.values()].filter((r) => r.status === 'PENDING')
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    for (const r of pending.slice(0, n)) {
      const status = this.rng.chance(0.95) ? 'COMPLETED' : 'FAILED';
      const at = tick();
      store.changeRefund(r, () => settleRefund(r, status, at));
      s.refundsSettled.push({ id: r.id, status });
      if (status === 'FAILED') {
        const p = store.payments.get(r.payment_id) as SquarePayment;
        const pat = tick();
        store.changePayment(p, () => applyRefundsToPayment(p, store.refundsOf(p.id), pat, this.rng));
        s.paymentsRefunded.push(p.id);
      }
    }
  }

  /** Refunds (completed at once) on completed payments at least a week old: the late refunds syncs must catch. */
  private addRefunds(n: number, tick: () => number, s: MutationSummary): void {
    if (n === 0) return;
    const { store } = this.shop;
    const cutoff = this.clock.current() - 7 * DAY_MS;
    const candidates = [...store.payments.values()]
      .filter((p) => p.status === 'COMPLETED' && refundableCents(p) > 0 && parseDate(p.created_at) < cutoff);
    for (const p of this.sample(candidates, n)) {
      const at = tick();
      const r = draftRefund(this.rng, p, at, refundCents(this.rng, refundableCents(p)));
      r.status = 'COMPLETED';
      store.addRefund(r);
      const pat = tick();
      store.changePayment(p, () => applyRefundsToPayment(p, store.refundsOf(p.id), pat, this.rng));
      s.refundsAdded.push(r.id);
      s.paymentsRefunded.push(p.id);
    }
  }

  /** New sales now, across locations by their share; most settle at once, some await capture or clearing. */
  private addPayments(n: number, tick: () => number, s: MutationSummary): void {
    const { store, locations } = this.shop;
    const weights = locations.map((l, i) => [i, l.salesWeight] as const);
    for (let k = 0; k < n; k++) {
      const at = tick();
      const loc = locations[this.rng.weighted(weights)];
      const p = draftPayment(this.rng, this.shop.prices, this.shop.cards, loc, at, customerFor(this.rng, this.shop, at, loc.online));
      if (p.status === 'APPROVED') {
        const fate = this.rng.weighted([['COMPLETED', 88], ['APPROVED', 7], ['FAILED', 5]] as const);
        if (fate !== 'APPROVED') setPaymentStatus(p, fate, at, this.rng);
      }
      store.addPayment(p);
      s.paymentsAdded.push(p.id);
    }
  }

  private liveItems(): SquareCatalogItem[] {
    return [...this.shop.store.items.values()].filter((i) => !i.is_deleted);
  }

  /** Items deleted together with their variations, as Square deletes them. */
  private deleteItems(n: number, tick: () => number, s: MutationSummary): void {
    if (n === 0) return;
    const { store } = this.shop;
    for (const item of this.sample(this.liveItems(), n)) {
      const at = tick();
      const vars = item.item_data.variations;
      store.changeCatalog([item, ...vars], () => {
        for (const v of vars) { v.is_deleted = true; touchCatalogObject(v, at); }
        item.is_deleted = true;
        touchCatalogObject(item, at);
      });
      s.itemsDeleted.push(item.id);
      s.variationsDeleted.push(...vars.map((v) => v.id));
    }
  }

  /** Price changes on one variation of each item; the item's version moves with it. */
  private updateItems(n: number, tick: () => number, s: MutationSummary): void {
    if (n === 0) return;
    const { store } = this.shop;
    const editable = this.liveItems().filter((i) => i.item_data.variations.some((v) => !v.is_deleted));
    for (const item of this.sample(editable, n)) {
      const at = tick();
      const v = this.rng.pick(item.item_data.variations.filter((x) => !x.is_deleted));
      store.changeCatalog([item, v], () => {
        const price = v.item_variation_data.price_money;
        price.amount = max(99, price.amount + this.rng.pick([-500, -300, 200, 300, 500, 1000]));
        touchCatalogObject(v, at);
        touchCatalogObject(item, at);
      });
      s.itemsUpdated.push(item.id);
      s.variationsUpdated.push(v.id);
    }
  }

  /** New customer profiles created now. */
  private addCustomers(n: number, tick: () => number, s: MutationSummary): void {
    const { store } = this.shop;
    for (let k = 0; k < n; k++) {
      const at = tick();
      const c = newCustomer(this.rng, at, this.shop.customers.length + 1);
      store.addCustomer(c);
      this.shop.customers.push(c);
      this.shop.customerCreatedMs.push(at);
      s.customersAdded.push(c.id);
    }
  }

  /** Customers who change their phone number or e-mail preferences. */
  private updateCustomers(n: number, tick: () => number, s: MutationSummary): void {
    if (n === 0) return;
    const { store } = this.shop;
    for (const c of this.sample([...store.customers.values()], n)) {
      const at = tick();
      store.changeCustomer(c, () => {
        if (this.rng.chance(0.6)) c.phone_number = fakePhone(this.rng);
        else c.preferences = { email_unsubscribed: !c.preferences.email_unsubscribed };
        c.updated_at = iso(at);
        c.version += 1;
      });
      s.customersUpdated.push(c.id);
    }
  }
}
