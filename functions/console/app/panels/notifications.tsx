import { useState } from 'preact/hooks';
import { ActionButton } from '../action';
import { api } from '../api';
import { Filter } from '../filter';
import { formatTime } from '../format';
import { Show, useLoad } from '../load';
import { Table } from '../table';

interface Notice {
  id: string;
  customerId: string;
  kind: string;
  status: string;
  attempts: number;
  resends: number;
  reply: string | null;
  queuedAt: string;
  updatedAt: string;
}

const STATUSES = ['', 'queued', 'sending', 'sent', 'failed', 'no-address', 'suppressed'];
const ENDED = new Set(['sent', 'failed', 'no-address', 'suppressed']);

/** What went out to customers, failed ones, and resend of a notice that has ended. */
export function Notifications() {
  const [status, setStatus] = useState('');
  const [loaded, reload] = useLoad(() => api<{ notices: Notice[] }>(`/api/notifications?limit=50${status ? `&status=${status}` : ''}`), [status]);
  return (
    <section aria-labelledby="notifications-title">
      <header class="panel-head">
        <h2 id="notifications-title">Notifications</h2>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      <div class="filters">
        <Filter label="Status" value={status} values={STATUSES} onChange={setStatus} />
      </div>
      <Show loaded={loaded}>
        {({ notices }) => (
          <Table
            rows={notices}
            rowKey={(n) => n.id}
            empty="No notices match."
            columns={[
              { label: 'Queued', cell: (n) => formatTime(n.queuedAt) },
              { label: 'Kind', cell: (n) => n.kind },
              { label: 'Customer', cell: (n) => n.customerId },
              { label: 'Status', cell: (n) => n.status },
              { label: 'Attempts', cell: (n) => String(n.attempts), numeric: true },
              { label: 'Server reply', cell: (n) => n.reply ?? '' },
              {
                label: 'Resend',
                cell: (n) =>
                  ENDED.has(n.status) ? (
                    <ActionButton
                      label="Resend"
                      run={async () => {
                        await api(`/api/notifications/${encodeURIComponent(n.id)}/resend`, { method: 'POST' });
                        return 'queued';
                      }}
                      done={reload}
                    />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Show>
    </section>
  );
}
