import type { Runtime } from '../../runtime';
import { INTERACTIVE_READ, type SessionOpeners } from '../connector';
import { type SourceSession, bindStreams } from '../stream';
import { createTransport } from '../transport';
import { lightspeedAccountId, lightspeedAuthFor, lightspeedPacerFor } from './account';
import type { LightspeedAuth } from './auth';
import type { BucketPacer } from './bucket-pacing';
import { LightspeedClient, lightspeedApiBaseUrl } from './client';
import { lightspeedConnector } from './connector';
import { LIGHTSPEED_STREAMS } from './streams';

/** Overrides for tests and benchmarks (a pacer on another clock, an auth under test). */
export interface LightspeedSessionOverrides {
  pacer?: BucketPacer;
  auth?: LightspeedAuth;
}

/** Opens a Lightspeed session for one stream run: paced, retrying transport, credentials, streams, call counters. */
export function openLightspeedSession(rt: Runtime, deadline: number, overrides: LightspeedSessionOverrides = {}): SourceSession {
  const cfg = rt.config;
  const pacer = overrides.pacer ?? lightspeedPacerFor(cfg);
  const transport = createTransport({
    pacer,
    maxAttempts: cfg.SYNC_MAX_ATTEMPTS,
    timeoutMs: 30_000,
    deadline,
    observe: (response) => pacer.observe(response),
  });
  const client = new LightspeedClient({
    baseUrl: lightspeedApiBaseUrl(cfg),
    accountId: lightspeedAccountId(cfg),
    auth: overrides.auth ?? lightspeedAuthFor(rt),
    fetch: transport.fetch,
  });
  return { source: lightspeedConnector.name, streams: bindStreams(LIGHTSPEED_STREAMS, { client, log: rt.log }), stats: transport.stats };
}

/** Opens Lightspeed: our client over the bucket-paced transport, with the process's shared credentials. */
export const lightspeedSessions = {
  source: lightspeedConnector.name,
  async openSync(rt: Runtime, deadline: number) {
    return openLightspeedSession(rt, deadline);
  },
  async openInteractive(rt: Runtime) {
    const pacer = lightspeedPacerFor(rt.config);
    const transport = createTransport({
      pacer,
      maxAttempts: INTERACTIVE_READ.maxAttempts,
      timeoutMs: INTERACTIVE_READ.timeoutMs,
      deadline: Date.now() + INTERACTIVE_READ.budgetMs,
      observe: (response) => pacer.observe(response),
    });
    return new LightspeedClient({ baseUrl: lightspeedApiBaseUrl(rt.config), accountId: lightspeedAccountId(rt.config), auth: lightspeedAuthFor(rt), fetch: transport.fetch });
  },
} satisfies SessionOpeners<LightspeedClient>;
