/**
 * Writes a streamed HTTP body piece by piece, waiting for the socket to drain, and notices when
 * the client went away (so the producer stops making rows nobody will read).
 */
import type { ServerResponse } from 'node:http';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export class ResponseSink {
  private closedByClient = false;
  private bytes = 0;

  constructor(private readonly response: ServerResponse) {
    response.on('close', () => {
      if (!response.writableFinished) this.closedByClient = true;
    });
  }

  /** True once the client aborted the request (the connection closed before the body ended). */
  get aborted(): boolean {
    return this.closedByClient || this.response.destroyed;
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  async write(text: string | Uint8Array): Promise<void> {
    if (this.aborted) return;
    this.bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.length;
    if (!this.response.write(text)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.response.off('drain', done);
          this.response.off('close', done);
          resolve();
        };
        this.response.on('drain', done);
        this.response.on('close', done);
      });
    } else {
      // Let other requests (e.g. a `.cancel query`) run between chunks of a long answer.
      await yieldToEventLoop();
    }
  }

  end(): void {
    if (!this.aborted) this.response.end();
  }
}
