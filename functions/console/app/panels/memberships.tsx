import { api } from '../api';
import { formatCount, formatDollars, formatRate } from '../format';
import { Show, useLoad } from '../load';
import { Figures, Table } from '../table';

interface Stats {
  activeMembers: number;
  members: { active: number; pastDue: number; suspended: number; cancelled: number; total: number };
  mrr: number;
  tiers: Record<string, { activeMembers: number; mrr: number; percentOfMembers: number }>;
  churn: { windowDays: number; churned: number; rate: number | null; newMembers: number };
  lifetimeValue: { estimated: number };
}

/** MRR, members by state and tier, churn and lifetime value. */
export function Memberships() {
  const [loaded, reload] = useLoad(() => api<{ stats: Stats }>('/api/memberships/stats'));
  return (
    <section aria-labelledby="memberships-title">
      <header class="panel-head">
        <h2 id="memberships-title">Memberships</h2>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      <Show loaded={loaded}>
        {({ stats }) => (
          <>
            <Figures
              items={[
                ['MRR', formatDollars(stats.mrr)],
                ['Active members', formatCount(stats.activeMembers)],
                ['Past due', formatCount(stats.members.pastDue)],
                [`Churn (${stats.churn.windowDays} days)`, formatRate(stats.churn.rate)],
                [`New (${stats.churn.windowDays} days)`, formatCount(stats.churn.newMembers)],
                ['Lifetime value', formatDollars(stats.lifetimeValue.estimated)],
              ]}
            />
            <h3>By tier</h3>
            <Table
              rows={Object.entries(stats.tiers)}
              rowKey={([tier]) => tier}
              empty="No tiers."
              columns={[
                { label: 'Tier', cell: ([tier]) => tier },
                { label: 'Active members', cell: ([, t]) => formatCount(t.activeMembers), numeric: true },
                { label: 'MRR', cell: ([, t]) => formatDollars(t.mrr), numeric: true },
                { label: 'Share of members', cell: ([, t]) => `${t.percentOfMembers}%`, numeric: true },
              ]}
            />
          </>
        )}
      </Show>
    </section>
  );
}
