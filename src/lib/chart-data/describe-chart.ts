import type { ChartData, ChartKind } from './chart-types';

const KIND_LABEL: Record<ChartKind, string> = {
  timechart: 'Time chart',
  linechart: 'Line chart',
  areachart: 'Area chart',
  columnchart: 'Column chart',
  barchart: 'Bar chart',
  piechart: 'Pie chart',
  scatterchart: 'Scatter chart',
  ladderchart: 'Ladder chart',
};

function list(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The chart in words, for its accessible name: "Time chart of count_ by State",
 * "Column chart of count_ by State", "Stacked area chart of n over Timestamp".
 */
export function describeChart(data: ChartData, title: string | null): string {
  const stack =
    data.stack === 'stacked100' ? '100% stacked ' : data.stack === 'stacked' ? 'stacked ' : '';
  const label = KIND_LABEL[data.kind];
  const kind = stack ? `${stack[0]!.toUpperCase()}${stack.slice(1)}${label.toLowerCase()}` : label;
  const measured = data.shape === 'pie' ? data.yNames.slice(0, 1) : data.yNames;
  let text = `${kind} of ${list(measured)}`;
  if (data.shape === 'ladder') {
    text = `${label} of ${list(data.yNames)} from ${data.xName}`;
    if (data.seriesNames.length > 0) text += ` by ${list(data.seriesNames)}`;
  } else if (data.shape === 'xy') {
    text += data.seriesNames.length > 0 ? ` by ${list(data.seriesNames)}` : ` over ${data.xName}`;
    const marks = data.anomalies?.reduce((n, a) => n + a.x.length, 0) ?? 0;
    if (data.kind === 'timechart' && data.anomalies && data.anomalies.length > 0) {
      text += `, ${marks} ${marks === 1 ? 'anomaly' : 'anomalies'} marked`;
    }
  } else {
    text += ` by ${list([data.xName, ...data.seriesNames])}`;
  }
  return title ? `${title}: ${text}` : text;
}
