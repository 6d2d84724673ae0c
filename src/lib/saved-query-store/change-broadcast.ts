/**
 * "Something changed, reload": local listeners are told at once, other tabs through a
 * BroadcastChannel. Messages carry no data (the store is the truth), only who sent them, so a
 * tab ignores its own echo.
 */
export type ChangeSource = 'this-tab' | 'other-tab';
export type ChangeListener = (source: ChangeSource) => void;

interface ChangeMessage {
  type: 'changed';
  sender: string;
}

export class ChangeBroadcast {
  private readonly listeners = new Set<ChangeListener>();
  private readonly channel: BroadcastChannel | null;
  private readonly sender = randomId();

  constructor(channelName: string) {
    // BroadcastChannel is missing in some embedded webviews; the tab still updates itself.
    this.channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data as Partial<ChangeMessage> | null;
      if (message?.type === 'changed' && message.sender !== this.sender) this.emit('other-tab');
    });
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call after a write committed. */
  announce(): void {
    this.emit('this-tab');
    const message: ChangeMessage = { type: 'changed', sender: this.sender };
    try {
      this.channel?.postMessage(message);
    } catch {
      // Closed channel (store closed while a write finished): nobody left to tell.
    }
  }

  close(): void {
    this.listeners.clear();
    this.channel?.close();
  }

  private emit(source: ChangeSource): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(source);
      } catch (error) {
        console.error('A saved-query change listener failed', error);
      }
    }
  }
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
}
