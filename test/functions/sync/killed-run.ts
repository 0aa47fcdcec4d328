import type { Runtime } from '@shared/runtime';
import type { SourceName } from '@shared/sources/registry';
import { openSyncSession } from '@shared/sources/sessions';
import type { SyncStream } from '@shared/sources/stream';
import { runStream } from '../../../functions/sync/run-stream';

/** Runs one stream as an instance that dies after `pages` pages would: the run fails part-way through its reads. */
export async function runKilledAfter(rt: Runtime, source: SourceName, streamName: string, pages: number) {
  const deadline = Date.now() + 60_000;
  const session = await openSyncSession(rt, source, deadline);
  const real = session.streams.find((s) => s.name === streamName) as SyncStream;
  const dying: SyncStream = {
    ...real,
    async *read(window) {
      let read = 0;
      for await (const page of real.read(window)) {
        yield page;
        if (++read === pages) throw new Error('instance killed');
      }
    },
  };
  return runStream(rt, session, dying, { request: { source, mode: 'incremental', requestedBy: 'test' }, requestId: 'killed', deadline });
}
