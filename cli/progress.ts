/** A one-line progress bar on a TTY stream; silent elsewhere. */
export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = Boolean(process.stderr.isTTY) && total > 1,
  ) {}

  tick(label = ''): void {
    this.done += 1;
    const now = performance.now();
    if (!this.enabled || (now - this.lastDraw < 100 && this.done < this.total)) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${elapsed.toFixed(1)}s, ${Math.round(rate)}/s, ETA ${eta}s ${label}`;
    this.stream.write(`\r${text.slice(0, (this.stream.columns ?? 100) - 1).padEnd(Math.min(100, this.stream.columns ?? 100) - 1)}`);
  }

  finish(): void {
    if (this.enabled) this.stream.write('\r' + ' '.repeat(Math.min(100, this.stream.columns ?? 100) - 1) + '\r');
  }
}
