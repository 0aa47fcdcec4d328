import { randomUUID } from 'node:crypto';
import type { Logger } from '@shared/log';
import type { Runtime } from '@shared/runtime';
import type { SyncRequest } from '@shared/sources/sync-request';
import { DAY_MS } from '@shared/calendar';
import { writeSourceRows } from '@shared/sales-rollup';
import { connectorFor } from '@shared/sources/registry';
import type { Columns, SourceSession, SyncStream } from '@shared/sources/stream';
import { type SyncRunRow, abandonUnfinishedRuns, commitWatermark, readWatermark, saveRun } from '@shared/sources/run-records';
import { streamLockKey } from '@shared/sources/stream-lock';
import { runLimited, splitWindow } from './windows';

/** Progress of a running stream, for the terminal progress bar and logs. */
export interface StreamProgress {
  stream: string;
  pages: number;
  rowsRead: number;
  rowsWritten: number;
  windowsDone: number;
  windows: number;
}

export interface RunStreamOptions {
  request: SyncRequest;
  requestId: string;
  /** Absolute time (ms) by which the run must end; it fails cleanly rather than overrun. */
  deadline: number;
  /** Called after every page read and every batch written (a display throttles it). */
  onProgress?: (progress: StreamProgress) => void;
}

/** A running stream logs its progress every this many pages, and at least this often, so a slow one is never silent. */
export const PROGRESS_LOG_PAGES = 50;
export const PROGRESS_LOG_INTERVAL_MS = 10_000;

/**
 * Runs one stream: reads from the committed watermark (less an overlap, for the source's eventual consistency) or
 * backfills, upserts page by page, and only then commits the new watermark. A crash or retry re-reads from the old
 * watermark and the upserts make the repeat harmless: no duplicates, no gaps. Failures are recorded, not thrown.
 */
export async function runStream<C extends Columns>(rt: Runtime, session: SourceSession, stream: SyncStream<C>, options: RunStreamOptions): Promise<SyncRunRow> {
  const cfg = rt.config;
  const { request } = options;
  const startedAt = rt.clock.now();
  const before = await readWatermark(rt, session.source, stream.name);
  const backfill = request.mode === 'full' || before === null;
  const to = request.window ? new Date(request.window.to) : startedAt;
  const from = request.window
    ? new Date(request.window.from)
    : backfill
      ? stream.fullHistory
        ? new Date(0)
        : new Date(to.getTime() - connectorFor(request.source).backfillDays(cfg) * DAY_MS)
      : new Date((before as Date).getTime() - cfg.SYNC_OVERLAP_MINUTES * 60_000);
  const windows =
    stream.splittable && backfill && !stream.fullHistory ? splitWindow(from, to, cfg.SYNC_BACKFILL_WINDOWS) : [{ from, to }];

  const run: SyncRunRow = {
    run_id: randomUUID(),
    request_id: options.requestId,
    source: session.source,
    stream: stream.name,
    mode: backfill ? 'full' : 'incremental',
    status: 'running',
    rows_read: 0,
    rows_written: 0,
    rows_rejected: 0,
    pages: 0,
    api_calls: 0,
    retries: 0,
    duration_ms: null,
    error: null,
    watermark_before: before?.toISOString() ?? null,
    watermark_after: null,
    started_at: startedAt.toISOString(),
    updated_at: startedAt.toISOString(),
  };
  const log = rt.log.child({ source: session.source, stream: stream.name, runId: run.run_id, requestId: options.requestId });
  const lockKey = streamLockKey(session.source, stream.name);
  const lock = await rt.kv.acquireLock(lockKey, Math.max(60_000, options.deadline - Date.now() + 60_000));
  if (!lock) {
    const skipped = { ...run, status: 'skipped', error: 'another run of this stream was in progress', duration_ms: 0 };
    await saveRun(rt, skipped);
    logOutcome(log, skipped);
    return skipped;
  }

  const started = performance.now();
  let windowsDone = 0;
  let lastProgressLog = rt.clock.now().getTime();
  const progress = () =>
    options.onProgress?.({ stream: stream.name, pages: run.pages, rowsRead: run.rows_read, rowsWritten: run.rows_written, windowsDone, windows: windows.length });
  try {
    await saveRun(rt, run);
    const abandoned = await abandonUnfinishedRuns(rt, run);
    if (abandoned.length > 0) log.warn('earlier runs of this stream never finished; marked abandoned', { abandoned });
    log.info('sync run started', { mode: run.mode, from: from.toISOString(), to: to.toISOString(), windows: windows.length });
    await runLimited(windows, cfg.SYNC_BACKFILL_CONCURRENCY, async (window) => {
      // Pages are written in batches: one merge per few thousand rows costs far less than one per page, and
      // nothing is lost by waiting, since the watermark moves only after the last batch is written.
      let batch: Array<SyncStream<C>['table']['row']> = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const rows = batch;
        batch = [];
        // Read the result before adding: `x += await y` would add to a stale x when windows run in parallel.
        // The rows and the sales rollups they change are written together (see writeSourceRows).
        const rollup = { warehouse: rt.warehouse, timeZone: cfg.BUSINESS_TIMEZONE, now: rt.clock.now() };
        const written = (await writeSourceRows(rollup, stream.table, rows)).rows;
        run.rows_written += written;
        progress();
      };
      for await (const page of stream.read(window)) {
        if (Date.now() > options.deadline) throw new Error(`run exceeded its time bound of ${cfg.SYNC_RUN_TIMEOUT_SECONDS} s`);
        run.pages++;
        run.rows_read += page.rows.length + page.rejected;
        run.rows_rejected += page.rejected;
        batch.push(...page.rows);
        if (batch.length >= cfg.SYNC_WRITE_BATCH_ROWS) await flush();
        else progress();
        const now = rt.clock.now().getTime();
        if (run.pages % PROGRESS_LOG_PAGES === 0 || now - lastProgressLog >= PROGRESS_LOG_INTERVAL_MS) {
          lastProgressLog = now;
          log.info('sync progress', { pages: run.pages, rowsRead: run.rows_read, rowsWritten: run.rows_written, windowsDone, windows: windows.length });
        }
      }
      await flush();
      windowsDone++;
      progress();
    });
    // An explicit window re-syncs a period without moving the watermark.
    const watermark = request.window ? before : before && before > to ? before : to;
    if (watermark) await commitWatermark(rt, run, watermark);
    Object.assign(run, { status: 'succeeded', watermark_after: watermark?.toISOString() ?? null });
  } catch (error) {
    Object.assign(run, { status: 'failed', error: describe(error), watermark_after: run.watermark_before });
  } finally {
    Object.assign(run, {
      api_calls: session.stats.calls,
      retries: session.stats.retries,
      duration_ms: Math.round(performance.now() - started),
    });
    try {
      await saveRun(rt, run);
    } finally {
      await rt.kv.releaseLock(lockKey, lock);
    }
  }
  logOutcome(log, run);
  return run;
}

/**
 * One line per finished run with `syncOutcome` (succeeded | failed | skipped) next to the logger's source and stream:
 * the line the sync_runs log-based metric counts (terraform/modules/monitoring/metrics.tf). A failed run is recorded
 * and acknowledged, so the function still answers 2xx; this line is how monitoring sees the failure, and the absence
 * of `succeeded` lines for a stream is how it sees a sync that has stopped.
 */
function logOutcome(log: Logger, run: SyncRunRow): void {
  const figures = {
    mode: run.mode,
    rowsRead: run.rows_read,
    rowsWritten: run.rows_written,
    pages: run.pages,
    apiCalls: run.api_calls,
    durationMs: run.duration_ms,
  };
  if (run.status === 'failed') log.error('sync run failed', { syncOutcome: 'failed', ...figures, error: run.error });
  else if (run.status === 'skipped') log.warn('another run of this stream is in progress; skipped', { syncOutcome: 'skipped', ...figures });
  else log.info('sync run succeeded', { syncOutcome: 'succeeded', ...figures });
}

/** An error message with the messages of its causes (SDK errors wrap the HTTP status and body). */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current && parts.length < 4) {
    const e = current as { message?: string; statusCode?: number; cause?: unknown };
    parts.push(`${e.statusCode ? `HTTP ${e.statusCode}: ` : ''}${e.message ?? String(current)}`);
    current = e.cause;
  }
  return parts.join(' ← ').slice(0, 2000);
}
