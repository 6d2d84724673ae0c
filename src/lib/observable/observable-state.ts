/**
 * A state snapshot for React's `useSyncExternalStore`: `getState` returns the current snapshot
 * (a new object after each change, the same one otherwise) and `subscribe` registers a listener
 * called after every change. Controllers extend it and change their state with `update`.
 */
export class ObservableState<S extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(protected state: S) {}

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A new snapshot with `patch` applied; every listener is told. */
  protected update(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    // A copy: a listener may unsubscribe (or subscribe) while being told.
    for (const listener of [...this.listeners]) listener();
  }
}
