/** Splits [from, to) into `parts` contiguous windows of equal length (the last one ends exactly at `to`). */
export function splitWindow(from: Date, to: Date, parts: number): Array<{ from: Date; to: Date }> {
  const span = to.getTime() - from.getTime();
  if (span <= 0 || parts <= 1) return [{ from, to }];
  const step = Math.ceil(span / parts);
  const windows: Array<{ from: Date; to: Date }> = [];
  for (let start = from.getTime(); start < to.getTime(); start += step) {
    windows.push({ from: new Date(start), to: new Date(Math.min(start + step, to.getTime())) });
  }
  return windows;
}

/** Runs tasks with at most `limit` in flight; rejects with the first failure after in-flight tasks settle. */
export async function runLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
