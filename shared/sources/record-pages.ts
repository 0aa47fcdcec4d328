import type { Logger } from '../log';
import type { StreamPage } from './stream';

/** A record a mapper cannot use (missing id, times or amounts); counted and logged by the sync, never fatal. */
export class MalformedRecordError extends Error {
  constructor(
    readonly recordId: string | undefined,
    reason: string,
  ) {
    super(`Malformed record ${recordId ?? '(no id)'}: ${reason}`);
    this.name = 'MalformedRecordError';
  }
}

/** Logs a skipped record by its id only: a record may carry personal data. */
export function logMalformed(log: Logger, stream: string, error: MalformedRecordError): void {
  log.warn('malformed record skipped', { stream, recordId: error.recordId, reason: error.message });
}

/**
 * Maps a page of records (a record may give several rows, or none), counting and logging the ones that cannot be
 * mapped. Any other error is a fault and propagates.
 */
export function mapPage<T, Row>(records: readonly T[], map: (record: T) => Row | Row[], log: Logger, stream: string): StreamPage<Row> {
  const rows: Row[] = [];
  let rejected = 0;
  for (const record of records) {
    try {
      const mapped = map(record);
      if (Array.isArray(mapped)) rows.push(...mapped);
      else rows.push(mapped);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      rejected++;
      logMalformed(log, stream, error);
    }
  }
  return { rows, rejected };
}

/** The row of a record, or null when the record is malformed (an interactive read leaves it out, as the sync does). */
export function rowOrSkipped<T, Row>(record: T, map: (record: T) => Row): Row | null {
  try {
    return map(record);
  } catch (error) {
    if (error instanceof MalformedRecordError) return null;
    throw error;
  }
}
