import type { SquareClient } from 'square';
import type { Config } from '../../config';
import { Pacer } from '../pacer';

const SQUARE_URLS = { production: 'https://connect.squareup.com', sandbox: 'https://connect.squareupsandbox.com' };

/** Square's base URL: SQUARE_BASE_URL (the emulator locally) or the environment's public API. */
export function squareBaseUrl(cfg: Config): string {
  return cfg.SQUARE_BASE_URL ?? SQUARE_URLS[cfg.SQUARE_ENVIRONMENT];
}

/** One pacer per process for Square, so every stream and window together stay under SQUARE_MAX_RPS. */
let squarePacer: Pacer | undefined;
export function squarePacerFor(cfg: Config): Pacer {
  squarePacer ??= new Pacer(cfg.SQUARE_MAX_RPS);
  squarePacer.setRate(cfg.SQUARE_MAX_RPS);
  return squarePacer;
}

/**
 * The official SDK client, with its own retries off: the given fetch paces, retries and counts every call, so the
 * run record tells the truth about them.
 */
export function createSquareClient(options: { token: string; baseUrl: string; fetch: typeof fetch; timeoutSeconds?: number }): SquareClient {
  // Loaded here, not at import, to keep cold starts of functions that never call Square short.
  const { SquareClient: Client } = require('square') as typeof import('square');
  return new Client({
    token: options.token,
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    maxRetries: 0,
    timeoutInSeconds: options.timeoutSeconds ?? 30,
  });
}
