/** Injected server errors (500 and 503 with Square's error JSON), decided by a seeded stream: same seed and
 * same request sequence give the same failures, so tests of retry logic are reproducible. */
import { createRng, type Rng } from './random';
import { SquareApiError } from './square-errors';

/** Fault settings. */
export interface FaultSettings {
  /** Share of Square API requests answered with 500 or 503, from 0 to 1. */
  serverErrorRate?: number;
}

/** Decides, request by request, whether to fail it. */
export class FaultInjector {
  private readonly rng: Rng;
  private rate = 0;

  constructor(seed: number, settings: FaultSettings = {}) {
    this.rng = createRng(seed, 'faults');
    this.set(settings);
  }

  /** Changes the fault settings. */
  set(settings: FaultSettings): void {
    const rate = settings.serverErrorRate ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError('serverErrorRate must be between 0 and 1');
    this.rate = rate;
  }

  /** The current settings. */
  get settings(): Required<FaultSettings> {
    return { serverErrorRate: this.rate };
  }

  /** The error to answer this request with, if it is one of the unlucky ones. */
  next(): SquareApiError | undefined {
    if (this.rate === 0 || this.rng.next() >= this.rate) return undefined;
    return this.rng.chance(0.5)
      ? new SquareApiError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR', 'An internal error has occurred, and the API was unable to service your request.')
      : new SquareApiError(503, 'API_ERROR', 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Please retry later.');
  }
}
