/**
 * When the result grid re-reads its visible blocks while rows stream in: at once after a quiet
 * spell (the first rows), then at most once per `intervalMs`, always with the latest version.
 * A throttle, not a debounce: the worker posts a new version about every 250 ms while loading,
 * and a debounce of the same length kept restarting, so a grid mounted before its first rows
 * could stay empty for seconds.
 */
export class RefreshThrottle {
  private latest: number;
  private shown: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    /** The version the grid read when it mounted: it needs no refresh. */
    version: number,
    private readonly intervalMs: number,
    private readonly refresh: (version: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.latest = version;
    this.shown = version;
  }

  /** A new version arrived. */
  update(version: number): void {
    this.latest = version;
    // A refresh already due takes the latest version when it fires.
    if (this.timer !== null || version === this.shown) return;
    const wait = Math.max(0, this.lastRefresh + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastRefresh = this.now();
      this.shown = this.latest;
      this.refresh(this.latest);
    }, wait);
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
