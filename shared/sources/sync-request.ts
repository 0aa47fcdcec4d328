import { z } from 'zod';
import { sourceNameSchema } from './registry';

/** The sync-requests message: a whole source (fanned out per stream) or one stream of it. */
export const syncRequestSchema = z.object({
  source: sourceNameSchema,
  stream: z.string().min(1).optional(),
  mode: z.enum(['incremental', 'full']).default('incremental'),
  /** Optional explicit window (re-sync of a period), ISO timestamps. */
  window: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).optional(),
  requestedBy: z.string().min(1).default('unknown'),
  requestId: z.string().min(1).optional(),
});

export type SyncRequest = z.infer<typeof syncRequestSchema>;
