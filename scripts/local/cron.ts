/**
 * The subset of cron that Cloud Scheduler schedules here use (`*`, `*\/n`, numbers, ranges and lists in the five
 * fields), evaluated in a time zone, so the local stack fires the manifest's schedules when Cloud Scheduler would.
 */
function fieldMatches(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    if (range === '*') return value % step === 0;
    const [from, to] = range.split('-').map(Number);
    const upper = to ?? (stepText ? Infinity : from);
    return value >= from && value <= upper && (value - from) % step === 0;
  });
}

/** Whether a cron expression fires at the minute containing `at`, in `timeZone`. */
export function cronMatches(cron: string, at: Date, timeZone: string): boolean {
  const [minute, hour, day, month, weekday] = cron.trim().split(/\s+/);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      minute: 'numeric',
      hour: 'numeric',
      day: 'numeric',
      month: 'numeric',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return (
    fieldMatches(minute, Number(parts.minute)) &&
    fieldMatches(hour, Number(parts.hour)) &&
    fieldMatches(day, Number(parts.day)) &&
    fieldMatches(month, Number(parts.month)) &&
    fieldMatches(weekday, weekdays.indexOf(parts.weekday))
  );
}
