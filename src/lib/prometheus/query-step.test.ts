import { describe, expect, it } from 'vitest';
import { autoStepSeconds, describeStepProblem, formatStep, parseStep } from './query-step';

describe('query step', () => {
  it('chooses a readable step that gives a few hundred points', () => {
    expect(autoStepSeconds(3600)).toBe(15);
    expect(autoStepSeconds(86400)).toBe(600);
    expect(autoStepSeconds(60)).toBe(1);
  });

  it('reads seconds and Prometheus durations, and writes durations back', () => {
    expect(parseStep('30')).toBe(30);
    expect(parseStep('1h30m')).toBe(5400);
    expect(parseStep('500ms')).toBe(0.5);
    expect(parseStep('5 minutes')).toBeNull();
    expect(formatStep(5400)).toBe('1h30m');
    expect(formatStep(15)).toBe('15s');
  });

  it('refuses a step that would exceed 11,000 points per series, naming a usable one', () => {
    expect(describeStepProblem('1s', 86400)).toMatch(/86,401 points.*at least 10m/);
    expect(describeStepProblem('1m', 86400)).toBeNull();
    expect(describeStepProblem('soon', 3600)).toMatch(/not a step/);
  });
});
