import type { DateUnit, Dialect } from '@shared/warehouse/dialect';
import type { QueryCost, Sql, Warehouse } from '@shared/warehouse/port';
import { datesBetween, monthsBetween } from '@shared/calendar';
import { dailyNetSalesCte } from './daily-net-sales';

/** Buckets of the historical series: business-time-zone days or months. */
export type HistoricalPeriod = 'daily' | 'monthly';

/** One bucket in integer cents. */
export interface HistoricalBucket {
  /** The bucket's first day, YYYY-MM-DD. */
  date: string;
  cents: number;
  transactions: number;
}

/** The series as the warehouse computes it, every bucket present (zero-filled). */
export interface HistoricalSeries {
  period: HistoricalPeriod;
  days: number;
  /** First and last business dates the series covers (a monthly series covers whole months). */
  from: string;
  to: string;
  buckets: HistoricalBucket[];
}

const BUCKET_UNIT: Record<HistoricalPeriod, DateUnit> = { daily: 'day', monthly: 'month' };

/**
 * How far back the statement reads, in days, for a series of `days` days: the days themselves, the rest of the first
 * month for a monthly series (at most 31 days), and a day for the time-zone offset. Also the partition filter.
 */
export function historicalWindowDays(period: HistoricalPeriod, days: number): number {
  return days + 1 + (period === 'monthly' ? 31 : 0);
}

/**
 * Net revenue and completed-sale counts per business day or month over the last `days` days (today included), of
 * every location or of one (`locationId`). A
 * monthly series covers each month that overlaps those days in full, so no month is shown cut short. Sales count on
 * their own local day, refunds subtract on theirs. The first row carries the bounds even when no bucket has data.
 */
export function historicalSql(period: HistoricalPeriod): Sql {
  const unit = BUCKET_UNIT[period];
  return (d: Dialect) => `
WITH clock AS (SELECT ${d.localDate(d.param('now'), d.param('tz'))} AS today),
bounds AS (
  SELECT today, ${d.truncDate(d.addDays('today', d.param('offsetDays')), unit)} AS first_day
  FROM clock
),
${dailyNetSalesCte(d)},
buckets AS (
  SELECT ${d.truncDate('n.day', unit)} AS bucket, SUM(n.cents) AS cents, SUM(n.sales) AS transactions
  FROM daily_net_sales AS n CROSS JOIN bounds AS b
  WHERE n.day >= b.first_day
  GROUP BY 1
)
SELECT ${d.dateText('b.today')} AS today, ${d.dateText('b.first_day')} AS first_day,
  ${d.dateText('k.bucket')} AS bucket, ${d.int('k.cents')} AS cents, ${d.int('k.transactions')} AS transactions
FROM bounds AS b LEFT JOIN buckets AS k ON TRUE
ORDER BY bucket`;
}

interface HistoricalRow {
  today: string;
  first_day: string;
  bucket: string | null;
  cents: number | null;
  transactions: number | null;
}

/** Runs the series statement and fills every bucket the warehouse had nothing for with zeros. */
export async function queryHistorical(
  warehouse: Warehouse,
  request: { period: HistoricalPeriod; days: number; now: Date; timeZone: string; locationId?: string },
  onCost?: (cost: QueryCost) => void,
): Promise<HistoricalSeries> {
  const rows = await warehouse.query<HistoricalRow>(historicalSql(request.period), {
    params: {
      now: request.now,
      tz: request.timeZone,
      offsetDays: 1 - request.days,
      windowDays: historicalWindowDays(request.period, request.days),
      locationId: request.locationId ?? null,
    },
    types: { locationId: 'STRING' },
    onCost,
  });
  const { today, first_day: firstDay } = rows[0];
  const found = new Map(rows.filter((r) => r.bucket !== null).map((r) => [r.bucket as string, r]));
  const dates = request.period === 'daily' ? datesBetween(firstDay, today) : monthsBetween(firstDay, today);
  return {
    period: request.period,
    days: request.days,
    from: firstDay,
    to: today,
    buckets: dates.map((date) => ({ date, cents: Number(found.get(date)?.cents ?? 0), transactions: Number(found.get(date)?.transactions ?? 0) })),
  };
}
