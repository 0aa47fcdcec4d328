import { z } from 'zod';
import { NOTICE_STATUSES } from '@shared/notify/delivery-ledger';
import { NOTICE_KINDS } from '@shared/notify/notice-kinds';
import { route } from '@shared/http/router';
import { listNotices, noticeJson } from './notice-store';

/** GET /api/notifications?status=&customerId=&kind=&limit= (admin): notices and their delivery status, newest first. */
export const listNoticesRoute = route({
  method: 'GET',
  path: '/api/notifications',
  summary: 'Notices and their delivery status (`?status=queued|sending|sent|failed|no-address|suppressed&customerId=&kind=`), newest first',
  access: 'admin',
  query: z.object({
    status: z.enum(NOTICE_STATUSES).optional(),
    customerId: z.string().min(1).max(200).optional(),
    kind: z.enum(NOTICE_KINDS as [string, ...string[]]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  async handle({ runtime, query }) {
    const notices = await listNotices(runtime, query);
    return { body: { notices: notices.map(noticeJson), count: notices.length } };
  },
});
