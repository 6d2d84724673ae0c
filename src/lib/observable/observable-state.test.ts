import { describe, expect, it } from 'vitest';
import { ObservableState } from './observable-state';

class Counter extends ObservableState<{ count: number; label: string }> {
  constructor() {
    super({ count: 0, label: 'a' });
  }
  increment(): void {
    this.update({ count: this.state.count + 1 });
  }
}

describe('ObservableState', () => {
  it('keeps the snapshot until an update, then merges the patch into a new one', () => {
    const counter = new Counter();
    const before = counter.getState();
    expect(counter.getState()).toBe(before);
    counter.increment();
    expect(counter.getState()).not.toBe(before);
    expect(counter.getState()).toEqual({ count: 1, label: 'a' });
  });

  it('tells subscribed listeners of each update, until they unsubscribe', () => {
    const counter = new Counter();
    const seen: number[] = [];
    const unsubscribe = counter.subscribe(() => seen.push(counter.getState().count));
    counter.increment();
    unsubscribe();
    counter.increment();
    expect(seen).toEqual([1]);
  });
});
