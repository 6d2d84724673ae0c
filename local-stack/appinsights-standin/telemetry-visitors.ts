/**
 * The people behind the synthetic telemetry: a fixed pool of visitors (ids, sessions, browser,
 * OS, location) drawn from a seeded generator, plus W3C-style id helpers.
 */
import { SeededRandom } from '../data/seeded-random.ts';

export interface Location {
  city: string;
  stateOrProvince: string;
  countryOrRegion: string;
}

export interface Visitor {
  userId: string;
  /** Set for signed-in customers (`user_AuthenticatedId`). */
  authenticatedId: string;
  browser: string;
  os: string;
  location: Location;
}

const locations: ReadonlyArray<[Location, number]> = [
  [{ city: 'Amsterdam', stateOrProvince: 'North Holland', countryOrRegion: 'Netherlands' }, 14],
  [{ city: 'London', stateOrProvince: 'England', countryOrRegion: 'United Kingdom' }, 16],
  [{ city: 'Berlin', stateOrProvince: 'Land Berlin', countryOrRegion: 'Germany' }, 11],
  [{ city: 'Paris', stateOrProvince: 'Île-de-France', countryOrRegion: 'France' }, 10],
  [{ city: 'Madrid', stateOrProvince: 'Madrid', countryOrRegion: 'Spain' }, 6],
  [{ city: 'Dublin', stateOrProvince: 'Leinster', countryOrRegion: 'Ireland' }, 5],
  [{ city: 'Stockholm', stateOrProvince: 'Stockholm County', countryOrRegion: 'Sweden' }, 4],
  [{ city: 'Seattle', stateOrProvince: 'Washington', countryOrRegion: 'United States' }, 9],
  [{ city: 'New York', stateOrProvince: 'New York', countryOrRegion: 'United States' }, 10],
  [{ city: 'Toronto', stateOrProvince: 'Ontario', countryOrRegion: 'Canada' }, 5],
  [{ city: 'Sydney', stateOrProvince: 'New South Wales', countryOrRegion: 'Australia' }, 4],
  [{ city: 'Singapore', stateOrProvince: '', countryOrRegion: 'Singapore' }, 3],
];

const browsers: ReadonlyArray<[string, string[], number]> = [
  ['Chrome 131.0', ['Windows 10', 'Mac OS X 10.15', 'Android 14', 'Linux'], 52],
  ['Edge 131.0', ['Windows 10', 'Windows 11'], 20],
  ['Safari 18.1', ['Mac OS X 10.15', 'iOS 18.1'], 17],
  ['Firefox 133.0', ['Windows 10', 'Linux', 'Mac OS X 10.15'], 11],
];

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class TelemetryIds {
  constructor(private readonly random: SeededRandom) {}

  /** Lower-case hex, `length` characters (a multiple of 8). */
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 8) {
      const n = (this.random.next() * 0x100000000) >>> 0;
      out += HEX[n >>> 24]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
    }
    return out;
  }

  /** A W3C trace id (`operation_Id`). */
  operationId(): string {
    return this.hex(32);
  }

  /** A W3C span id (request/dependency `id`). */
  spanId(): string {
    return this.hex(16);
  }

  guid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** The JavaScript SDK's short random ids (`ai_user`, `ai_session` cookies). */
  shortId(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ID_ALPHABET[Math.floor(this.random.next() * 64)];
    return out;
  }
}

export function createVisitors(random: SeededRandom, ids: TelemetryIds, count: number): Visitor[] {
  const locationWeights = locations.map(([, weight]) => weight);
  const browserWeights = browsers.map(([, , weight]) => weight);
  const visitors: Visitor[] = [];
  for (let i = 0; i < count; i++) {
    const [browser, systems] = browsers[random.weightedIndex(browserWeights)]!;
    visitors.push({
      userId: ids.shortId(5),
      authenticatedId: random.chance(0.35) ? `customer-${10_000 + i}` : '',
      browser,
      os: random.pick(systems),
      location: locations[random.weightedIndex(locationWeights)]![0],
    });
  }
  return visitors;
}
