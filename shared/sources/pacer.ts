/**
 * Spaces requests so that at most `perSecond` start in any second. Shared by every caller of one source in this
 * process, so parallel backfill windows together stay under the source's ceiling.
 */
export class Pacer {
  private next = 0;
  constructor(
    private perSecond: number | null,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  setRate(perSecond: number | null): void {
    this.perSecond = perSecond;
  }

  /** Resolves when the caller may send its request. */
  async wait(): Promise<void> {
    if (!this.perSecond) return;
    const now = Date.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.perSecond;
    if (slot > now) await this.sleep(slot - now);
  }

  /** Pushes every later request back (a 429 says the source wants a pause from everyone). */
  pauseFor(ms: number): void {
    this.next = Math.max(this.next, Date.now() + ms);
  }
}
