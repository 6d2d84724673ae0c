/**
 * Seeded synthetic telemetry for the demo apps, ending at `now`: requests with a daily and weekly
 * rhythm, their dependencies, failures (404s, 500s) with exceptions and traces on the same
 * operation_Id, page views, custom events, availability tests and a background worker. Two stories
 * are baked in for demos: a deployment two days before `now`'s UTC day at 16:40 that brings a
 * checkout regression (NullReferenceException), and a payment-gateway incident the day before
 * `now`, 14:10–15:40 UTC (slow, failing dependency calls → 500s). Same app + same `now` → the
 * same rows.
 */
import type { WireValue } from '../kql-engine/index.ts';
import { SeededRandom } from '../data/seeded-random.ts';
import type { AppInsightsApplication } from './demo-applications.ts';
import { performanceBucket, toRow, type TelemetryRecord } from './telemetry-row.ts';
import { tableSchema, telemetryTables, type TelemetryTableName } from './telemetry-schema.ts';
import {
  exceptionSpecs,
  type DependencyCall,
  type ExceptionSpec,
  type OperationSpec,
  type Scenario,
} from './telemetry-scenarios.ts';
import { createVisitors, TelemetryIds, type Visitor } from './telemetry-visitors.ts';

export type TelemetryRows = Record<TelemetryTableName, WireValue[][]>;

export interface GenerateOptions {
  now: Date;
  /** How far back the data goes (default 7 days). */
  days?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function emptyTelemetryRows(): TelemetryRows {
  return Object.fromEntries(telemetryTables.map((t) => [t.name, []])) as unknown as TelemetryRows;
}

/** The instants the baked-in stories happen at, for tests and docs. */
export function scenarioTimeline(now: Date): {
  deployedAt: number;
  incident: { from: number; to: number };
} {
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const incidentFrom = today - DAY + 14 * HOUR + 10 * MINUTE;
  return {
    deployedAt: today - 2 * DAY + 16 * HOUR + 40 * MINUTE,
    incident: { from: incidentFrom, to: incidentFrom + 90 * MINUTE },
  };
}

export function generateTelemetry(
  app: AppInsightsApplication,
  scenario: Scenario,
  options: GenerateOptions,
): TelemetryRows {
  return new TelemetryGenerator(app, scenario, options).run();
}

interface RequestOutcome {
  resultCode: string;
  success: boolean;
  exception: ExceptionSpec | null;
  warning: string | null;
}

class TelemetryGenerator {
  private readonly random: SeededRandom;
  private readonly ids: TelemetryIds;
  private readonly visitors: Visitor[];
  private readonly sessions = new Map<string, string>();
  private readonly rows = emptyTelemetryRows();
  private readonly end: number;
  private readonly start: number;
  private readonly timeline: ReturnType<typeof scenarioTimeline>;
  private readonly operationWeights: number[];

  constructor(
    private readonly app: AppInsightsApplication,
    private readonly scenario: Scenario,
    options: GenerateOptions,
  ) {
    this.random = new SeededRandom(scenario.seed);
    this.ids = new TelemetryIds(this.random);
    this.visitors = createVisitors(this.random, this.ids, 600);
    this.end = options.now.getTime();
    this.start = this.end - (options.days ?? 7) * DAY;
    this.timeline = scenarioTimeline(options.now);
    this.operationWeights = scenario.operations.map((op) => op.weight);
  }

  run(): TelemetryRows {
    for (let hour = Math.floor(this.start / HOUR) * HOUR; hour < this.end; hour += HOUR) {
      const count = Math.round(
        this.scenario.peakRequestsPerHour * trafficShape(hour) * (0.85 + 0.3 * this.random.next()),
      );
      for (let i = 0; i < count; i++) {
        const at = hour + Math.floor(this.random.next() * HOUR);
        if (at >= this.start && at <= this.end) this.request(at);
      }
    }
    if (this.scenario.browserAndWorker) {
      this.availabilityTests();
      this.backgroundWorker();
    }
    return this.rows;
  }

  /** Follow-up items (exceptions, page views…) of a request just before `now` stay at `now`. */
  private stamp(ms: number): string {
    return iso(Math.min(ms, this.end));
  }

  private add(table: TelemetryTableName, ...records: TelemetryRecord[]): void {
    this.rows[table].push(toRow(tableSchema(table), ...records));
  }

  /** Columns every item of this app carries. */
  private appColumns(sdkVersion: string): TelemetryRecord {
    return {
      appId: this.app.applicationId,
      appName: this.app.resourceName,
      iKey: this.app.instrumentationKey,
      sdkVersion,
      itemId: this.ids.guid(),
      itemCount: 1,
    };
  }

  private visitorColumns(visitor: Visitor, at: number, clientType: string): TelemetryRecord {
    return {
      session_Id: this.sessionOf(visitor, at),
      user_Id: visitor.userId,
      user_AuthenticatedId: visitor.authenticatedId,
      client_Type: clientType,
      client_OS: clientType === 'Browser' ? visitor.os : '',
      client_Browser: clientType === 'Browser' ? visitor.browser : '',
      client_IP: '0.0.0.0',
      client_City: visitor.location.city,
      client_StateOrProvince: visitor.location.stateOrProvince,
      client_CountryOrRegion: visitor.location.countryOrRegion,
    };
  }

  /** One session per visitor and day, like the JavaScript SDK's `ai_session` cookie. */
  private sessionOf(visitor: Visitor, at: number): string {
    const key = `${visitor.userId}/${Math.floor(at / DAY)}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.ids.shortId(22);
      this.sessions.set(key, session);
    }
    return session;
  }

  private version(at: number): string {
    return at < this.timeline.deployedAt
      ? this.scenario.versions.before
      : this.scenario.versions.after;
  }

  private inIncident(at: number): boolean {
    return at >= this.timeline.incident.from && at <= this.timeline.incident.to;
  }

  private request(at: number): void {
    const op = this.scenario.operations[this.random.weightedIndex(this.operationWeights)]!;
    const visitor = this.random.pick(this.visitors);
    const operationId = this.ids.operationId();
    const requestId = this.ids.spanId();
    const entity = 1000 + this.random.int(0, 899);
    const instance = this.random.pick(this.scenario.roleInstances);
    const version = this.version(at);
    const server: TelemetryRecord = {
      operation_Name: op.name,
      operation_Id: operationId,
      application_Version: version,
      cloud_RoleName: this.scenario.roleName,
      cloud_RoleInstance: instance,
      ...this.visitorColumns(visitor, at, 'PC'),
    };

    const outcome: RequestOutcome = {
      resultCode: op.successCode ?? '200',
      success: true,
      exception: null,
      warning: null,
    };
    let elapsed = this.random.logNormal(op.medianMs, op.sigma) * 0.4;
    if (op.notFoundRate !== undefined && this.random.chance(op.notFoundRate)) {
      outcome.resultCode = '404';
      outcome.success = false;
      outcome.warning = `No item with id ${entity} was found.`;
    } else if (
      op.regressionRate !== undefined &&
      version === this.scenario.versions.after &&
      this.random.chance(op.regressionRate)
    ) {
      outcome.resultCode = '500';
      outcome.success = false;
      outcome.exception = exceptionSpecs.discountRegression;
    }

    const calls = outcome.success ? op.dependencies : op.dependencies.slice(0, 1);
    for (const call of calls) {
      if (call.chance !== undefined && !this.random.chance(call.chance)) continue;
      const result = this.dependency(call, at + elapsed, entity, requestId, server);
      elapsed += result.durationMs + this.random.next() * 3;
      if (!result.success) {
        outcome.resultCode = '500';
        outcome.success = false;
        outcome.exception = call.paymentGateway
          ? exceptionSpecs.paymentUnavailable
          : exceptionSpecs.sqlTimeout;
        break;
      }
      if (result.slowWarning) outcome.warning = result.slowWarning;
    }
    const duration = round3(elapsed + this.random.logNormal(op.medianMs, op.sigma) * 0.6);

    const query = op.name.startsWith('GET Search') ? `?q=${this.random.pick(searchTerms)}` : '';
    const url = `https://${this.scenario.host}${op.path.replace('{id}', String(entity))}${query}`;
    this.add(
      'requests',
      {
        timestamp: this.stamp(at),
        id: requestId,
        source: '',
        name: op.name,
        url,
        success: outcome.success ? 'True' : 'False',
        resultCode: outcome.resultCode,
        duration,
        performanceBucket: performanceBucket(duration),
        customDimensions: { _MS: 'AspNetCore', 'Request-Origin': 'https' },
        operation_ParentId: operationId,
      },
      server,
      this.appColumns(this.scenario.serverSdkVersion),
    );

    const endAt = at + duration;
    if (outcome.exception) this.exception(outcome.exception, endAt - 2, requestId, server, version);
    this.traces(op, outcome, at, endAt, requestId, server);
    if (outcome.success && op.successEvent) {
      this.customEvent(op.successEvent, entity, endAt, requestId, server);
    }
    if (this.scenario.browserAndWorker && op.page && this.random.chance(0.8)) {
      this.pageView(
        op.page,
        url,
        endAt + this.random.int(40, 400),
        duration,
        operationId,
        visitor,
        version,
      );
    }
  }

  private dependency(
    call: DependencyCall,
    at: number,
    entity: number,
    parentId: string,
    server: TelemetryRecord,
  ): { durationMs: number; success: boolean; slowWarning: string | null } {
    let duration = this.random.logNormal(call.medianMs, call.sigma);
    let success = true;
    let resultCode = call.type === 'SQL' ? '0' : call.type === 'HTTP' ? '200' : '';
    let slowWarning: string | null = null;
    if (call.paymentGateway) {
      const incident = this.inIncident(at);
      if (this.random.chance(incident ? 0.7 : 0.004)) {
        success = false;
        resultCode = '503';
        duration = incident ? this.random.int(5_000, 10_000) : this.random.int(200, 900);
      } else if (this.random.chance(incident ? 0.8 : 0.03)) {
        duration = this.random.int(1_800, 6_500);
        slowWarning = `Payment gateway call took ${Math.round(duration)} ms (threshold 1500 ms).`;
      }
    } else if (call.canTimeOut && this.random.chance(0.0015)) {
      success = false;
      resultCode = '-2';
      duration = 30_000 + this.random.int(0, 400);
    }
    if (call.name.includes('search') || call.target.includes('.search.')) {
      const hour = new Date(at).getUTCHours();
      if (hour >= 12 && hour <= 15) duration *= 2.2; // the search service struggles at peak
    }
    duration = round3(duration);
    this.add(
      'dependencies',
      {
        timestamp: this.stamp(at),
        id: this.ids.spanId(),
        target: call.target,
        type: call.type,
        name: call.name.replace('{id}', String(entity)),
        data: call.data.replace('{id}', String(entity)),
        success: success ? 'True' : 'False',
        resultCode,
        duration,
        performanceBucket: performanceBucket(duration),
        customDimensions: null,
        operation_ParentId: parentId,
      },
      server,
      this.appColumns(this.scenario.serverSdkVersion),
    );
    return { durationMs: duration, success, slowWarning };
  }

  private exception(
    spec: ExceptionSpec,
    at: number,
    parentId: string,
    server: TelemetryRecord,
    version: string,
  ): void {
    const outerId = String(this.random.int(10_000_000, 99_999_999));
    const details: WireValue[] = [
      {
        parsedStack: spec.fileName
          ? [
              {
                assembly: spec.outerAssembly,
                method: spec.outerMethod,
                level: 0,
                line: spec.line,
                fileName: spec.fileName,
              },
              {
                assembly: spec.outerAssembly,
                method: 'Contoso.Shop.Controllers.CheckoutController+<PlaceOrder>d__4.MoveNext',
                level: 1,
                line: 57,
                fileName: '/src/Contoso.Shop/Controllers/CheckoutController.cs',
              },
            ]
          : [],
        outerId: '0',
        message: spec.outerMessage,
        type: spec.outerType,
        id: outerId,
      },
    ];
    if (spec.innermostType !== spec.outerType) {
      details.push({
        parsedStack: [],
        outerId,
        message: spec.innermostMessage,
        type: spec.innermostType,
        id: String(this.random.int(10_000_000, 99_999_999)),
      });
    }
    this.add(
      'exceptions',
      {
        timestamp: this.stamp(at),
        problemId: `${spec.outerType} at ${spec.outerMethod}`,
        handledAt: 'Unhandled',
        type: spec.outerType,
        message: spec.outerMessage,
        assembly: spec.outerAssembly,
        method: spec.outerMethod,
        outerType: spec.outerType,
        outerMessage: spec.outerMessage,
        outerAssembly: spec.outerAssembly,
        outerMethod: spec.outerMethod,
        innermostType: spec.innermostType,
        innermostMessage: spec.innermostMessage,
        innermostAssembly: spec.innermostAssembly,
        innermostMethod: spec.innermostMethod,
        severityLevel: 3,
        details,
        customDimensions: { 'Application version': version },
        operation_ParentId: parentId,
      },
      server,
      this.appColumns(this.scenario.serverSdkVersion),
    );
  }

  private traces(
    op: OperationSpec,
    outcome: RequestOutcome,
    at: number,
    endAt: number,
    parentId: string,
    server: TelemetryRecord,
  ): void {
    const trace = (when: number, severityLevel: number, message: string, category: string) =>
      this.add(
        'traces',
        {
          timestamp: this.stamp(when),
          message,
          severityLevel,
          customDimensions: { CategoryName: category },
          operation_ParentId: parentId,
        },
        server,
        this.appColumns(this.scenario.serverSdkVersion),
      );
    if (this.random.chance(0.12)) {
      trace(
        at + 1,
        1,
        `Executing endpoint '${op.name}'`,
        'Microsoft.AspNetCore.Routing.EndpointMiddleware',
      );
    }
    if (outcome.resultCode === '404' && outcome.warning) {
      trace(endAt - 1, 2, outcome.warning, 'Contoso.Shop.Controllers');
    } else if (outcome.warning) {
      trace(endAt - 5, 2, outcome.warning, 'Contoso.Shop.Payments.PaymentClient');
    }
    if (outcome.resultCode === '500') {
      trace(
        endAt - 1,
        3,
        'An unhandled exception has occurred while executing the request.',
        'Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware',
      );
    }
  }

  private customEvent(
    name: string,
    entity: number,
    at: number,
    parentId: string,
    server: TelemetryRecord,
  ): void {
    const category = productCategories[entity % productCategories.length]!;
    let dimensions: Record<string, WireValue> = { productId: String(entity), category };
    let measurements: Record<string, WireValue> | null = null;
    if (name === 'AddedToCart') {
      measurements = { quantity: this.random.int(1, 3), price: priceOf(entity) };
    } else if (name === 'OrderPlaced') {
      const items = this.random.int(1, 5);
      dimensions = {
        orderId: `SO-${this.random.int(100_000, 999_999)}`,
        paymentMethod: this.random.pick(paymentMethods),
      };
      measurements = { items, orderTotal: round2(items * priceOf(entity)) };
    } else if (name === 'SearchPerformed') {
      dimensions = { query: this.random.pick(searchTerms) };
      measurements = { results: this.random.int(0, 120) };
    }
    this.add(
      'customEvents',
      {
        timestamp: this.stamp(at),
        name,
        customDimensions: dimensions,
        customMeasurements: measurements,
        operation_ParentId: parentId,
      },
      server,
      this.appColumns(this.scenario.serverSdkVersion),
    );
  }

  private pageView(
    name: string,
    url: string,
    at: number,
    serverMs: number,
    operationId: string,
    visitor: Visitor,
    version: string,
  ): void {
    const duration = round3(serverMs + this.random.logNormal(850, 0.45));
    this.add(
      'pageViews',
      {
        timestamp: this.stamp(at),
        id: this.ids.spanId(),
        name,
        url,
        duration,
        performanceBucket: performanceBucket(duration),
        customDimensions: { refUri: `https://${this.scenario.host}/` },
        operation_Name: new URL(url).pathname,
        operation_Id: operationId,
        operation_ParentId: operationId,
        application_Version: version,
      },
      this.visitorColumns(visitor, at, 'Browser'),
      this.appColumns('javascript:3.3.4'),
    );
  }

  private availabilityTests(): void {
    const testName = 'Shop home page';
    const testLocations: ReadonlyArray<[string, string, number]> = [
      ['West Europe', 'emea-nl-ams-azr', 0],
      ['East US', 'us-va-ash-azr', 4],
      ['Southeast Asia', 'apac-sg-sin-azr', 9],
    ];
    const first = Math.ceil(this.start / (15 * MINUTE)) * 15 * MINUTE;
    for (let slot = first; slot <= this.end; slot += 15 * MINUTE) {
      for (const [location, locationId, offsetMinutes] of testLocations) {
        const at = slot + offsetMinutes * MINUTE + this.random.int(0, 20_000);
        if (at > this.end) continue;
        const failed = this.random.chance(0.004);
        const duration = failed
          ? 30_000
          : round3(this.random.logNormal(location === 'Southeast Asia' ? 420 : 170, 0.3));
        this.add(
          'availabilityResults',
          {
            timestamp: this.stamp(at),
            id: this.ids.guid(),
            name: testName,
            location,
            success: failed ? '0' : '1',
            message: failed ? 'The operation has timed out after 30 seconds.' : 'Passed',
            size: failed ? null : 48_000 + this.random.int(0, 900),
            duration,
            performanceBucket: performanceBucket(duration),
            customDimensions: {
              WebtestArmResourceName: 'shop-home-page-contoso-shop-demo',
              WebtestLocationId: locationId,
            },
            operation_Name: testName,
            operation_Id: this.ids.operationId(),
          },
          this.appColumns(''),
        );
      }
    }
  }

  /** An inventory sync every 10 minutes: a trace each run, and a queue-length metric. */
  private backgroundWorker(): void {
    const first = Math.ceil(this.start / (10 * MINUTE)) * 10 * MINUTE;
    for (let at = first; at <= this.end; at += 10 * MINUTE) {
      const worker: TelemetryRecord = {
        operation_Name: 'InventorySync',
        operation_Id: this.ids.operationId(),
        application_Version: this.version(at),
        cloud_RoleName: 'contoso-shop-worker',
        cloud_RoleInstance: 'contoso-shop-worker-0',
        client_Type: 'PC',
        client_IP: '0.0.0.0',
      };
      const sdk = 'dotnetc:2.22.0-64056';
      const skipped = this.random.chance(0.03);
      const updated = this.random.int(20, 260);
      this.add(
        'traces',
        {
          timestamp: this.stamp(at + 2_000),
          message: skipped
            ? 'Inventory sync skipped: another instance holds the lock.'
            : `Inventory sync completed: ${updated} products updated in ${(updated / 60).toFixed(1)} s.`,
          severityLevel: skipped ? 2 : 1,
          customDimensions: { CategoryName: 'Contoso.Shop.Worker.InventorySync' },
        },
        worker,
        this.appColumns(sdk),
      );
      const queue = Math.max(0, Math.round(this.random.logNormal(12, 0.7)));
      this.add(
        'customMetrics',
        {
          timestamp: this.stamp(at),
          name: 'Inventory queue length',
          value: queue,
          valueCount: 1,
          valueSum: queue,
          valueMin: queue,
          valueMax: queue,
          valueStdDev: 0,
          customDimensions: null,
        },
        worker,
        this.appColumns(sdk),
      );
    }
  }
}

/** Relative traffic by hour: a daily curve peaking mid-afternoon UTC, quieter weekends. */
function trafficShape(hourStart: number): number {
  const date = new Date(hourStart);
  const hour = date.getUTCHours();
  const daily = 0.12 + 0.88 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 3)) / 24));
  const weekday = date.getUTCDay();
  return daily * (weekday === 0 || weekday === 6 ? 0.7 : 1);
}

const productCategories = ['Shoes', 'Jackets', 'Backpacks', 'Tents', 'Bikes', 'Accessories'];
const paymentMethods = ['card', 'card', 'card', 'paypal', 'invoice'];
const searchTerms = [
  'rain jacket',
  'hiking boots',
  'tent 2 person',
  'headlamp',
  'bike helmet',
  'wool socks',
];

function priceOf(entity: number): number {
  return round2(9.95 + (entity % 37) * 6.5);
}

function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
