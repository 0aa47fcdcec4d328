import { loadPrivacyKeys } from '@shared/privacy/keys';
import type { Runtime } from '@shared/runtime';
import { openLightspeedSession } from '@shared/sources/lightspeed/session';
import { LIGHTSPEED_STREAMS } from '@shared/sources/lightspeed/streams';
import { createSquareClient, squareBaseUrl, squarePacerFor } from '@shared/sources/square/client';
import { SQUARE_STREAMS, squareStreams } from '@shared/sources/square/streams';
import type { SourceName, SourceSession } from '@shared/sources/stream';
import { createTransport } from '@shared/sources/transport';

/** The streams of each source, known without connecting (the fan-out of a source-level request). */
export const SOURCE_STREAMS: Record<SourceName, readonly string[]> = {
  square: SQUARE_STREAMS,
  lightspeed: LIGHTSPEED_STREAMS,
};

/** Opens a session on a source for one stream run: credentials from the secrets port, a fresh call counter. */
export async function openSession(rt: Runtime, source: SourceName, deadline: number): Promise<SourceSession> {
  if (source === 'square') {
    const transport = createTransport({
      pacer: squarePacerFor(rt.config),
      maxAttempts: rt.config.SYNC_MAX_ATTEMPTS,
      timeoutMs: 30_000,
      deadline,
    });
    const client = createSquareClient({
      token: await rt.secrets.get('square-access-token'),
      baseUrl: squareBaseUrl(rt.config),
      fetch: transport.fetch,
    });
    const streams = squareStreams({
      client,
      log: rt.log,
      now: () => rt.clock.now(),
      privacyKeys: () => loadPrivacyKeys(rt.secrets),
    });
    return { source, streams, stats: transport.stats };
  }
  if (source === 'lightspeed') return openLightspeedSession(rt, deadline);
  throw new Error(`Source ${source} is not connected yet`);
}
