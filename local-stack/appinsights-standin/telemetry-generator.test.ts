import { describe, expect, it } from 'vitest';
import type { WireValue } from '../kql-engine/index.ts';
import { billingApplication, demoApplication } from './demo-applications.ts';
import { generateTelemetry, scenarioTimeline, type TelemetryRows } from './telemetry-generator.ts';
import { billingScenario, shopScenario } from './telemetry-scenarios.ts';
import { tableSchema, telemetryTables, type TelemetryTableName } from './telemetry-schema.ts';

const now = new Date('2026-11-18T12:00:00.000Z');
const DAY = 86_400_000;
const shop = generateTelemetry(demoApplication, shopScenario, { now });

/** Rows of a table as column-name → value records. */
function records(rows: TelemetryRows, table: TelemetryTableName): Array<Record<string, WireValue>> {
  const columns = tableSchema(table).columns;
  return rows[table].map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]!])));
}

const requests = records(shop, 'requests');
const time = (record: Record<string, WireValue>) => Date.parse(record.timestamp as string);

describe('generateTelemetry', () => {
  it('is deterministic for the same app and now', () => {
    const again = generateTelemetry(demoApplication, shopScenario, { now });
    for (const table of telemetryTables) {
      expect(again[table.name].length).toBe(shop[table.name].length);
    }
    expect(again.requests.slice(0, 200)).toEqual(shop.requests.slice(0, 200));
    expect(again.exceptions).toEqual(shop.exceptions);
  });

  it('fills seven days up to now, tens of thousands of rows, every row the width of its table', () => {
    let total = 0;
    for (const table of telemetryTables) {
      const rows = shop[table.name];
      expect(rows.length, table.name).toBeGreaterThan(0);
      total += rows.length;
      for (const row of rows) expect(row).toHaveLength(table.columns.length);
      const times = rows.map((row) => Date.parse(row[0] as string));
      expect(Math.min(...times), table.name).toBeGreaterThanOrEqual(now.getTime() - 7 * DAY);
      expect(Math.max(...times), table.name).toBeLessThanOrEqual(now.getTime());
    }
    expect(total).toBeGreaterThan(20_000);
    expect(total).toBeLessThan(80_000);
  });

  it('has a daily rhythm: the afternoon (UTC) is much busier than the night', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const request of requests) byHour[new Date(time(request)).getUTCHours()]!++;
    expect(byHour[14]! + byHour[15]!).toBeGreaterThan(3 * (byHour[2]! + byHour[3]!));
  });

  it('ties every exception to a failed (500) request by operation_Id and parent id', () => {
    const byOperation = new Map(requests.map((r) => [r.operation_Id, r]));
    const exceptions = records(shop, 'exceptions');
    expect(exceptions.length).toBeGreaterThan(10);
    for (const exception of exceptions) {
      const request = byOperation.get(exception.operation_Id);
      expect(request, String(exception.operation_Id)).toBeDefined();
      expect(request).toMatchObject({
        success: 'False',
        resultCode: '500',
        id: exception.operation_ParentId,
      });
    }
    expect(requests.some((r) => r.resultCode === '404' && r.success === 'False')).toBe(true);
  });

  it('parents every dependency on a request of the same operation', () => {
    const byOperation = new Map(requests.map((r) => [r.operation_Id, r]));
    for (const dependency of records(shop, 'dependencies')) {
      expect(byOperation.get(dependency.operation_Id)?.id).toBe(dependency.operation_ParentId);
    }
  });

  it('bakes in the payment incident and the post-deployment regression', () => {
    const { incident, deployedAt } = scenarioTimeline(now);
    const failedPayments = records(shop, 'dependencies').filter(
      (d) => d.target === 'payments.contoso.com' && d.success === 'False',
    );
    const inIncident = failedPayments.filter(
      (d) => time(d) >= incident.from && time(d) <= incident.to,
    );
    expect(inIncident.length).toBeGreaterThan(3);
    expect(inIncident.length).toBeGreaterThan(failedPayments.length - inIncident.length);

    const regressions = records(shop, 'exceptions').filter(
      (e) => e.type === 'System.NullReferenceException',
    );
    expect(regressions.length).toBeGreaterThan(5);
    for (const exception of regressions) {
      expect(time(exception)).toBeGreaterThan(deployedAt);
      expect(exception.application_Version).toBe(shopScenario.versions.after);
    }
  });

  it('emits OrderPlaced for each successful checkout, on the same operation', () => {
    const checkouts = requests.filter(
      (r) => r.name === 'POST Checkout/PlaceOrder' && r.success === 'True',
    );
    const orders = records(shop, 'customEvents').filter((e) => e.name === 'OrderPlaced');
    expect(orders.map((o) => o.operation_Id).sort()).toEqual(
      checkouts.map((c) => c.operation_Id).sort(),
    );
  });

  it('gives the billing app its own, smaller history', () => {
    const billing = generateTelemetry(billingApplication, billingScenario, { now });
    const billed = records(billing, 'requests');
    expect(billed.length).toBeGreaterThan(500);
    expect(billed.length).toBeLessThan(requests.length);
    expect(new Set(billed.map((r) => r.appId))).toEqual(
      new Set([billingApplication.applicationId]),
    );
    expect(billing.pageViews).toHaveLength(0);
  });
});
