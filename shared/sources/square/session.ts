import { loadPrivacyKeys } from '../../privacy/keys';
import type { Runtime } from '../../runtime';
import { INTERACTIVE_READ, type SessionOpeners } from '../connector';
import { bindStreams } from '../stream';
import { createTransport } from '../transport';
import { createSquareClient, squareBaseUrl, squarePacerFor } from './client';
import { squareConnector } from './connector';
import { SquareLiveReads } from './live-reads';
import { SQUARE_STREAMS } from './streams';

/** Opens Square: the official SDK over our paced, retrying, counting transport (one request ceiling per process). */
export const squareSessions = {
  source: squareConnector.name,

  async openSync(rt: Runtime, deadline: number) {
    const transport = createTransport({ pacer: squarePacerFor(rt.config), maxAttempts: rt.config.SYNC_MAX_ATTEMPTS, timeoutMs: 30_000, deadline });
    const client = createSquareClient({ token: await rt.secrets.get('square-access-token'), baseUrl: squareBaseUrl(rt.config), fetch: transport.fetch });
    const streams = bindStreams(SQUARE_STREAMS, { client, log: rt.log, now: () => rt.clock.now(), privacyKeys: () => loadPrivacyKeys(rt.secrets) });
    return { source: squareConnector.name, streams, stats: transport.stats };
  },

  async openInteractive(rt: Runtime) {
    const transport = createTransport({
      pacer: squarePacerFor(rt.config),
      maxAttempts: INTERACTIVE_READ.maxAttempts,
      timeoutMs: INTERACTIVE_READ.timeoutMs,
      deadline: Date.now() + INTERACTIVE_READ.budgetMs,
    });
    const client = createSquareClient({ token: await rt.secrets.get('square-access-token'), baseUrl: squareBaseUrl(rt.config), fetch: transport.fetch });
    return new SquareLiveReads(client, squareConnector.name);
  },
} satisfies SessionOpeners<SquareLiveReads>;
