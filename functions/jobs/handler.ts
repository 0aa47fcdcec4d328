import { createEventHandler } from '@shared/events';
import { JOBS } from './registry';

/**
 * The jobs function: runs the job a `{job}` message names. A message naming no declared job fails the topic's schema
 * and is logged and acknowledged by createEventHandler (retrying could never help); a failing job throws so Pub/Sub
 * retries it.
 */
export const onJob = createEventHandler({
  name: 'jobs',
  topic: 'jobs',
  async handle({ runtime, data, log }) {
    const started = performance.now();
    const result = await JOBS[data.job](runtime);
    log.info('job finished', { job: data.job, durationMs: Math.round(performance.now() - started), ...result });
  },
});
