import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { FINAL_STATUSES, deliveryStep } from '@shared/notify/delivery-ledger';
import { nudgeDelivery } from '@shared/notify/nudge';
import { notificationDeliveries } from '@shared/warehouse/schema/notifications';
import { findNotice, noticeJson } from './notice-store';

/**
 * POST /api/notifications/:id/resend (admin): queues a notice that has ended (sent, failed, no address, suppressed)
 * again. The new message carries the notice's Message-ID with a resend count, referencing the first. A notice still
 * queued or being sent is 409; two admins resending at once queue it once (the ledger step's id collides).
 */
export const resendRoute = route({
  method: 'POST',
  path: '/api/notifications/:id/resend',
  summary: 'Sends a notice that has ended (sent, failed, no-address, suppressed) again; 409 while it is queued or sending',
  access: 'admin',
  async handle({ runtime, params, principal }) {
    const notice = await findNotice(runtime, params.id);
    if (!notice) throw new HttpError(404, 'NOTICE_NOT_FOUND', `No notice ${params.id}`);
    const inFlight = () =>
      new HttpError(409, 'NOTICE_IN_FLIGHT', `Notice ${params.id} is ${notice.status}; only a notice that has ended can be sent again`, {
        details: { status: notice.status },
      });
    if (!FINAL_STATUSES.has(notice.status)) throw inFlight();
    const step = deliveryStep(notice, {
      status: 'queued',
      attempts: 0,
      resends: notice.resends + 1,
      actor: `admin:${principal?.sub}`,
      at: runtime.clock.now(),
    });
    const { inserted } = await runtime.warehouse.append(notificationDeliveries, [step]);
    if (inserted === 0) throw inFlight();
    await nudgeDelivery(runtime);
    const queued = await findNotice(runtime, params.id);
    return { status: 202, body: { notice: noticeJson(queued ?? notice) } };
  },
});
