/** A 200 response whose body is not the Kusto result shape it should be (or ends early). */
export class KustoResponseFormatError extends Error {
  constructor(
    message: string,
    /** The start of the offending text, for the error's detail view. */
    readonly sample: string | null,
    /** The parsed body when it was JSON after all (e.g. an error object). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'KustoResponseFormatError';
  }
}
