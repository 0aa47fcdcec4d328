import { api } from '../api';
import { formatCount, formatRate } from '../format';
import { Show, useLoad } from '../load';
import { Figures, Table } from '../table';

interface Statistics {
  period: { days: number };
  attempts: number;
  successes: number;
  failures: number;
  successRate: number;
  refusedOverLimit: number;
  failureReasons: Record<string, number>;
}
interface Compliance {
  verifications: { active: number; expiringWithin30Days: number; expired: number };
  policy: { minimumAge: number; validityDays: number; maxFailedAttempts: number; attemptWindowHours: number; method: string };
}

/** Attempts and success rate over 30 days; verifications active, expiring and expired; the rules in force. */
export function AgeVerification() {
  const [loaded, reload] = useLoad(async () => {
    const [statistics, compliance] = await Promise.all([
      api<{ statistics: Statistics }>('/api/age-verification/statistics?days=30'),
      api<{ metrics: Compliance }>('/api/compliance/metrics'),
    ]);
    return { s: statistics.statistics, c: compliance.metrics };
  });
  return (
    <section aria-labelledby="age-title">
      <header class="panel-head">
        <h2 id="age-title">Age verification</h2>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      <Show loaded={loaded}>
        {({ s, c }) => (
          <>
            <Figures
              items={[
                [`Attempts (${s.period.days} days)`, formatCount(s.attempts)],
                ['Success rate', s.attempts === 0 ? '—' : formatRate(s.successRate)],
                ['Failures', formatCount(s.failures)],
                ['Refused over the limit', formatCount(s.refusedOverLimit)],
                ['Active verifications', formatCount(c.verifications.active)],
                ['Expiring in 30 days', formatCount(c.verifications.expiringWithin30Days)],
                ['Expired', formatCount(c.verifications.expired)],
              ]}
            />
            <h3>Failure reasons</h3>
            <Table
              rows={Object.entries(s.failureReasons)}
              rowKey={([reason]) => reason}
              empty="No failed attempts in the period."
              columns={[
                { label: 'Reason', cell: ([reason]) => reason },
                { label: 'Attempts', cell: ([, n]) => formatCount(n), numeric: true },
              ]}
            />
            <h3>Rules in force</h3>
            <p>
              {c.policy.minimumAge}+ by {c.policy.method.replace(/_/g, ' ')}; a verification lasts {c.policy.validityDays} days;{' '}
              {c.policy.maxFailedAttempts} failed attempts per {c.policy.attemptWindowHours} hours.
            </p>
          </>
        )}
      </Show>
    </section>
  );
}
