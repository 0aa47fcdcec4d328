import type { Kv } from '../kv/port';

/**
 * The kv lock a stream's run holds while it runs (one run per stream at a time). It lapses on its own when the run's
 * instance dies, which is how the next run knows an unfinished run record was abandoned.
 */
export function streamLockKey(source: string, stream: string): string {
  return `sync:lock:${source}:${stream}`;
}

/** Whether a run of the stream holds its lock now. */
export async function streamIsRunning(kv: Kv, source: string, stream: string): Promise<boolean> {
  return (await kv.get(streamLockKey(source, stream))) !== null;
}
