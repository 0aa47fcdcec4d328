import type { SessionOpeners } from './connector';
import { lightspeedSessions } from './lightspeed/session';
import type { SourceName } from './registry';
import { squareSessions } from './square/session';

/**
 * How each connector opens sessions: the half of a connector that loads its API client (the Square SDK is large),
 * imported only by what reads sources (the sync, live reads). Typed as total over the registry, so a connector
 * without sessions does not compile.
 */
export const SESSIONS = {
  square: squareSessions,
  lightspeed: lightspeedSessions,
} satisfies { [Name in SourceName]: SessionOpeners & { source: Name } };

/** Opens a sync session on a source for one stream run ending by `deadline` (epoch ms). */
export function openSyncSession(rt: Parameters<SessionOpeners['openSync']>[0], source: SourceName, deadline: number) {
  return SESSIONS[source].openSync(rt, deadline);
}
