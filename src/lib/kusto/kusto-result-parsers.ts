import { wholeBodyParser, type ResultParsers } from '../query/result-parser';
import { parseV1Bytes } from './parse-v1-tables';
import { V2FrameParser } from './parse-v2-frames';

/** Kusto's response formats, registered for the parse worker in src/lib/sources. */
export const kustoResultParsers = {
  /** Queries (`/v2/rest/query`): frames parsed as they stream in. */
  v2: (options) => new V2FrameParser(undefined, {}, options),
  /** Management commands (`/v1/rest/mgmt`): one JSON document. */
  v1: () => wholeBodyParser(parseV1Bytes),
} satisfies ResultParsers;
