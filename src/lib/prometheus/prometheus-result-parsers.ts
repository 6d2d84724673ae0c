import { wholeBodyParser, type ResultParsers } from '../query/result-parser';
import { parsePrometheusBytes } from './parse-prometheus-response';

/**
 * The Prometheus HTTP API's query answers, registered in src/lib/sources: an instant query's
 * answer is a grid; a range query's matrix also draws as a time chart.
 */
export const prometheusResultParsers = {
  'prometheus-instant': () => wholeBodyParser((bytes) => parsePrometheusBytes(bytes, 'instant')),
  'prometheus-range': () => wholeBodyParser((bytes) => parsePrometheusBytes(bytes, 'range')),
} satisfies ResultParsers;
