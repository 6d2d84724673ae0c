/**
 * The EventType values of the StormEvents replica: the 48 official NWS storm-data event types plus
 * a few marine ones, each with how many events the replica holds and how such events look
 * (where, when, how long, who reported them, damage and casualties).
 *
 * Published help-cluster figures: Thunderstorm Wind 13015, Hail 12711, Flash Flood 3688,
 * Drought 3616, Winter Weather 3349. Every other count is invented and stays below 3349.
 */
import type { RegionTag } from './storm-regions.ts';

/** Events of one family can share an episode (one weather system). */
export type EventFamily =
  | 'convective'
  | 'winter'
  | 'cold'
  | 'frost'
  | 'heat'
  | 'flood'
  | 'drought'
  | 'wind'
  | 'fog'
  | 'coastal'
  | 'tropical'
  | 'fire'
  | 'dust'
  | 'mountain'
  | 'marine'
  | 'marine-zone'
  | 'rare';

export interface DamageModel {
  /** Probability that the figure is not zero. */
  p: number;
  /** Median of the non-zero figures, in dollars. */
  median: number;
  /** Log-normal spread: the higher, the longer the tail. */
  sigma: number;
}

export interface CasualtyModel {
  p: number;
  max: number;
}

export interface StormEventTypeSpec {
  name: string;
  count: number;
  family: EventFamily;
  marine: boolean;
  /** Point events carry a begin/end place and coordinates; zone events leave them empty/null. */
  located: boolean;
  /** Region tags where the type can occur; 'land' = every state and territory. */
  where: 'land' | readonly RegionTag[];
  /** Where the type is more common (multiplies the allocation weight). */
  affinity?: Partial<Record<RegionTag, number>>;
  /** Duration range in minutes (EndTime - StartTime). */
  minutes: readonly [number, number];
  sources: readonly string[];
  property: DamageModel;
  crops: DamageModel;
  injuries: CasualtyModel;
  deaths: CasualtyModel;
}

const none: DamageModel = { p: 0, median: 0, sigma: 0 };
const noCasualty: CasualtyModel = { p: 0, max: 0 };

const spotters = ['Trained Spotter', 'Public', 'Law Enforcement', 'Emergency Manager'];
const winterSources = [
  'COOP Observer',
  'Trained Spotter',
  'Public',
  'Department of Highways',
  'Law Enforcement',
  'Newspaper',
  'CoCoRaHS',
];
const observations = ['ASOS', 'AWOS', 'Official NWS Observations', 'COOP Observer', 'Mesonet'];
const marineSources = [
  'Trained Spotter',
  'Buoy',
  'C-MAN Station',
  'Coast Guard',
  'Mariner',
  'Public',
];
const coastalSources = [
  'Lifeguard',
  'Coast Guard',
  'Newspaper',
  'Law Enforcement',
  'Emergency Manager',
];

interface TypeOptions {
  located?: boolean;
  marine?: boolean;
  affinity?: Partial<Record<RegionTag, number>>;
  property?: DamageModel;
  crops?: DamageModel;
  injuries?: CasualtyModel;
  deaths?: CasualtyModel;
}

function type(
  name: string,
  count: number,
  family: EventFamily,
  where: 'land' | string,
  minutes: readonly [number, number],
  sources: readonly string[],
  options: TypeOptions = {},
): StormEventTypeSpec {
  return {
    name,
    count,
    family,
    marine: options.marine ?? false,
    located: options.located ?? false,
    where: where === 'land' ? 'land' : (where.split(' ') as RegionTag[]),
    affinity: options.affinity,
    minutes,
    sources,
    property: options.property ?? none,
    crops: options.crops ?? none,
    injuries: options.injuries ?? noCasualty,
    deaths: options.deaths ?? noCasualty,
  };
}

export const publishedEventTypeCounts: ReadonlyArray<readonly [string, number]> = [
  ['Thunderstorm Wind', 13015],
  ['Hail', 12711],
  ['Flash Flood', 3688],
  ['Drought', 3616],
  ['Winter Weather', 3349],
];

export const stormEventTypes: readonly StormEventTypeSpec[] = [
  // --- published figures ---
  type(
    'Thunderstorm Wind',
    13015,
    'convective',
    'land',
    [0, 20],
    [...spotters, 'ASOS', 'Mesonet', 'Newspaper', 'Utility Company', 'NWS Storm Survey'],
    {
      located: true,
      affinity: { plains: 2, midwest: 2, south: 2, northeast: 1.5, tropical: 0.05, pacific: 0.1 },
      property: { p: 0.45, median: 8000, sigma: 1.4 },
      crops: { p: 0.02, median: 5000, sigma: 1.2 },
      injuries: { p: 0.01, max: 6 },
      deaths: { p: 0.002, max: 1 },
    },
  ),
  type(
    'Hail',
    12711,
    'convective',
    'plains midwest south northeast mountain desert snow',
    [0, 10],
    [...spotters, 'Storm Chaser', 'COOP Observer', 'Amateur Radio', 'Broadcast Media'],
    {
      located: true,
      affinity: { plains: 4, midwest: 1.5, south: 1.2, northeast: 0.5, pacific: 0.05, desert: 0.6 },
      property: { p: 0.06, median: 15000, sigma: 1.8 },
      crops: { p: 0.04, median: 20000, sigma: 1.6 },
    },
  ),
  type(
    'Flash Flood',
    3688,
    'flood',
    'land',
    [60, 720],
    [...spotters, 'Department of Highways', 'River/Stream Gage', 'Newspaper'],
    {
      located: true,
      affinity: { south: 1.6, plains: 1.3, desert: 1.2, tropical: 1.5 },
      property: { p: 0.4, median: 20000, sigma: 1.7 },
      crops: { p: 0.05, median: 10000, sigma: 1.5 },
      injuries: { p: 0.01, max: 3 },
      deaths: { p: 0.01, max: 2 },
    },
  ),
  type(
    'Drought',
    3616,
    'drought',
    'land',
    [0, 0],
    ['Drought Monitor', 'Other Federal Agency', 'State Official', 'Official NWS Observations'],
    {
      affinity: {
        south: 3,
        atlantic: 1.5,
        pacific: 0.5,
        desert: 0.8,
        tropical: 0.1,
        arctic: 0.01,
        snow: 0.4,
      },
      crops: { p: 0.12, median: 500000, sigma: 1.5 },
    },
  ),
  type(
    'Winter Weather',
    3349,
    'winter',
    'snow mountain midwest northeast plains',
    [360, 1800],
    winterSources,
    {
      affinity: { snow: 3, south: 0.3, desert: 0.3 },
      property: { p: 0.05, median: 4000, sigma: 1.2 },
      injuries: { p: 0.01, max: 4 },
      deaths: { p: 0.004, max: 1 },
    },
  ),
  // --- the rest of the official types (invented counts) ---
  type(
    'Flood',
    3050,
    'flood',
    'land',
    [360, 7200],
    [
      'River/Stream Gage',
      'Emergency Manager',
      'Law Enforcement',
      'Newspaper',
      'Department of Highways',
    ],
    {
      located: true,
      affinity: { midwest: 1.8, plains: 1.5, south: 1.2, tropical: 0.6 },
      property: { p: 0.35, median: 30000, sigma: 2 },
      crops: { p: 0.1, median: 50000, sigma: 1.8 },
      deaths: { p: 0.003, max: 1 },
    },
  ),
  type('Heavy Snow', 2600, 'winter', 'snow mountain', [480, 2160], winterSources, {
    affinity: { mountain: 2, lakes: 1.5, northeast: 1.5, arctic: 1.5 },
    property: { p: 0.04, median: 10000, sigma: 1.5 },
    injuries: { p: 0.005, max: 3 },
  }),
  type(
    'High Wind',
    2250,
    'wind',
    'land',
    [60, 1440],
    [...observations, 'Trained Spotter', 'Utility Company'],
    {
      affinity: { mountain: 3, plains: 1.5, pacific: 1.5, tropical: 0.2, arctic: 2 },
      property: { p: 0.3, median: 10000, sigma: 1.6 },
      injuries: { p: 0.01, max: 3 },
      deaths: { p: 0.003, max: 1 },
    },
  ),
  type('Winter Storm', 2300, 'winter', 'snow mountain', [600, 2160], winterSources, {
    affinity: { plains: 1.5, midwest: 1.5, northeast: 1.5 },
    property: { p: 0.06, median: 20000, sigma: 1.6 },
    injuries: { p: 0.01, max: 8 },
    deaths: { p: 0.005, max: 2 },
  }),
  type(
    'Frost/Freeze',
    1300,
    'frost',
    'south midwest plains northeast pacific desert',
    [240, 720],
    observations,
    {
      affinity: { south: 2 },
      crops: { p: 0.15, median: 250000, sigma: 1.8 },
    },
  ),
  type(
    'Tornado',
    1210,
    'convective',
    'plains midwest south northeast mountain desert',
    [1, 30],
    ['NWS Storm Survey', 'Trained Spotter', 'Law Enforcement', 'Emergency Manager', 'Storm Chaser'],
    {
      located: true,
      affinity: {
        plains: 2.5,
        south: 2.5,
        midwest: 1.5,
        northeast: 0.3,
        mountain: 0.2,
        desert: 0.1,
      },
      property: { p: 0.7, median: 60000, sigma: 2.2 },
      crops: { p: 0.08, median: 10000, sigma: 1.5 },
      injuries: { p: 0.08, max: 60 },
      deaths: { p: 0.02, max: 12 },
    },
  ),
  type(
    'Heavy Rain',
    1150,
    'flood',
    'land',
    [60, 1440],
    ['COOP Observer', 'Trained Spotter', 'CoCoRaHS', 'ASOS', 'Public'],
    {
      located: true,
      affinity: { south: 1.5, tropical: 3 },
      property: { p: 0.05, median: 5000, sigma: 1.3 },
    },
  ),
  type(
    'Strong Wind',
    900,
    'wind',
    'land',
    [30, 720],
    [...observations, 'Public', 'Utility Company'],
    {
      affinity: { south: 1.5, northeast: 1.3 },
      property: { p: 0.5, median: 5000, sigma: 1.3 },
      injuries: { p: 0.01, max: 2 },
      deaths: { p: 0.005, max: 1 },
    },
  ),
  type(
    'Lightning',
    725,
    'convective',
    'land',
    [0, 0],
    ['Newspaper', 'Broadcast Media', 'Fire Department/Rescue', 'Public', 'Law Enforcement'],
    {
      located: true,
      affinity: { south: 2.5, gulf: 1.5 },
      property: { p: 0.7, median: 25000, sigma: 1.5 },
      injuries: { p: 0.25, max: 4 },
      deaths: { p: 0.06, max: 1 },
    },
  ),
  type(
    'Excessive Heat',
    720,
    'heat',
    'south midwest plains northeast desert pacific',
    [480, 4320],
    [...observations, 'Newspaper'],
    {
      affinity: { south: 2, desert: 2, midwest: 1.5 },
      injuries: { p: 0.05, max: 40 },
      deaths: { p: 0.08, max: 6 },
    },
  ),
  type(
    'Heat',
    620,
    'heat',
    'south midwest plains northeast desert pacific tropical',
    [480, 2880],
    [...observations, 'Newspaper'],
    {
      affinity: { south: 2 },
      injuries: { p: 0.02, max: 10 },
      deaths: { p: 0.02, max: 2 },
    },
  ),
  type(
    'Extreme Cold/Wind Chill',
    560,
    'cold',
    'plains midwest snow arctic mountain',
    [360, 2880],
    observations,
    {
      affinity: { plains: 2, arctic: 3 },
      deaths: { p: 0.02, max: 2 },
    },
  ),
  type(
    'Funnel Cloud',
    520,
    'convective',
    'land',
    [0, 15],
    ['Trained Spotter', 'Public', 'Law Enforcement', 'Storm Chaser'],
    {
      located: true,
      affinity: { plains: 1.5, south: 1.5, tropical: 0.5 },
    },
  ),
  type(
    'Dense Fog',
    470,
    'fog',
    'south midwest plains northeast pacific atlantic',
    [120, 720],
    ['ASOS', 'AWOS', 'Law Enforcement', 'Department of Highways'],
    {
      affinity: { south: 1.5, pacific: 2 },
      injuries: { p: 0.02, max: 12 },
      deaths: { p: 0.01, max: 2 },
    },
  ),
  type(
    'Cold/Wind Chill',
    420,
    'cold',
    'plains midwest snow south mountain',
    [360, 2160],
    observations,
    {
      deaths: { p: 0.02, max: 1 },
    },
  ),
  type(
    'Ice Storm',
    340,
    'winter',
    'plains midwest south northeast snow',
    [480, 1440],
    winterSources,
    {
      affinity: { plains: 2, midwest: 1.5 },
      property: { p: 0.3, median: 150000, sigma: 2 },
      injuries: { p: 0.02, max: 10 },
      deaths: { p: 0.02, max: 3 },
    },
  ),
  type(
    'Wildfire',
    320,
    'fire',
    'desert mountain pacific plains south',
    [1440, 20160],
    [
      'Fire Department/Rescue',
      'Park/Forest Service',
      'Newspaper',
      'Other Federal Agency',
      'State Official',
    ],
    {
      affinity: { pacific: 3, desert: 2, mountain: 2 },
      property: { p: 0.3, median: 200000, sigma: 2.5 },
      injuries: { p: 0.05, max: 8 },
      deaths: { p: 0.01, max: 2 },
    },
  ),
  type('Blizzard', 250, 'winter', 'plains snow arctic mountain', [360, 1440], winterSources, {
    affinity: { plains: 3, arctic: 2 },
    injuries: { p: 0.02, max: 5 },
  }),
  type('High Surf', 230, 'coastal', 'pacific tropical gulf atlantic', [240, 2880], coastalSources, {
    affinity: { tropical: 4, pacific: 2 },
    property: { p: 0.1, median: 20000, sigma: 1.5 },
    deaths: { p: 0.03, max: 1 },
  }),
  type('Lake-Effect Snow', 210, 'winter', 'lakes', [720, 2880], winterSources, {
    affinity: { northeast: 3 },
  }),
  type('Coastal Flood', 110, 'coastal', 'atlantic gulf pacific', [240, 1440], coastalSources, {
    property: { p: 0.3, median: 50000, sigma: 2 },
  }),
  type('Rip Current', 100, 'coastal', 'atlantic gulf pacific tropical', [60, 480], coastalSources, {
    affinity: { gulf: 2 },
    deaths: { p: 0.5, max: 2 },
    injuries: { p: 0.1, max: 2 },
  }),
  type(
    'Tropical Storm',
    90,
    'tropical',
    'gulf atlantic tropical',
    [720, 2880],
    ['Emergency Manager', 'Official NWS Observations', 'Newspaper', 'ASOS'],
    {
      property: { p: 0.5, median: 100000, sigma: 2 },
      crops: { p: 0.1, median: 100000, sigma: 1.5 },
      deaths: { p: 0.02, max: 2 },
    },
  ),
  type('Sleet', 60, 'winter', 'south plains midwest northeast', [120, 720], winterSources),
  type(
    'Debris Flow',
    55,
    'mountain',
    'mountain pacific tropical',
    [30, 360],
    ['Department of Highways', 'Law Enforcement', 'Emergency Manager'],
    {
      located: true,
      property: { p: 0.5, median: 40000, sigma: 1.8 },
    },
  ),
  type(
    'Dust Storm',
    50,
    'dust',
    'desert plains',
    [30, 240],
    ['Department of Highways', 'Law Enforcement', 'ASOS', 'Public'],
    {
      injuries: { p: 0.1, max: 6 },
    },
  ),
  type('Storm Surge/Tide', 40, 'coastal', 'gulf atlantic', [240, 1440], coastalSources, {
    property: { p: 0.5, median: 100000, sigma: 2 },
  }),
  type(
    'Freezing Fog',
    35,
    'fog',
    'mountain pacific plains',
    [120, 720],
    ['ASOS', 'AWOS', 'Department of Highways'],
  ),
  type(
    'Avalanche',
    30,
    'mountain',
    'mountain',
    [0, 60],
    ['Park/Forest Service', 'Newspaper', 'Public', 'Law Enforcement'],
    {
      injuries: { p: 0.3, max: 2 },
      deaths: { p: 0.4, max: 2 },
    },
  ),
  type(
    'Hurricane (Typhoon)',
    25,
    'tropical',
    'gulf atlantic tropical',
    [720, 2880],
    ['Emergency Manager', 'Official NWS Observations', 'Newspaper'],
    {
      property: { p: 0.8, median: 500000, sigma: 2 },
      crops: { p: 0.3, median: 200000, sigma: 1.5 },
    },
  ),
  type(
    'Astronomical Low Tide',
    20,
    'coastal',
    'atlantic pacific',
    [120, 480],
    ['Official NWS Observations', 'Coast Guard'],
  ),
  type(
    'Dust Devil',
    20,
    'dust',
    'desert plains',
    [0, 5],
    ['Public', 'Trained Spotter', 'Law Enforcement'],
    {
      located: true,
      property: { p: 0.3, median: 3000, sigma: 1 },
    },
  ),
  type(
    'Lakeshore Flood',
    12,
    'coastal',
    'lakes',
    [240, 1440],
    ['Emergency Manager', 'Law Enforcement', 'Newspaper'],
    {
      property: { p: 0.3, median: 20000, sigma: 1.5 },
    },
  ),
  type(
    'Tropical Depression',
    10,
    'tropical',
    'gulf atlantic tropical',
    [720, 2160],
    ['Official NWS Observations', 'Emergency Manager'],
  ),
  type(
    'Dense Smoke',
    6,
    'fog',
    'south pacific',
    [240, 1440],
    ['ASOS', 'Law Enforcement', 'Department of Highways'],
  ),
  type('Seiche', 4, 'rare', 'lakes', [60, 240], ['Official NWS Observations', 'Public']),
  type(
    'Tsunami',
    2,
    'rare',
    'pacific tropical',
    [60, 240],
    ['Official NWS Observations', 'Other Federal Agency'],
  ),
  type(
    'Volcanic Ash',
    2,
    'rare',
    'arctic tropical',
    [720, 2880],
    ['Other Federal Agency', 'Official NWS Observations'],
  ),
  // --- marine zones ---
  type(
    'Marine Thunderstorm Wind',
    1450,
    'marine',
    'ocean lake tropical-water',
    [0, 15],
    marineSources,
    {
      located: true,
      marine: true,
      affinity: { 'tropical-water': 2, lake: 1.2 },
      property: { p: 0.03, median: 10000, sigma: 1.5 },
    },
  ),
  type('Waterspout', 200, 'marine', 'ocean lake tropical-water', [0, 15], marineSources, {
    located: true,
    marine: true,
    affinity: { 'tropical-water': 4 },
  }),
  type('Marine Hail', 80, 'marine', 'ocean lake tropical-water', [0, 5], marineSources, {
    located: true,
    marine: true,
  }),
  type('Marine High Wind', 75, 'marine-zone', 'ocean lake', [60, 720], marineSources, {
    marine: true,
  }),
  type('Marine Strong Wind', 40, 'marine-zone', 'ocean lake', [60, 720], marineSources, {
    marine: true,
  }),
  type('Marine Dense Fog', 15, 'marine-zone', 'ocean lake', [120, 720], marineSources, {
    marine: true,
  }),
  type('Marine Tropical Storm', 8, 'marine-zone', 'tropical-water', [360, 1440], marineSources, {
    marine: true,
  }),
  type('Marine Hurricane/Typhoon', 3, 'marine-zone', 'tropical-water', [360, 1440], marineSources, {
    marine: true,
  }),
];

/**
 * Published `dcount(EventType)` per state (TEXAS 27, KANSAS 21, IOWA 19, ILLINOIS 23, MISSOURI 20):
 * these states get exactly these types, every one of them at least once.
 */
const convectiveCore = [
  'Thunderstorm Wind',
  'Hail',
  'Flash Flood',
  'Drought',
  'Winter Weather',
  'Flood',
  'Heavy Snow',
  'High Wind',
  'Winter Storm',
  'Tornado',
  'Frost/Freeze',
  'Heavy Rain',
  'Excessive Heat',
  'Lightning',
  'Funnel Cloud',
  'Ice Storm',
];

export const publishedStateEventTypes: Readonly<Record<string, readonly string[]>> = {
  TEXAS: [
    ...convectiveCore,
    'Strong Wind',
    'Heat',
    'Blizzard',
    'Dense Fog',
    'Wildfire',
    'Dust Storm',
    'Coastal Flood',
    'Rip Current',
    'Tropical Storm',
    'Storm Surge/Tide',
    'Dust Devil',
  ],
  KANSAS: [
    ...convectiveCore,
    'Strong Wind',
    'Heat',
    'Blizzard',
    'Wildfire',
    'Extreme Cold/Wind Chill',
  ],
  IOWA: [...convectiveCore, 'Blizzard', 'Extreme Cold/Wind Chill', 'Cold/Wind Chill'],
  ILLINOIS: [
    ...convectiveCore,
    'Strong Wind',
    'Heat',
    'Blizzard',
    'Dense Fog',
    'Extreme Cold/Wind Chill',
    'Cold/Wind Chill',
    'Lakeshore Flood',
  ],
  MISSOURI: [...convectiveCore, 'Strong Wind', 'Heat', 'Dense Fog', 'Cold/Wind Chill'],
};
