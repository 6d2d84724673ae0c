import { wholeBodyParser, type ResultParsers } from '../query/result-parser';
import { parseAppInsightsBytes } from './parse-appinsights-response';

/** The App Insights / Log Analytics query API's response format, registered in src/lib/sources. */
export const appInsightsResultParsers = {
  appinsights: () => wholeBodyParser(parseAppInsightsBytes),
} satisfies ResultParsers;
