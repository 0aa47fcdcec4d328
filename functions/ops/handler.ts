import { createHttpHandler } from '@shared/http/router';
import { healthRoute } from './health-route';
import { integrationRoutes } from './integrations/routes';
import { listSyncRunsRoute, triggerSyncRoute } from './sync-routes';

/** The ops HTTP function: health and operator controls. */
export const opsHandler = createHttpHandler({ name: 'ops', routes: [healthRoute, listSyncRunsRoute, triggerSyncRoute, ...integrationRoutes] });
