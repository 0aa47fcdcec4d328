import type { StreamProgress } from '../../functions/sync/run-stream';

/**
 * A multi-line progress display for `npm run sync`: one bar per stream on a terminal, redrawn in place; plain lines
 * (at most one per stream every few seconds) when output is not a terminal.
 */
export class ProgressDisplay {
  private readonly state = new Map<string, StreamProgress & { status: string }>();
  private drawnLines = 0;
  private lastPlain = new Map<string, number>();

  constructor(
    private readonly streams: readonly string[],
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    for (const stream of streams) this.state.set(stream, { stream, pages: 0, rowsRead: 0, rowsWritten: 0, windowsDone: 0, windows: 1, status: 'waiting' });
  }

  update(progress: StreamProgress): void {
    this.state.set(progress.stream, { ...progress, status: 'running' });
    this.render(progress.stream);
  }

  finish(stream: string, status: string, detail = ''): void {
    const current = this.state.get(stream);
    if (current) this.state.set(stream, { ...current, windowsDone: current.windows, status: detail ? `${status}: ${detail}` : status });
    this.render(stream, true);
  }

  private render(changed: string, force = false): void {
    if (!this.out.isTTY) {
      const now = Date.now();
      if (!force && now - (this.lastPlain.get(changed) ?? 0) < 3000) return;
      this.lastPlain.set(changed, now);
      this.out.write(this.line(this.state.get(changed) as StreamProgress & { status: string }) + '\n');
      return;
    }
    if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A`);
    for (const stream of this.streams) this.out.write('\x1b[2K' + this.line(this.state.get(stream) as StreamProgress & { status: string }) + '\n');
    this.drawnLines = this.streams.length;
  }

  private line(p: StreamProgress & { status: string }): string {
    const width = 24;
    const filled = Math.round((p.windowsDone / Math.max(1, p.windows)) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    return `${p.stream.padEnd(10)} ${bar} ${String(p.rowsWritten).padStart(8)} rows  ${String(p.pages).padStart(5)} pages  ${p.status}`;
  }
}
