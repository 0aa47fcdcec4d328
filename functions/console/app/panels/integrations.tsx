import { ActionButton } from '../action';
import { api } from '../api';
import { formatCount, formatRate, formatTime } from '../format';
import { Show, useLoad } from '../load';
import { Table } from '../table';

interface Integration {
  integration: string;
  label: string;
  state: string;
  score: number;
  reasons: string[];
  lastProbe: { at?: string } | null;
  successRate: Record<'1h' | '24h', { successRate: number | null }>;
  sync?: { lastSuccessfulSync: string | null; lagSeconds: number | null } | null;
}
/** A sync run record as the warehouse keeps it. */
interface Run {
  run_id: string;
  source: string;
  stream: string;
  mode: string;
  status: string;
  rows_written: number | null;
  duration_ms: number | null;
  error: string | null;
  started_at: string;
}

const SOURCES = ['square', 'lightspeed'] as const;

/** Each integration's state, score and reasons; the sync runs; sync now per source. */
export function Integrations() {
  const [health, reloadHealth] = useLoad(() => api<{ integrations: Integration[] }>('/api/integrations/health'));
  const [runs, reloadRuns] = useLoad(() => api<{ runs: Run[] }>('/api/sync/runs?limit=25'));
  const reload = () => {
    reloadHealth();
    reloadRuns();
  };
  return (
    <section aria-labelledby="integrations-title">
      <header class="panel-head">
        <h2 id="integrations-title">Integrations</h2>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      <Show loaded={health}>
        {({ integrations }) => (
          <Table
            rows={integrations}
            rowKey={(i) => i.integration}
            empty="No integrations are configured."
            columns={[
              { label: 'Integration', cell: (i) => i.label },
              { label: 'State', cell: (i) => <span class={`state state-${i.state}`}>{i.state}</span> },
              { label: 'Score', cell: (i) => String(i.score), numeric: true },
              { label: 'Success 24 h', cell: (i) => formatRate(i.successRate['24h']?.successRate), numeric: true },
              { label: 'Last sync', cell: (i) => formatTime(i.sync?.lastSuccessfulSync) },
              { label: 'Reasons', cell: (i) => i.reasons.join('; ') || '—' },
            ]}
          />
        )}
      </Show>
      <h3>Sync now</h3>
      <div class="actions">
        {SOURCES.map((source) => (
          <ActionButton
            key={source}
            label={`Sync ${source}`}
            run={async () => {
              const answer = await api<{ streams: string[]; alreadyRunning: unknown[] }>(`/api/sync/${source}`, { method: 'POST', body: {} });
              return `queued ${answer.streams.length} stream(s)${answer.alreadyRunning.length ? `, ${answer.alreadyRunning.length} already running` : ''}`;
            }}
            done={reloadRuns}
          />
        ))}
      </div>
      <h3>Sync runs</h3>
      <Show loaded={runs}>
        {({ runs: list }) => (
          <Table
            rows={list}
            rowKey={(r) => r.run_id}
            empty="No sync has run yet."
            columns={[
              { label: 'Started', cell: (r) => formatTime(r.started_at) },
              { label: 'Source', cell: (r) => r.source },
              { label: 'Stream', cell: (r) => r.stream },
              { label: 'Mode', cell: (r) => r.mode },
              { label: 'Status', cell: (r) => r.status },
              { label: 'Rows written', cell: (r) => (r.rows_written === null ? '—' : formatCount(r.rows_written)), numeric: true },
              { label: 'Error', cell: (r) => r.error ?? '' },
            ]}
          />
        )}
      </Show>
    </section>
  );
}
