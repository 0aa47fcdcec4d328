import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { isNoticeKind } from '@shared/notify/notice-kinds';
import { renderNotice } from '@shared/notify/render';
import { SAMPLE_DATA } from '@shared/notify/sample-data';

/** GET /api/notifications/preview/:kind (admin): a kind's message rendered from sample data, as customers see it. */
export const previewRoute = route({
  method: 'GET',
  path: '/api/notifications/preview/:kind',
  summary: 'A notice kind rendered from sample data: subject, text and HTML as customers get them',
  access: 'admin',
  async handle({ runtime, params }) {
    if (!isNoticeKind(params.kind)) throw new HttpError(404, 'UNKNOWN_NOTICE_KIND', `No notice kind ${params.kind}`);
    const { config } = runtime;
    const rendered = renderNotice(params.kind, SAMPLE_DATA[params.kind], {
      shopName: config.SHOP_NAME,
      shopAddress: config.SHOP_ADDRESS,
      timeZone: config.BUSINESS_TIMEZONE,
    });
    return { body: { kind: params.kind, data: SAMPLE_DATA[params.kind], ...rendered } };
  },
});
