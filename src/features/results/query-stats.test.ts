import { describe, expect, it } from 'vitest';
import { statsFromResourceConsumption } from '../../lib/result-model/completion-information';
import { describeQueryStats, formatBytes, formatCpu } from './query-stats';

/** A QueryResourceConsumption payload shaped as clusters send it. */
const payload = {
  ExecutionTime: 0.2968758,
  resource_usage: {
    cache: {
      memory: { hits: 3, misses: 1, total: 4 },
      disk: { hits: 1, misses: 0, total: 1 },
      shards: {
        hot: { hitbytes: 3 * 1024 * 1024, missbytes: 1024 * 1024, retrievebytes: 1024 * 1024 },
        cold: { hitbytes: 0, missbytes: 0, retrievebytes: 0 },
        bypassbytes: 0,
      },
    },
    cpu: { user: '00:00:00.2343750', kernel: '00:00:00.0156250', 'total cpu': '00:00:00.2500000' },
    memory: { peak_per_node: 52_428_800 },
  },
  input_dataset_statistics: {
    extents: { total: 4, scanned: 4 },
    rows: { total: 59066, scanned: 59066 },
  },
  dataset_statistics: [{ table_row_count: 67, table_size: 2345 }],
};

describe('describeQueryStats', () => {
  it('shows CPU, memory, scanned extents, rows and bytes, and the cache hit ratio', () => {
    const rows = describeQueryStats(statsFromResourceConsumption(payload));
    expect(rows).toEqual([
      { label: 'CPU time', value: '250.0 ms', detail: 'user 234.4 ms · kernel 15.6 ms' },
      { label: 'Server execution time', value: '0.297 s' },
      { label: 'Peak memory per node', value: '50.0 MB' },
      { label: 'Extents scanned', value: '4', detail: 'of 4' },
      { label: 'Rows scanned', value: '59,066', detail: 'of 59,066' },
      { label: 'Data scanned', value: '4.00 MB', detail: 'hot cache: 3.00 MB hit, 1.00 MB missed' },
      { label: 'Cache hit ratio', value: '75%', detail: 'memory cache: 3 of 4 extents' },
      { label: 'Result', value: '67 rows', detail: '2.29 KB' },
    ]);
  });

  it('leaves out what the server did not send', () => {
    const rows = describeQueryStats(statsFromResourceConsumption({ ExecutionTime: 0.01 }));
    expect(rows).toEqual([{ label: 'Server execution time', value: '0.010 s' }]);
  });
});

describe('formatting', () => {
  it('writes sizes in binary units and CPU timespans in ms or s', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GB');
    expect(formatCpu('00:00:02.5000000')).toBe('2.500 s');
    expect(formatCpu('00:00:00.0001000')).toBe('0.10 ms');
    expect(formatCpu('soon')).toBe('soon');
  });
});
