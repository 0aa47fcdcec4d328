import { addCalendarMonths } from '@shared/calendar';

/**
 * The end of the billing period that follows one ending at `periodEnd`: whole calendar months after the billing
 * anchor, at the anchor's local wall-clock time (the 31st becomes the last day of shorter months).
 */
export function nextPeriodEnd(anchor: Date, periodEnd: Date, timeZone: string): Date {
  for (let months = 1; ; months++) {
    const candidate = addCalendarMonths(anchor, months, timeZone);
    // An hour of slack absorbs a DST shift between the two computations of the same boundary.
    if (candidate.getTime() > periodEnd.getTime() + 3_600_000) return candidate;
  }
}
