import type { Config } from '../config';
import { CONNECTORS } from './registry';

/**
 * The streams (`source/stream`) of every configured source that are not among `synced` (those with a committed
 * watermark). Until none is left the warehouse holds only part of the shop's history, so figures over it are partial:
 * a refund may land before the payment it refunds.
 */
export function streamsPending(cfg: Config, synced: readonly string[]): string[] {
  const done = new Set(synced);
  return CONNECTORS.filter((c) => c.mode(cfg) !== 'not-configured')
    .flatMap((c) => c.streams.map((s) => `${c.name}/${s.name}`))
    .filter((stream) => !done.has(stream));
}
