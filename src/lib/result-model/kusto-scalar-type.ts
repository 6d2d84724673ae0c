/** The ten Kusto scalar types (aliases folded in); every result column has one of these. */
export type KustoScalarType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'string'
  | 'dynamic';

const kustoNames: Record<string, KustoScalarType> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  int32: 'int',
  long: 'long',
  int64: 'long',
  real: 'real',
  double: 'real',
  float: 'real',
  decimal: 'decimal',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  guid: 'guid',
  uuid: 'guid',
  uniqueid: 'guid',
  string: 'string',
  dynamic: 'dynamic',
};

/** .NET type names as v1 `DataType` and schema `Type` fields spell them (`System.` optional). */
const dotNetNames: Record<string, KustoScalarType> = {
  boolean: 'bool',
  sbyte: 'bool',
  byte: 'int',
  int16: 'int',
  uint16: 'int',
  int32: 'int',
  uint32: 'long',
  int64: 'long',
  uint64: 'long',
  single: 'real',
  double: 'real',
  decimal: 'decimal',
  sqldecimal: 'decimal',
  'data.sqltypes.sqldecimal': 'decimal',
  datetime: 'datetime',
  timespan: 'timespan',
  guid: 'guid',
  string: 'string',
  object: 'dynamic',
};

/**
 * Maps a wire type name (Kusto `ColumnType`, or a .NET `DataType`) to a scalar type. Unknown
 * names (recordings contain e.g. "missing") become `string` so their values still display.
 */
export function normalizeKustoType(raw: string | null | undefined): KustoScalarType {
  if (!raw) return 'string';
  const name = raw.trim().toLowerCase();
  return kustoNames[name] ?? dotNetNames[name.replace(/^system\./, '')] ?? 'string';
}

/** Types whose cells are numbers (right-aligned, numeric filters). */
export function isNumericType(type: KustoScalarType): boolean {
  return type === 'int' || type === 'long' || type === 'real' || type === 'decimal';
}
