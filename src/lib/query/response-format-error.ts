/** A 200 response whose body is not the result shape its source promised (or ends early). */
export class ResponseFormatError extends Error {
  constructor(
    message: string,
    /** The start of the offending text, for the error's detail view. */
    readonly sample: string | null,
    /** The parsed body when it was JSON after all (e.g. an error object). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ResponseFormatError';
  }
}
