import { defineTable } from './define';

/** One row per sync stream run: what was read and written, and where the watermark moved. */
export const syncRuns = defineTable({
  dataset: 'ops',
  name: 'sync_runs',
  description: 'One row per sync stream run (upserted as the run progresses)',
  columns: {
    run_id: { type: 'STRING', required: true, description: 'Run id (one per stream run)' },
    request_id: { type: 'STRING', description: 'The sync request this run belongs to' },
    source: { type: 'STRING', required: true, description: 'square | lightspeed' },
    stream: { type: 'STRING', required: true, description: 'payments, refunds, items, customers, locations, sales…' },
    mode: { type: 'STRING', required: true, description: 'incremental | full' },
    status: { type: 'STRING', required: true, description: 'running | succeeded | failed | skipped (another run held the stream) | abandoned (its instance stopped before it finished)' },
    rows_read: { type: 'INT64', required: true, description: 'Records read from the source' },
    rows_written: { type: 'INT64', required: true, description: 'Rows upserted into the warehouse' },
    rows_rejected: { type: 'INT64', required: true, description: 'Malformed records skipped' },
    pages: { type: 'INT64', required: true, description: 'Pages fetched' },
    api_calls: { type: 'INT64', required: true, description: 'HTTP calls made, including retries' },
    retries: { type: 'INT64', required: true, description: 'Retried calls (429, 5xx, timeouts)' },
    duration_ms: { type: 'INT64', description: 'Wall time' },
    error: { type: 'STRING', description: 'Why the run failed' },
    watermark_before: { type: 'TIMESTAMP', description: 'Watermark when the run started' },
    watermark_after: { type: 'TIMESTAMP', description: 'Watermark committed by the run' },
    started_at: { type: 'TIMESTAMP', required: true, description: 'Start time' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'Last change of this row' },
  },
  primaryKey: ['run_id'],
  version: 'updated_at',
  partitionBy: 'started_at',
  clusterBy: ['source', 'stream', 'status'],
});

/** The committed watermark per source and stream. */
export const syncState = defineTable({
  dataset: 'ops',
  name: 'sync_state',
  description: 'Committed sync watermark per source and stream',
  columns: {
    source: { type: 'STRING', required: true, description: 'square | lightspeed' },
    stream: { type: 'STRING', required: true, description: 'Stream name' },
    watermark: { type: 'TIMESTAMP', required: true, description: 'Everything updated before this is in the warehouse' },
    last_run_id: { type: 'STRING', description: 'The run that committed it' },
    last_success_at: { type: 'TIMESTAMP', description: 'When a run last succeeded' },
    updated_at: { type: 'TIMESTAMP', required: true, description: 'Last change of this row' },
  },
  primaryKey: ['source', 'stream'],
  version: 'updated_at',
  partitionBy: 'updated_at',
  clusterBy: ['source', 'stream'],
});

/** One row per probe of one integration: the record integration health, history and /metrics are computed from. */
export const integrationChecks = defineTable({
  dataset: 'ops',
  name: 'integration_checks',
  description: 'One row per active probe of an integration (every minute, and on demand): outcome, status, timing, headroom',
  columns: {
    check_id: { type: 'STRING', required: true, description: 'Integration and probe start time: one row per probe' },
    integration: { type: 'STRING', required: true, description: 'square | lightspeed | authorize-net' },
    mode: { type: 'STRING', required: true, description: 'production | sandbox | emulator | not-configured' },
    trigger: { type: 'STRING', required: true, description: 'schedule (the every-minute job) | manual (POST …/test)' },
    outcome: { type: 'STRING', required: true, description: 'up | unauthorized | throttled | failing | timeout | unreachable | not-configured' },
    ok: { type: 'BOOL', required: true, description: 'The authenticated read succeeded' },
    http_status: { type: 'INT64', description: 'HTTP status of the answer; null on timeout or no connection' },
    response_ms: { type: 'INT64', description: 'Request to last byte of the answer; null when it did not answer' },
    auth_valid: { type: 'BOOL', description: 'Credentials accepted; null when the answer does not tell' },
    rate_limit_remaining: { type: 'INT64', description: 'Requests (Lightspeed: drips) still available' },
    rate_limit_limit: { type: 'INT64', description: 'The limit they count against' },
    retry_after_ms: { type: 'INT64', description: 'On a 429: the wait the provider asked for' },
    token_expires_at: { type: 'TIMESTAMP', description: 'When the credential in use stops working; null when it does not expire' },
    error: { type: 'STRING', description: 'What went wrong (never a credential)' },
    checked_at: { type: 'TIMESTAMP', required: true, description: 'When the probe started' },
  },
  primaryKey: ['check_id'],
  partitionBy: 'checked_at',
  clusterBy: ['integration', 'outcome'],
});
