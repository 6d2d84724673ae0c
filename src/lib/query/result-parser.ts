import type { DataSet } from '../result-model';

/**
 * How a source's response body becomes a DataSet. Each source (kusto, appinsights, …) provides its
 * parsers; `src/lib/sources/result-parsers.ts` registers them under a format name the parse worker
 * looks up, so this pipeline never imports a source.
 */
export interface ResultParser {
  /** The DataSet as parsed so far (whole-body parsers: only once the body ended). */
  readonly dataSet: DataSet | null;
  feed(chunk: Uint8Array): void;
  /** Parse complete rows now (progressive display on a timer). */
  flush(): void;
  /** The body ended. Throws ResponseFormatError when it was not a complete result. */
  end(): DataSet;
}

/** Tuning for streaming parsers (tests and benchmarks set them; whole-body parsers ignore them). */
export interface ResultParserOptions {
  /** Parse a table's pending rows once they span this many bytes. */
  batchBytes?: number;
  /** Until a table holds this many rows, each feed() ends by parsing the rows it completed. */
  eagerRows?: number;
}

export type ResultParserFactory = (options: ResultParserOptions) => ResultParser;

/** Format name (a key of the sources' registry) → parser. */
export type ResultParsers = Readonly<Record<string, ResultParserFactory>>;

/** A parser for bodies that are parsed in one piece once they have fully arrived. */
export function wholeBodyParser(parse: (bytes: Uint8Array) => DataSet): ResultParser {
  const chunks: Uint8Array[] = [];
  let dataSet: DataSet | null = null;
  return {
    get dataSet() {
      return dataSet;
    },
    feed: (chunk) => {
      chunks.push(chunk.slice());
    },
    flush: () => undefined,
    end: () => {
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      chunks.length = 0;
      dataSet = parse(bytes);
      return dataSet;
    },
  };
}
