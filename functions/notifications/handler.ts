import { createHttpHandler } from '@shared/http/router';
import type { Runtime } from '@shared/runtime';
import { listNoticesRoute } from './list-route';
import { previewRoute } from './preview-route';
import { resendRoute } from './resend-route';

/** Every route of the notifications function (admin only). */
export const NOTIFICATION_ROUTES = [listNoticesRoute, previewRoute, resendRoute];

/** The notifications HTTP function over a runtime (the process runtime unless given). */
export function createNotificationsHandler(runtime?: () => Runtime) {
  return createHttpHandler({ name: 'notifications', routes: NOTIFICATION_ROUTES, runtime });
}

/** The registered handler. */
export const notificationsHandler = createNotificationsHandler();
