/**
 * The step of a range query: chosen from the range so a chart has a few hundred points per line
 * (Prometheus refuses more than 11,000), rounded to a step people read easily; the user may type
 * another (seconds, or a Prometheus duration such as `30s`, `5m`, `1h30m`).
 */

/** Points a line gets with the automatic step, about. */
const TARGET_POINTS = 250;
/** Prometheus's limit on points per series in a range query answer. */
export const MAX_POINTS_PER_SERIES = 11_000;

const NICE_STEPS_SECONDS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
];

/** The automatic step for a range of `rangeSeconds`, in seconds. */
export function autoStepSeconds(rangeSeconds: number): number {
  const raw = Math.max(1, rangeSeconds / TARGET_POINTS);
  return NICE_STEPS_SECONDS.find((step) => step >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/** Seconds in a step typed as a number of seconds or a Prometheus duration; null when invalid. */
export function parseStep(text: string): number | null {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    const seconds = Number(value);
    return seconds > 0 ? seconds : null;
  }
  const parts = /^(?:\d+(?:ms|[smhdwy]))+$/.test(value) ? value.match(/\d+(?:ms|[smhdwy])/g) : null;
  if (!parts) return null;
  const seconds = parts.reduce((sum, part) => {
    const match = /^(\d+)(ms|[smhdwy])$/.exec(part)!;
    return sum + Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  }, 0);
  return seconds > 0 ? seconds : null;
}

/** A step in Prometheus duration words: 15 → `15s`, 300 → `5m`, 5400 → `1h30m`. */
export function formatStep(seconds: number): string {
  if (!Number.isInteger(seconds)) return String(seconds);
  const units: [string, number][] = [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = seconds;
  let text = '';
  for (const [unit, size] of units) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text || '0s';
}

/** Why a step cannot be used for this range, or null when it can. */
export function describeStepProblem(step: string, rangeSeconds: number): string | null {
  const seconds = parseStep(step);
  if (seconds === null) {
    return `"${step}" is not a step: use seconds (30) or a duration such as 30s, 5m, 1h.`;
  }
  const points = Math.floor(rangeSeconds / seconds) + 1;
  if (points > MAX_POINTS_PER_SERIES) {
    return `A ${formatStep(seconds)} step gives ${points.toLocaleString('en-US')} points per series over this range; Prometheus allows ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')}. Use a step of at least ${formatStep(autoStepSeconds(rangeSeconds))}.`;
  }
  return null;
}
