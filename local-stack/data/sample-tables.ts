/**
 * Small companion tables for the Samples replica (so joins and unions have something to meet) and
 * the ContosoSales database's Sales table.
 */
import type { TableInput, WireValue } from '../kusto-standin/kql-engine-api.ts';
import { SeededRandom } from './seeded-random.ts';

/** Approximate mid-2007 resident population estimates (US Census Bureau, rounded). */
const population2007: ReadonlyArray<readonly [string, string, number, string]> = [
  ['ALABAMA', 'AL', 4627851, 'South'],
  ['ALASKA', 'AK', 683478, 'West'],
  ['ARIZONA', 'AZ', 6338755, 'West'],
  ['ARKANSAS', 'AR', 2834797, 'South'],
  ['CALIFORNIA', 'CA', 36553215, 'West'],
  ['COLORADO', 'CO', 4861515, 'West'],
  ['CONNECTICUT', 'CT', 3502309, 'Northeast'],
  ['DELAWARE', 'DE', 864764, 'South'],
  ['DISTRICT OF COLUMBIA', 'DC', 588292, 'South'],
  ['FLORIDA', 'FL', 18251243, 'South'],
  ['GEORGIA', 'GA', 9544750, 'South'],
  ['HAWAII', 'HI', 1283388, 'West'],
  ['IDAHO', 'ID', 1499402, 'West'],
  ['ILLINOIS', 'IL', 12852548, 'Midwest'],
  ['INDIANA', 'IN', 6345289, 'Midwest'],
  ['IOWA', 'IA', 2988046, 'Midwest'],
  ['KANSAS', 'KS', 2775997, 'Midwest'],
  ['KENTUCKY', 'KY', 4241474, 'South'],
  ['LOUISIANA', 'LA', 4293204, 'South'],
  ['MAINE', 'ME', 1317207, 'Northeast'],
  ['MARYLAND', 'MD', 5618344, 'South'],
  ['MASSACHUSETTS', 'MA', 6449755, 'Northeast'],
  ['MICHIGAN', 'MI', 10071822, 'Midwest'],
  ['MINNESOTA', 'MN', 5197621, 'Midwest'],
  ['MISSISSIPPI', 'MS', 2918785, 'South'],
  ['MISSOURI', 'MO', 5878415, 'Midwest'],
  ['MONTANA', 'MT', 957861, 'West'],
  ['NEBRASKA', 'NE', 1774571, 'Midwest'],
  ['NEVADA', 'NV', 2565382, 'West'],
  ['NEW HAMPSHIRE', 'NH', 1315828, 'Northeast'],
  ['NEW JERSEY', 'NJ', 8685920, 'Northeast'],
  ['NEW MEXICO', 'NM', 1969915, 'West'],
  ['NEW YORK', 'NY', 19297729, 'Northeast'],
  ['NORTH CAROLINA', 'NC', 9061032, 'South'],
  ['NORTH DAKOTA', 'ND', 639715, 'Midwest'],
  ['OHIO', 'OH', 11466917, 'Midwest'],
  ['OKLAHOMA', 'OK', 3617316, 'South'],
  ['OREGON', 'OR', 3747455, 'West'],
  ['PENNSYLVANIA', 'PA', 12432792, 'Northeast'],
  ['RHODE ISLAND', 'RI', 1057832, 'Northeast'],
  ['SOUTH CAROLINA', 'SC', 4407709, 'South'],
  ['SOUTH DAKOTA', 'SD', 796214, 'Midwest'],
  ['TENNESSEE', 'TN', 6156719, 'South'],
  ['TEXAS', 'TX', 23904380, 'South'],
  ['UTAH', 'UT', 2645330, 'West'],
  ['VERMONT', 'VT', 621254, 'Northeast'],
  ['VIRGINIA', 'VA', 7712091, 'South'],
  ['WASHINGTON', 'WA', 6468424, 'West'],
  ['WEST VIRGINIA', 'WV', 1812035, 'South'],
  ['WISCONSIN', 'WI', 5601640, 'Midwest'],
  ['WYOMING', 'WY', 522830, 'West'],
  ['PUERTO RICO', 'PR', 3941459, 'Territory'],
];

export function generatePopulationData(): TableInput {
  return {
    name: 'PopulationData',
    columns: [
      { name: 'State', type: 'string' },
      { name: 'Population', type: 'long' },
    ],
    rows: population2007.map(([state, , population]) => [state, population]),
    folder: 'Storm_Events',
    docString:
      'US state populations, approximate 2007 Census Bureau estimates (Quarry local replica)',
  };
}

export function generateStateCodes(): TableInput {
  return {
    name: 'StateCodes',
    columns: [
      { name: 'State', type: 'string' },
      { name: 'Code', type: 'string' },
      { name: 'Region', type: 'string' },
    ],
    rows: population2007.map(([state, code, , censusRegion]) => [state, code, censusRegion]),
    folder: 'Storm_Events',
    docString: 'US state and territory postal codes and Census regions (Quarry local replica)',
  };
}

const products: ReadonlyArray<readonly [string, string, number]> = [
  ['Contoso Laptop 14', 'Computers', 899.0],
  ['Contoso Laptop 16', 'Computers', 1299.0],
  ['Contoso Desktop Pro', 'Computers', 1099.0],
  ['Contoso Monitor 27', 'Peripherals', 279.99],
  ['Contoso Keyboard', 'Peripherals', 49.99],
  ['Contoso Mouse', 'Peripherals', 24.99],
  ['Contoso Headset', 'Audio', 89.0],
  ['Contoso Speaker', 'Audio', 129.0],
  ['Contoso Tablet 10', 'Mobile', 399.0],
  ['Contoso Phone X', 'Mobile', 749.0],
];
const regions = ['North America', 'Europe', 'Asia Pacific', 'Latin America'];
const channels = ['Online', 'Store', 'Reseller'];

/** A small deterministic sales ledger for the ContosoSales database (fictitious company). */
export function generateSales(): TableInput {
  const rng = new SeededRandom(4242);
  const rows: WireValue[][] = [];
  for (let i = 0; i < 1000; i++) {
    const [product, category, price] = rng.pick(products);
    const quantity = rng.int(1, 20);
    const day =
      Date.UTC(2024, 0, 1) + rng.int(0, 365) * 86_400_000 + rng.int(8 * 60, 20 * 60) * 60_000;
    rows.push([
      100001 + i,
      new Date(day).toISOString().replace('.000Z', 'Z'),
      rng.pick(regions),
      rng.pick(channels),
      product,
      category,
      quantity,
      price,
      Math.round(quantity * price * 100) / 100,
    ]);
  }
  rows.sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  return {
    name: 'Sales',
    columns: [
      { name: 'OrderId', type: 'long' },
      { name: 'OrderDate', type: 'datetime' },
      { name: 'Region', type: 'string' },
      { name: 'Channel', type: 'string' },
      { name: 'Product', type: 'string' },
      { name: 'Category', type: 'string' },
      { name: 'Quantity', type: 'int' },
      { name: 'UnitPrice', type: 'real' },
      { name: 'Revenue', type: 'real' },
    ],
    rows,
    folder: 'Sales',
    docString: 'Orders of the fictitious Contoso company (Quarry local demo data)',
  };
}
