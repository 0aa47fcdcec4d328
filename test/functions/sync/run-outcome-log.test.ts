import { FUNCTIONS } from '@shared/manifest';
import { handleSyncRequest } from '../../../functions/sync/handler';
import { entryOfLine, extractLabels, logBasedMetric, matchesLogFilter } from '../../support/cloud-logging';
import { squareFixture } from './square-fixture';

const functions = FUNCTIONS.map((f) => f.name);

/**
 * A failed stream run is recorded and acknowledged, so the sync function still answers 2xx: monitoring sees the
 * failure only through the outcome line, counted by the sync_runs log-based metric. These tests run a stream as the
 * event function does and evaluate the metric's Terraform filter on the lines Cloud Logging would receive.
 */
describe('the outcome of a stream run, as the sync_runs metric counts it', () => {
  it.each([
    { case: 'a failing run (revoked token)', token: 'revoked-token', outcome: 'failed', severity: 'ERROR' },
    { case: 'a successful run', token: undefined, outcome: 'succeeded', severity: 'INFO' },
  ])('$case logs one line the metric counts, labelled with its outcome, source and stream', async ({ token, outcome, severity }) => {
    const { rt, close } = await squareFixture({ token, payments: 20 });
    try {
      // The event function's body: it returns normally (the message is acknowledged) whatever the outcome.
      const [run] = await handleSyncRequest(rt, { source: 'square', stream: 'payments', mode: 'incremental', requestedBy: 'test' });
      expect(run.status).toBe(outcome);

      const metric = await logBasedMetric('sync_runs', functions);
      const counted = rt.logs.map((line) => entryOfLine(line, 'sync')).filter((entry) => matchesLogFilter(metric.filter, entry));
      expect(counted).toHaveLength(1);
      expect(counted[0].severity).toBe(severity);
      expect(extractLabels(metric.labelExtractors, counted[0])).toEqual({ outcome, source: 'square', stream: 'payments' });
    } finally {
      await close();
    }
  });

  it('counts nothing from another function or from lines without an outcome', async () => {
    const metric = await logBasedMetric('sync_runs', functions);
    const line = { severity: 'ERROR', message: 'sync run failed', syncOutcome: 'failed', source: 'square', stream: 'payments' };
    expect(matchesLogFilter(metric.filter, entryOfLine(line, 'sync'))).toBe(true);
    expect(matchesLogFilter(metric.filter, entryOfLine(line, 'some-other-service'))).toBe(false);
    expect(matchesLogFilter(metric.filter, entryOfLine({ ...line, syncOutcome: undefined }, 'sync'))).toBe(false);
  });
});
