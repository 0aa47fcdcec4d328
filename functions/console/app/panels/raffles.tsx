import { useState } from 'preact/hooks';
import { api } from '../api';
import { type PublishedDraw, verifyDraw } from '../draw-verify';
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
  // The draw being verified; `round` restarts the check when the same raffle is asked again.
  const [verifying, setVerifying] = useState<{ id: string; title: string; round: number } | null>(null);
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
              { label: 'Beacon round', cell: (r) => (r.beacon.round === null ? 'none' : <span title={`chain ${r.beacon.source}`}>{r.beacon.round}</span>) },
              {
                label: 'Proof',
                cell: (r) =>
                  r.result ? (
                    <button type="button" class="secondary" onClick={() => setVerifying((v) => ({ id: r.id, title: r.title, round: (v?.round ?? 0) + 1 }))}>
                      Verify draw
                    </button>
                  ) : (
                    'after the draw'
                  ),
              },
            ]}
          />
        )}
      </Show>
      {verifying && <VerifyDraw key={`${verifying.id}:${verifying.round}`} raffleId={verifying.id} title={verifying.title} />}
    </section>
  );
}

/** Fetches the published draw and recomputes it here, saying whether it matches and which check failed. */
function VerifyDraw({ raffleId, title }: { raffleId: string; title: string }) {
  const [loaded] = useLoad(async () => verifyDraw(await api<PublishedDraw>(`/api/raffles/${encodeURIComponent(raffleId)}/verify`)));
  const state = loaded.state === 'ready' ? { result: loaded.value } : loaded.state === 'error' ? { error: loaded.message } : {};
  return (
    <div class="verify" aria-live="polite">
      <h3>Verification of “{title}”, recomputed in this browser</h3>
      {loaded.state === 'loading' && <p class="loading">Recomputing the draw…</p>}
      {state.error && <p class="error" role="alert">{state.error}</p>}
      {state.result && (
        <div data-verified={state.result.ok ? 'match' : 'mismatch'}>
          <strong class={state.result.ok ? 'ok' : 'error'}>{state.result.ok ? 'The draw matches' : 'The draw does NOT match'}</strong>
          <ul>
            {state.result.checks.map((c) => (
              <li key={c.name} class={c.ok ? 'ok' : 'error'}>
                {c.ok ? '✓' : '✗'} {c.name}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
