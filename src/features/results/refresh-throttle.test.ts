import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshThrottle } from './refresh-throttle';

describe('RefreshThrottle (grid refresh while rows stream in)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function throttle(version = 0) {
    const refreshed: number[] = [];
    const t = new RefreshThrottle(
      version,
      250,
      (v) => refreshed.push(v),
      () => Date.now(),
    );
    return { t, refreshed };
  }

  it('refreshes at once for the first new version, not for the one read at mount', () => {
    const { t, refreshed } = throttle(3);
    t.update(3);
    vi.advanceTimersByTime(1000);
    expect(refreshed).toEqual([]);
    t.update(4);
    vi.advanceTimersByTime(0);
    expect(refreshed).toEqual([4]);
  });

  it('keeps refreshing while versions arrive faster than the interval (no starvation)', () => {
    const { t, refreshed } = throttle(0);
    for (let version = 1; version <= 20; version++) {
      t.update(version);
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(250);
    // 2 s of updates every 100 ms: a refresh about every 250 ms, the last with the last version.
    expect(refreshed.length).toBeGreaterThanOrEqual(8);
    expect(refreshed.at(-1)).toBe(20);
    for (let i = 1; i < refreshed.length; i++)
      expect(refreshed[i]!).toBeGreaterThan(refreshed[i - 1]!);
  });

  it('stops without a late refresh', () => {
    const { t, refreshed } = throttle(0);
    t.update(1);
    vi.advanceTimersByTime(0);
    t.update(2);
    t.stop();
    vi.advanceTimersByTime(1000);
    expect(refreshed).toEqual([1]);
  });
});
