/**
 * The emulator's own control endpoints under /emulator (not Lightspeed's), for the local stack and for tests that
 * drive the emulator from another process.
 */
import type { BucketSettings } from './leaky-bucket';
import type { LightspeedMutation, LightspeedMutationResult } from './mutate';

/** What the admin endpoints can reach. */
export interface AdminControls {
  mutate(mutation: LightspeedMutation): LightspeedMutationResult;
  stats(): unknown;
  credentials(): unknown;
  expireAccessTokens(): void;
  force429Next(n: number): void;
  setBucket(change: Partial<BucketSettings> & { level?: number }): void;
  setFaults(faults: { serverErrorRate?: number }): void;
}

/** An admin answer. */
export interface AdminReply {
  status: number;
  body: unknown;
}

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Routes one /emulator request. */
export function handleAdminRequest(
  controls: AdminControls,
  method: string,
  path: string,
  body: Record<string, unknown>,
): AdminReply {
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'POST /emulator/mutate':
      return { status: 200, body: controls.mutate(toMutation(body)) };
    case 'GET /emulator/stats':
      return { status: 200, body: controls.stats() };
    case 'GET /emulator/credentials':
      return { status: 200, body: controls.credentials() };
    case 'POST /emulator/expire-access-tokens':
      controls.expireAccessTokens();
      return { status: 200, body: { ok: true } };
    case 'POST /emulator/force-429':
      controls.force429Next(numberOrUndefined(body.n) ?? 1);
      return { status: 200, body: { ok: true } };
    case 'POST /emulator/bucket':
      controls.setBucket({
        size: numberOrUndefined(body.size),
        dripPerSecond: numberOrUndefined(body.dripPerSecond),
        level: numberOrUndefined(body.level),
      });
      return { status: 200, body: { ok: true } };
    case 'POST /emulator/faults':
      controls.setFaults({ serverErrorRate: numberOrUndefined(body.serverErrorRate) });
      return { status: 200, body: { ok: true } };
    default:
      return { status: 404, body: { error: `No admin endpoint ${route}.` } };
  }
}

function toMutation(body: Record<string, unknown>): LightspeedMutation {
  const selector = (value: unknown): number | number[] | undefined => {
    if (typeof value === 'number') return value;
    if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
    return undefined;
  };
  return {
    addSales: numberOrUndefined(body.addSales),
    completeSales: selector(body.completeSales),
    voidSales: selector(body.voidSales),
    archiveItems: selector(body.archiveItems),
    updateItems: selector(body.updateItems),
  };
}
