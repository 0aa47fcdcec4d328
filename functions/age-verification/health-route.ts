import { callerIsAdmin, hideErrorText } from '@shared/http/error-details';
import { route } from '@shared/http/router';
import type { Runtime } from '@shared/runtime';
import { privacyKeys } from './personal-data';
import { verificationMethod } from './self-attestation';

const CHECK_TIMEOUT_MS = 3000;

/** One dependency's state as the health route reports it. */
interface Check {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
  [detail: string]: unknown;
}

async function timed(probe: () => Promise<Record<string, unknown> | void>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const latencyMs = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    const details = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: latencyMs(), ...(details ?? {}) };
  } catch (error) {
    return { status: 'down', latencyMs: latencyMs(), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** The dependencies verification needs: the warehouse, kv (cache and attempt counters) and the privacy keys. */
export async function ageVerificationChecks(rt: Runtime): Promise<Record<'warehouse' | 'kv' | 'privacyKeys', Check>> {
  const [warehouse, kv, keys] = await Promise.all([
    timed(async () => {
      await rt.warehouse.ping();
      return { backend: rt.warehouse.backend };
    }),
    timed(async () => {
      await rt.kv.ping();
      return { backend: rt.kv.backend };
    }),
    timed(async () => ({ currentKeyVersion: (await privacyKeys(rt)).ring.current })),
  ]);
  return { warehouse, kv, privacyKeys: keys };
}

/** GET /health/age-verification: healthy (200) when every dependency answers, else unhealthy (503). */
export const healthRoute = route({
  method: 'GET',
  path: '/health/age-verification',
  access: 'public',
  limitClass: 'health',
  summary: 'Warehouse, kv and privacy keys reachable; 503 when one is not; error texts only for an admin token',
  async handle({ runtime, headers }) {
    const found = await ageVerificationChecks(runtime);
    const checks = (await callerIsAdmin(runtime, headers.authorization)) ? found : hideErrorText(found);
    const healthy = Object.values(checks).every((c) => c.status === 'up');
    return {
      status: healthy ? 200 : 503,
      body: {
        status: healthy ? 'healthy' : 'unhealthy',
        service: 'age-verification',
        version: runtime.config.BUILD_VERSION,
        time: runtime.clock.now().toISOString(),
        method: verificationMethod.provider,
        businessTimeZone: runtime.config.BUSINESS_TIMEZONE,
        checks,
      },
    };
  },
});
