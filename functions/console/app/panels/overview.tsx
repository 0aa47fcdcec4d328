import { api } from '../api';
import { Chart } from '../chart';
import { formatAxisDollars, formatChange, formatCount, formatDay, formatDollars } from '../format';
import { Show, useLoad } from '../load';

interface Metrics {
  todayRevenue: number;
  weekRevenue: number;
  monthRevenue: number;
  yearRevenue: number;
  totalTransactions: number;
  totalCustomers: number;
  avgOrderValue: number;
}
interface Bucket {
  date: string;
  revenue: number;
  transactions: number;
}
interface Series {
  data: Bucket[];
}

const sum = (buckets: Bucket[]) => Math.round(buckets.reduce((total, b) => total + b.revenue * 100, 0)) / 100;

/**
 * Today against yesterday and the last 7 days against the 7 before, from the daily series (the dashboard API answers
 * the current periods only). The series ends today, in the business time zone.
 */
function comparisons(daily: Bucket[]) {
  const today = daily.at(-1)?.revenue ?? 0;
  const yesterday = daily.at(-2)?.revenue ?? 0;
  const week = sum(daily.slice(-7));
  const weekBefore = sum(daily.slice(-14, -7));
  return { today, yesterday, week, weekBefore };
}

async function loadOverview() {
  const [dashboard, daily, monthly] = await Promise.all([
    api<{ metrics: Metrics }>('/api/bigquery/dashboard'),
    api<Series>('/api/bigquery/historical?period=daily&days=30'),
    api<Series>('/api/bigquery/historical?period=monthly&days=365'),
  ]);
  return { metrics: dashboard.metrics, daily: daily.data, monthly: monthly.data };
}

function Figure({ name, label, value, note }: { name: string; label: string; value: string; note?: string }) {
  return (
    <div class="figure" data-metric={name}>
      <dt>{label}</dt>
      <dd>
        <span class="value">{value}</span>
        {note && <span class="note">{note}</span>}
      </dd>
    </div>
  );
}

/** Revenue today, this week, month and year, transactions, average order, daily and monthly charts. */
export function Overview() {
  const [loaded, reload] = useLoad(loadOverview);
  return (
    <section aria-labelledby="overview-title">
      <header class="panel-head">
        <h2 id="overview-title">Overview</h2>
        <button type="button" onClick={reload} disabled={loaded.state === 'loading'}>
          Refresh
        </button>
      </header>
      <Show loaded={loaded}>
        {({ metrics, daily, monthly }) => {
          const c = comparisons(daily);
          return (
            <>
              <dl class="figures">
                <Figure name="todayRevenue" label="Revenue today" value={formatDollars(metrics.todayRevenue)} note={`${formatChange(c.today, c.yesterday)} vs yesterday (${formatDollars(c.yesterday)})`} />
                <Figure name="weekRevenue" label="This week" value={formatDollars(metrics.weekRevenue)} note={`last 7 days ${formatDollars(c.week)}: ${formatChange(c.week, c.weekBefore)} vs the 7 before`} />
                <Figure name="monthRevenue" label="This month" value={formatDollars(metrics.monthRevenue)} />
                <Figure name="yearRevenue" label="This year" value={formatDollars(metrics.yearRevenue)} />
                <Figure name="totalTransactions" label="Transactions" value={formatCount(metrics.totalTransactions)} />
                <Figure name="avgOrderValue" label="Average order" value={formatDollars(metrics.avgOrderValue)} />
                <Figure name="totalCustomers" label="Customers" value={formatCount(metrics.totalCustomers)} />
              </dl>
              <div class="charts">
                <Chart
                  title="Net revenue, last 30 days"
                  series={{ labels: daily.map((b) => formatDay(b.date)), values: daily.map((b) => b.revenue), label: 'Revenue', format: formatDollars, axis: formatAxisDollars }}
                />
                <Chart
                  title="Net revenue by month"
                  series={{ labels: monthly.map((b) => b.date.slice(0, 7)), values: monthly.map((b) => b.revenue), label: 'Revenue', format: formatDollars, axis: formatAxisDollars }}
                />
              </div>
            </>
          );
        }}
      </Show>
    </section>
  );
}
