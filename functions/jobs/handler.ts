import { z } from 'zod';
import { createEventHandler } from '@shared/events';
import { JOBS } from './registry';

/** The jobs function: runs the job a `{job}` message names. A failing job throws so Pub/Sub retries it. */
export const onJob = createEventHandler({
  name: 'jobs',
  topic: 'jobs',
  schema: z.object({ job: z.string().min(1) }),
  async handle({ runtime, data, log }) {
    const job = JOBS[data.job];
    if (!job) {
      log.error('unknown job; acknowledged', { job: data.job });
      return;
    }
    const started = performance.now();
    const result = await job(runtime);
    log.info('job finished', { job: data.job, durationMs: Math.round(performance.now() - started), ...result });
  },
});
