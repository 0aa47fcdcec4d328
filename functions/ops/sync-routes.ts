import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from '@shared/http/errors';
import { route } from '@shared/http/router';
import { SOURCE_NAMES, connectorFor, sourceNameSchema, streamNames } from '@shared/sources/registry';
import { listRuns, runningRuns } from '@shared/sources/run-history';

const triggerBody = z.object({
  mode: z.enum(['incremental', 'full']).default('incremental'),
  stream: z.string().min(1).optional(),
});

/**
 * POST /api/sync/:source (admin): asks for a sync now. 202 with the id every run it starts will carry (the runs list
 * finds them by it), the streams it queued and those already running, which are left to finish. 409 when it would do
 * nothing: the source is not configured, or every stream asked for is running (with those runs' ids).
 */
export const triggerSyncRoute = route({
  method: 'POST',
  path: '/api/sync/:source',
  access: 'admin',
  summary: `Sync ${SOURCE_NAMES.map((name) => `\`${name}\``).join(' or ')} now (\`{"mode": "full"}\` re-reads everything); 202 with the run id, 409 when every stream is already running`,
  body: triggerBody,
  async handle({ runtime, params, body, principal }) {
    const parsed = sourceNameSchema.safeParse(params.source);
    if (!parsed.success) {
      throw new HttpError(404, 'UNKNOWN_SOURCE', `Unknown source ${params.source}; expected ${SOURCE_NAMES.join(' or ')}`);
    }
    const source = parsed.data;
    const connector = connectorFor(source);
    if (connector.mode(runtime.config) === 'not-configured') {
      throw new HttpError(409, 'SOURCE_NOT_CONFIGURED', `${connector.label} is not configured here, so there is nothing to sync`);
    }
    const known = streamNames(source);
    if (body.stream && !known.includes(body.stream)) {
      throw new HttpError(400, 'UNKNOWN_STREAM', `${connector.label} has no stream ${body.stream}; expected one of ${known.join(', ')}`, {
        details: { field: 'stream' },
      });
    }
    const asked = body.stream ? [body.stream] : known;
    const running = await runningRuns(runtime, source, asked);
    const idle = asked.filter((stream) => !running.some((r) => r.stream === stream));
    if (idle.length === 0) {
      throw new HttpError(409, 'SYNC_ALREADY_RUNNING', `Every stream asked for is already syncing; follow those runs, or ask again when they end`, {
        details: { runs: running },
      });
    }
    const requestId = randomUUID();
    for (const stream of idle) {
      await runtime.bus.publish('sync-requests', { source, mode: body.mode, stream, requestedBy: `admin:${principal?.sub}`, requestId });
    }
    return {
      status: 202,
      body: {
        runId: requestId,
        source,
        mode: body.mode,
        status: 'queued',
        streams: idle,
        alreadyRunning: running,
        runs: `/api/sync/runs?runId=${requestId}`,
      },
    };
  },
});

/**
 * GET /api/sync/runs?source=&limit=&runId= (admin): the latest run records, newest first; `runId` is the id a sync
 * request was answered with, or one run's own id. A run whose instance stopped before it finished is `abandoned`.
 */
export const listSyncRunsRoute = route({
  method: 'GET',
  path: '/api/sync/runs',
  access: 'admin',
  summary: 'Sync run records, newest first (`runId`: a sync request\'s id or a run\'s): rows, pages, API calls, retries, watermarks, errors; `abandoned` when its instance stopped',
  query: z.object({
    source: sourceNameSchema.optional(),
    runId: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
  async handle({ runtime, query }) {
    const runs = await listRuns(runtime, { source: query.source, id: query.runId, limit: query.limit });
    return { body: { runs } };
  },
});
