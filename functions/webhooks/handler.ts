import { createHttpHandler } from '@shared/http/router';
import { webhookRoutes } from './routes';

/** The webhooks HTTP function: provider deliveries in, and the operators' view of them. */
export const webhooksHandler = createHttpHandler({ name: 'webhooks', routes: webhookRoutes });
