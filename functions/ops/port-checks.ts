import type { Runtime } from '@shared/runtime';

/** The state of one dependency as /health reports it. */
export interface PortCheck {
  status: 'up' | 'down';
  backend: string;
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 3000;

async function timed(backend: string, probe: () => Promise<unknown>): Promise<PortCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', backend, latencyMs: round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', backend, latencyMs: round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Probes warehouse, kv, bus and secrets in parallel, each with a time bound. */
export async function checkPorts(rt: Runtime): Promise<Record<'warehouse' | 'kv' | 'bus' | 'secrets', PortCheck>> {
  const [warehouse, kv, bus, secrets] = await Promise.all([
    timed(rt.warehouse.backend, () => rt.warehouse.ping()),
    timed(rt.kv.backend, () => rt.kv.ping()),
    timed(rt.bus.backend, () => rt.bus.ping()),
    timed(rt.secrets.backend, () => rt.secrets.ping()),
  ]);
  return { warehouse, kv, bus, secrets };
}
