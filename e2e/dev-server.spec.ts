import { expect, test } from './support/test';
import { ports } from '../local-stack/local-constants.ts';
import { consolePage } from './support/console.ts';
import { signIn } from './support/sign-in.ts';

/**
 * `npm start` serves the console from Vite's development server, with the development builds of
 * its dependencies; every other test runs the production build. A chart once failed only here
 * (ECharts' development build in the chart worker).
 */
test.use({ baseURL: `http://localhost:${ports.console}` });

test('under `npm start` a query runs and its time chart is drawn', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await signIn(page);
  const quarry = consolePage(page);
  await quarry.runQuery(
    'StormEvents\n| summarize count() by bin(StartTime, 7d), EventType\n| render timechart',
  );
  await expect(page.locator('.result-chart__canvas')).toHaveAttribute('data-chart-state', 'ready');
  expect(errors).toEqual([]);
});
