import { useState } from 'preact/hooks';
import { ActionButton } from '../action';
import { api } from '../api';
import { Filter } from '../filter';
import { formatCount, formatRate, formatTime } from '../format';
import { Show, useLoad } from '../load';
import { Table } from '../table';

interface ProviderHealth {
  provider: string;
  lastReceivedAt: string | null;
  windows: Record<'24h', { received: number; processed: number; failed: number; successRate: number | null }>;
  deadLetters: number;
  signatureFailures: Record<'24h', number>;
}
interface WebhookEvent {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  receivedAt: string;
  attempts: number;
  lastError: string | null;
}

/** The ledger's statuses (shared/webhooks/ledger.ts); empty: any. */
const STATUSES = ['', 'received', 'processed', 'failed', 'dead', 'ignored'];

/** Deliveries per provider, the event log with filters, and replay of one event. */
export function Webhooks() {
  const [health, reloadHealth] = useLoad(() => api<{ providers: ProviderHealth[] }>('/api/webhooks/health'));
  const [provider, setProvider] = useState('square');
  const [status, setStatus] = useState('');
  const [events, reloadEvents] = useLoad(
    () => api<{ events: WebhookEvent[] }>(`/api/webhooks/${provider}/events?limit=50${status ? `&status=${status}` : ''}`),
    [provider, status],
  );
  return (
    <section aria-labelledby="webhooks-title">
      <header class="panel-head">
        <h2 id="webhooks-title">Webhooks</h2>
        <button
          type="button"
          onClick={() => {
            reloadHealth();
            reloadEvents();
          }}
        >
          Refresh
        </button>
      </header>
      <Show loaded={health}>
        {({ providers }) => (
          <Table
            rows={providers}
            rowKey={(p) => p.provider}
            empty="No webhook provider is configured."
            columns={[
              { label: 'Provider', cell: (p) => p.provider },
              { label: 'Last received', cell: (p) => formatTime(p.lastReceivedAt) },
              { label: 'Received 24 h', cell: (p) => formatCount(p.windows['24h'].received), numeric: true },
              { label: 'Success 24 h', cell: (p) => formatRate(p.windows['24h'].successRate), numeric: true },
              { label: 'Dead', cell: (p) => formatCount(p.deadLetters), numeric: true },
              { label: 'Bad signatures 24 h', cell: (p) => formatCount(p.signatureFailures['24h']), numeric: true },
            ]}
          />
        )}
      </Show>
      <h3>Event log</h3>
      <div class="filters">
        <Filter label="Provider" value={provider} values={health.state === 'ready' ? health.value.providers.map((p) => p.provider) : [provider]} onChange={setProvider} />
        <Filter label="Status" value={status} values={STATUSES} onChange={setStatus} />
      </div>
      <Show loaded={events}>
        {({ events: list }) => (
          <Table
            rows={list}
            rowKey={(e) => e.id}
            empty="No events match."
            columns={[
              { label: 'Received', cell: (e) => formatTime(e.receivedAt) },
              { label: 'Type', cell: (e) => e.eventType },
              { label: 'Status', cell: (e) => <span data-status>{e.status}</span> },
              { label: 'Attempts', cell: (e) => String(e.attempts), numeric: true },
              { label: 'Last error', cell: (e) => e.lastError ?? '' },
              {
                label: 'Replay',
                cell: (e) => (
                  <ActionButton
                    label="Replay"
                    run={async () => {
                      await api('/api/webhooks/retry', { method: 'POST', body: { eventId: e.id } });
                      return 'queued';
                    }}
                    done={reloadEvents}
                  />
                ),
              },
            ]}
          />
        )}
      </Show>
    </section>
  );
}
