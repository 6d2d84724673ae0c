import { describe, expect, it } from 'vitest';
import { RefreshGate } from './refresh-gate';

function gate() {
  let refreshes = 0;
  const g = new RefreshGate();
  g.attach(() => (refreshes += 1));
  return { g, refreshes: () => refreshes };
}

describe('RefreshGate', () => {
  it('refreshes at once when no read is in flight', () => {
    const { g, refreshes } = gate();
    g.request();
    expect(refreshes()).toBe(1);
  });

  it('holds a refresh until every read in flight has ended, then refreshes once', () => {
    const { g, refreshes } = gate();
    g.started();
    g.started();
    g.request();
    g.request();
    expect(refreshes()).toBe(0);
    g.ended();
    expect(refreshes()).toBe(0);
    g.ended();
    expect(refreshes()).toBe(1);
    g.started();
    g.ended();
    expect(refreshes()).toBe(1);
  });

  it('does nothing before the grid is attached', () => {
    const g = new RefreshGate();
    g.request();
    g.started();
    g.request();
    g.ended();
    let refreshes = 0;
    g.attach(() => (refreshes += 1));
    g.request();
    expect(refreshes).toBe(1);
  });

  it('counts a failed read as ended and never goes below zero', () => {
    const { g, refreshes } = gate();
    g.ended();
    g.started();
    g.request();
    g.ended();
    expect(refreshes()).toBe(1);
    g.request();
    expect(refreshes()).toBe(2);
  });

  it('holds refreshes while paused and runs one on resuming, after the reads in flight', () => {
    const { g, refreshes } = gate();
    g.setPaused(true);
    g.request();
    g.request();
    expect(refreshes()).toBe(0);
    g.started();
    g.setPaused(false);
    expect(refreshes()).toBe(0);
    g.ended();
    expect(refreshes()).toBe(1);
    g.setPaused(true);
    g.setPaused(false);
    expect(refreshes()).toBe(1);
  });

  it('a read hands its answer to the grid before a held refresh runs', async () => {
    const order: string[] = [];
    const g = new RefreshGate();
    g.attach(() => order.push('refresh'));
    let answer: (rows: string) => void = () => undefined;
    g.read(
      new Promise<string>((resolve) => (answer = resolve)),
      (rows) => order.push(`answered ${rows}`),
      () => order.push('failed'),
    );
    g.request();
    expect(order).toEqual([]);
    answer('block 0');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['answered block 0', 'refresh']);
  });

  it('a failed read ends too', async () => {
    const order: string[] = [];
    const g = new RefreshGate();
    g.attach(() => order.push('refresh'));
    g.read(
      Promise.reject(new Error('worker gone')),
      () => order.push('answered'),
      () => order.push('failed'),
    );
    g.request();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual(['failed', 'refresh']);
  });
});
