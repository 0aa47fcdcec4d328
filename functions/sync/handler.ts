import { randomUUID } from 'node:crypto';
import { createEventHandler } from '@shared/events';
import type { Runtime } from '@shared/runtime';
import { connectorFor, streamNames } from '@shared/sources/registry';
import type { SyncRunRow } from '@shared/sources/run-records';
import { openSyncSession } from '@shared/sources/sessions';
import type { SyncRequest } from '@shared/sources/sync-request';
import type { StreamProgress } from './run-stream';
import { runStream } from './run-stream';

/**
 * Handles one sync request. A source-level request fans out one message per stream (each stream then runs in its own
 * invocation, in parallel, under its own time bound); a stream-level request runs that stream.
 */
export async function handleSyncRequest(rt: Runtime, request: SyncRequest): Promise<SyncRunRow[]> {
  const requestId = request.requestId ?? randomUUID();
  if (connectorFor(request.source).mode(rt.config) === 'not-configured') {
    // A shop that does not use this POS: the schedule still fires, and there is nothing to fail about.
    rt.log.info('source not configured; nothing to sync', { source: request.source, requestId });
    return [];
  }
  const streams = streamNames(request.source);
  if (!request.stream) {
    for (const stream of streams) {
      await rt.bus.publish('sync-requests', { ...request, stream, requestId });
    }
    rt.log.info('sync request fanned out', { source: request.source, streams: streams.length, requestId });
    return [];
  }
  if (!streams.includes(request.stream)) {
    rt.log.error('sync request names an unknown stream; acknowledged', { source: request.source, stream: request.stream });
    return [];
  }
  return [await runOne(rt, { ...request, requestId }, request.stream)];
}

/** Runs one stream of a source to completion (used by the event function and by `npm run sync`). */
export async function runOne(rt: Runtime, request: SyncRequest, streamName: string, onProgress?: (p: StreamProgress) => void): Promise<SyncRunRow> {
  const deadline = Date.now() + rt.config.SYNC_RUN_TIMEOUT_SECONDS * 1000;
  const session = await openSyncSession(rt, request.source, deadline);
  const stream = session.streams.find((s) => s.name === streamName);
  if (!stream) throw new Error(`Unknown stream ${request.source}/${streamName}`);
  return runStream(rt, session, stream, { request, requestId: request.requestId ?? randomUUID(), deadline, onProgress });
}

/** The sync function: sync-requests messages in, warehouse rows and run records out. */
export const onSyncRequest = createEventHandler({
  name: 'sync',
  topic: 'sync-requests',
  async handle({ runtime, data }) {
    await handleSyncRequest(runtime, data);
  },
});
