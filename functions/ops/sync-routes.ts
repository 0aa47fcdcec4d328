import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { SOURCE_NAMES, sourceNameSchema, streamNames } from '@shared/sources/registry';
import { listRuns } from '@shared/sources/run-history';

const triggerBody = z.object({
  mode: z.enum(['incremental', 'full']).default('incremental'),
  stream: z.string().min(1).optional(),
});

/**
 * POST /api/sync/:source (admin): asks for a sync now; answers 202 with the id its runs will carry. A stream the source
 * does not have is 400 here, rather than "queued" and then dropped by the sync.
 */
export const triggerSyncRoute = route({
  method: 'POST',
  path: '/api/sync/:source',
  access: 'admin',
  summary: `Sync ${SOURCE_NAMES.map((name) => `\`${name}\``).join(' or ')} now (\`{"mode": "full"}\` re-reads everything); 202 with the run id`,
  body: triggerBody,
  async handle({ runtime, params, body, principal }) {
    const source = sourceNameSchema.safeParse(params.source);
    if (!source.success) {
      throw new HttpError(404, 'UNKNOWN_SOURCE', `Unknown source ${params.source}; expected ${SOURCE_NAMES.join(' or ')}`);
    }
    const streams = streamNames(source.data);
    if (body.stream !== undefined && !streams.includes(body.stream)) {
      throw new HttpError(400, 'UNKNOWN_STREAM', `${source.data} has no stream ${body.stream}; expected one of ${streams.join(', ')}`);
    }
    const requestId = randomUUID();
    await runtime.bus.publish('sync-requests', {
      source: source.data,
      mode: body.mode,
      stream: body.stream,
      requestedBy: `admin:${principal?.sub}`,
      requestId,
    });
    return { status: 202, body: { runId: requestId, source: source.data, mode: body.mode, status: 'queued' } };
  },
});

/** GET /api/sync/runs?source=&limit=&runId= (admin): the latest run records, newest first. */
export const listSyncRunsRoute = route({
  method: 'GET',
  path: '/api/sync/runs',
  access: 'admin',
  summary: 'Sync run records, newest first: rows read and written, pages, API calls, retries, watermarks, errors',
  query: z.object({
    source: sourceNameSchema.optional(),
    runId: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
  async handle({ runtime, query }) {
    const runs = await listRuns(runtime, { source: query.source, requestId: query.runId, limit: query.limit });
    return { body: { runs } };
  },
});
