import type { ChartColumn } from '../../lib/chart-data/chart-types';
import {
  BUILDER_KINDS,
  defaultChartPick,
  isStackable,
  yCandidates,
  type ChartPick,
  type PickStack,
} from '../../lib/chart-data/chart-pick';
import './chart-builder.css';

const STACKS: readonly { stack: PickStack; label: string }[] = [
  { stack: 'unstacked', label: 'Unstacked' },
  { stack: 'stacked', label: 'Stacked' },
  { stack: 'stacked100', label: 'Stacked 100%' },
];

interface ChartBuilderProps {
  columns: readonly ChartColumn[];
  pick: ChartPick;
  onChange: (pick: ChartPick) => void;
}

/**
 * For a result without `render`: the chart kind, x column, y columns, series column and
 * stacking, as the render properties would set them. Every change draws at once.
 */
export function ChartBuilder({ columns, pick, onChange }: ChartBuilderProps) {
  const ys = yCandidates(columns).filter((c) => c.name !== pick.x);
  const toggleY = (name: string, on: boolean) => {
    const next = on ? [...pick.ys, name] : pick.ys.filter((y) => y !== name);
    // Keep the result's column order, so series and legend do not depend on click order.
    const ordered = columns.map((c) => c.name).filter((n) => next.includes(n));
    if (ordered.length > 0) onChange({ ...pick, ys: ordered });
  };
  return (
    <form
      className="chart-builder"
      aria-label="Chart builder"
      onSubmit={(event) => event.preventDefault()}
    >
      <label>
        Chart
        <select
          aria-label="Chart type"
          value={pick.kind}
          onChange={(event) => onChange({ ...pick, kind: event.target.value as ChartPick['kind'] })}
        >
          {BUILDER_KINDS.map(({ kind, label }) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        X
        <select
          aria-label="X column"
          value={pick.x}
          onChange={(event) => {
            const x = event.target.value;
            const rest = pick.ys.filter((y) => y !== x);
            onChange({
              ...pick,
              x,
              ys:
                rest.length > 0
                  ? rest
                  : ys
                      .filter((c) => c.name !== x)
                      .map((c) => c.name)
                      .slice(0, 1),
              series: pick.series === x ? null : pick.series,
            });
          }}
        >
          {columns.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="chart-builder__ys" aria-label="Y columns">
        <legend>Y</legend>
        {ys.length === 0 && <span className="chart-builder__hint">no numeric column</span>}
        {ys.map((c) => (
          <label key={c.name}>
            <input
              type="checkbox"
              checked={pick.ys.includes(c.name)}
              onChange={(event) => toggleY(c.name, event.target.checked)}
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <label>
        Series
        <select
          aria-label="Series column"
          value={pick.series ?? ''}
          onChange={(event) => onChange({ ...pick, series: event.target.value || null })}
        >
          <option value="">None</option>
          {columns
            .filter((c) => c.name !== pick.x && !pick.ys.includes(c.name))
            .map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        Kind
        <select
          aria-label="Stacking"
          value={isStackable(pick.kind) ? pick.stack : 'unstacked'}
          disabled={!isStackable(pick.kind)}
          title={isStackable(pick.kind) ? undefined : 'Only column, bar and area charts stack'}
          onChange={(event) => onChange({ ...pick, stack: event.target.value as PickStack })}
        >
          {STACKS.map(({ stack, label }) => (
            <option key={stack} value={stack}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          const fresh = defaultChartPick(columns);
          if (fresh) onChange(fresh);
        }}
      >
        Reset
      </button>
    </form>
  );
}
