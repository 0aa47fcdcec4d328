import { route } from '@shared/http/router';
import { checkPorts } from './port-checks';

/** GET /health: each port's reachability and latency, and the build version. 503 when a port is down. */
export const healthRoute = route({
  method: 'GET',
  path: '/health',
  access: 'public',
  async handle({ runtime }) {
    const ports = await checkPorts(runtime);
    const down = Object.values(ports).filter((p) => p.status === 'down').length;
    const status = down === 0 ? 'healthy' : 'unhealthy';
    return {
      status: down === 0 ? 200 : 503,
      body: {
        status,
        service: 'commerce-backend',
        version: runtime.config.BUILD_VERSION,
        time: runtime.clock.now().toISOString(),
        ports,
      },
    };
  },
});
