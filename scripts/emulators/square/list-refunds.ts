/** GET /v2/refunds: refunds of every location unless location_id narrows them, as Square answers. */
import type { EmulatorClock } from './emulator-clock';
import { listByTime } from './list-by-time';
import { ALL_LOCATIONS, type SquareStore } from './square-store';
import type { SquareRefund } from './wire-types';

/** Answers ListPaymentRefunds. */
export function listRefunds(store: SquareStore, params: URLSearchParams, clock: EmulatorClock): Record<string, unknown> {
  return listByTime<SquareRefund>({
    rows: store.refunds,
    indexes: store.refundIndexes,
    locationIds: store.locations.map((l) => l.id),
    defaultLocation: ALL_LOCATIONS,
    defaultUpdatedEndIsNow: true,
    filters: (q) => {
      const status = q.get('status') || undefined;
      const source = q.get('source_type') || undefined;
      return {
        accept: status || source
          ? (r) => (!status || r.status === status) && (!source || r.destination_type === source)
          : undefined,
        parts: { status, source },
      };
    },
  }, params, clock, 'refunds');
}
