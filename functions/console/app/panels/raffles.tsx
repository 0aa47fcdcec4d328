import { api } from '../api';
import { formatDollars, formatTime } from '../format';
import { Show, useLoad } from '../load';
import { Table } from '../table';

interface Raffle {
  id: string;
  kind: string;
  title: string;
  prizeValue: number;
  ticketPrice: number | null;
  maxTickets: number;
  winners: number;
  entriesCloseAt: string;
  drawAt: string;
  status: string;
  beacon: { source: string; round: number };
  result: { winners: unknown[] } | null;
}

/** Every raffle and sweepstakes with its status, prize, tickets, draw time and announced beacon round. */
export function Raffles() {
  const [loaded, reload] = useLoad(() => api<{ raffles: Raffle[] }>('/api/raffles'));
  return (
    <section aria-labelledby="raffles-title">
      <header class="panel-head">
        <h2 id="raffles-title">Raffles</h2>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      <Show loaded={loaded}>
        {({ raffles }) => (
          <Table
            rows={raffles}
            rowKey={(r) => r.id}
            empty="No raffle or sweepstakes yet."
            columns={[
              { label: 'Title', cell: (r) => r.title },
              { label: 'Kind', cell: (r) => r.kind },
              { label: 'Status', cell: (r) => r.status },
              { label: 'Prize', cell: (r) => formatDollars(r.prizeValue), numeric: true },
              { label: 'Ticket', cell: (r) => (r.ticketPrice === null ? 'free' : formatDollars(r.ticketPrice)), numeric: true },
              { label: 'Tickets', cell: (r) => String(r.maxTickets), numeric: true },
              { label: 'Entries close', cell: (r) => formatTime(r.entriesCloseAt) },
              { label: 'Draw', cell: (r) => formatTime(r.drawAt) },
              { label: 'Beacon round', cell: (r) => `${r.beacon.source} ${r.beacon.round}` },
              {
                label: 'Proof',
                cell: (r) =>
                  r.result ? (
                    <a href={`/api/raffles/${encodeURIComponent(r.id)}/verify`} target="_blank" rel="noopener">
                      verification data
                    </a>
                  ) : (
                    'after the draw'
                  ),
              },
            ]}
          />
        )}
      </Show>
    </section>
  );
}
