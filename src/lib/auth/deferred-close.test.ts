import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferWindowClose } from './deferred-close';

afterEach(() => vi.useRealTimers());

describe('deferWindowClose', () => {
  it('closes the window only after the delay, and once however often close() is called', () => {
    vi.useFakeTimers();
    const close = vi.fn();
    const win = { close };
    deferWindowClose(win, 400);
    win.close();
    win.close();
    vi.advanceTimersByTime(399);
    expect(close).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('calls the original close with the window as `this`', () => {
    vi.useFakeTimers();
    const win = {
      closed: false,
      close(this: { closed: boolean }) {
        this.closed = true;
      },
    };
    deferWindowClose(win, 10);
    win.close();
    vi.advanceTimersByTime(10);
    expect(win.closed).toBe(true);
  });
});
