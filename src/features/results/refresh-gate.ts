/**
 * Holds a grid refresh while row reads are in flight. AG Grid's `refreshInfiniteCache` marks
 * every block to load again, a block still loading included, and drops that block's answer
 * when it comes. While rows streamed in, the grid's first block was asked for, dropped and
 * asked for again, so the first rows showed one worker round trip late. An answer is read from
 * the rows the worker has when it answers, so one refresh after the reads end is enough.
 */
export class RefreshGate {
  private inFlight = 0;
  private pending = false;
  private paused = false;
  private refresh: (() => void) | null = null;

  /** The grid's refresh, once the grid exists (before, it reads fresh rows when it starts). */
  attach(refresh: () => void): void {
    this.refresh = refresh;
  }

  /** A row read was sent. */
  started(): void {
    this.inFlight += 1;
  }

  /** A row read was answered or failed. */
  ended(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.runPending();
  }

  /**
   * While paused (the grid is kept hidden), refreshes wait instead of reloading rows nobody
   * sees; resuming runs one if any was asked for.
   */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.runPending();
  }

  /**
   * Tracks a row read: `answered` or `failed` hands its outcome to the grid first, and only then
   * may a held refresh run (before, the grid would drop this very answer).
   */
  read<T>(reading: Promise<T>, answered: (value: T) => void, failed: () => void): void {
    this.started();
    void reading.then(answered, failed).finally(() => this.ended());
  }

  /** Refreshes now, or when the reads in flight have ended (and the gate is not paused). */
  request(): void {
    this.pending = true;
    this.runPending();
  }

  private runPending(): void {
    if (!this.pending || this.inFlight > 0 || this.paused) return;
    this.pending = false;
    this.refresh?.();
  }
}
