/** The registry of built-in scalar functions the engine evaluates, by Kusto name. */
import { coreFunctions } from './core-functions';
import { datetimeFunctions } from './datetime-functions';
import { dynamicFunctions } from './dynamic-functions';
import type { ScalarFunction } from './scalar-function-types';
import { seriesFunctions } from './series-functions';
import { stringFunctions } from './string-functions';

const registry = new Map<string, ScalarFunction>(
  Object.entries({
    ...coreFunctions,
    ...datetimeFunctions,
    ...stringFunctions,
    ...dynamicFunctions,
    ...seriesFunctions,
  }),
);

// Kusto aliases.
registry.set('bag_pack', registry.get('pack')!);

export function scalarFunction(name: string): ScalarFunction | undefined {
  return registry.get(name);
}
