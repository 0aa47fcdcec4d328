/** GET /v2/payments: the main location's payments unless location_id names another, as Square answers. */
import type { EmulatorClock } from './emulator-clock';
import { listByTime } from './list-by-time';
import { parseInteger } from './request-params';
import type { SquareStore } from './square-store';
import type { SquarePayment } from './wire-types';

/** Answers ListPayments. */
export function listPayments(store: SquareStore, params: URLSearchParams, clock: EmulatorClock): Record<string, unknown> {
  return listByTime<SquarePayment>({
    rows: store.payments,
    indexes: store.paymentIndexes,
    locationIds: store.locations.map((l) => l.id),
    defaultLocation: store.mainLocationId,
    defaultUpdatedEndIsNow: false,
    filters: (q) => {
      const total = parseInteger(q.get('total'), 'total');
      const last4 = q.get('last_4') || undefined;
      const brand = q.get('card_brand') || undefined;
      const offline = q.get('is_offline_payment');
      const checks: ((p: SquarePayment) => boolean)[] = [];
      if (total !== undefined) checks.push((p) => p.total_money.amount === total);
      if (last4) checks.push((p) => p.card_details?.card.last_4 === last4);
      if (brand) checks.push((p) => p.card_details?.card.card_brand === brand);
      // The shop takes no offline payments, so asking for them finds none.
      if (offline === 'true') checks.push(() => false);
      return {
        accept: checks.length ? (p) => checks.every((c) => c(p)) : undefined,
        parts: { total, last4, brand, offline },
      };
    },
  }, params, clock, 'payments');
}
