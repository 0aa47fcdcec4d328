import { SESSIONS } from '@shared/sources/sessions';

/** The source the dashboard reads live under /api/square, by the public API's contract: Square's interactive session. */
export const liveSource = SESSIONS.square;

/** The cache namespace of the live answers, which is also the cache-invalidation scope that names them: the source's name. */
export const LIVE_CACHE = liveSource.source;
