import { appInsightsResultParsers } from '../appinsights/appinsights-result-parsers';
import { kustoResultParsers } from '../kusto/kusto-result-parsers';
import { prometheusResultParsers } from '../prometheus/prometheus-result-parsers';
import type { ResultParsers } from '../query/result-parser';

/**
 * Every source's response formats, by the name its client passes to the run core. The one place
 * that knows all sources: a new source adds its parsers here (the parse worker and the in-process
 * engine read this map); nothing in src/lib/query changes.
 */
export const resultParsers = {
  ...kustoResultParsers,
  ...appInsightsResultParsers,
  ...prometheusResultParsers,
} satisfies ResultParsers;
