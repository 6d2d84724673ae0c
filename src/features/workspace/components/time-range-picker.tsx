import { useId, useState } from 'react';
import { timeRangePresets, type TimeRange } from '../../../lib/appinsights';
import './time-range-picker.css';

interface TimeRangePickerProps {
  value: TimeRange | null;
  onChange(value: TimeRange | null): void;
  /** Offer "Set in query" (no range); a Prometheus range query always needs one. */
  allowInQuery?: boolean;
}

const CUSTOM = 'custom';
const IN_QUERY = 'in-query';

/** The App Insights `timespan`: a preset, a custom from/to (UTC), or "set in query" (none). */
export function TimeRangePicker({ value, onChange, allowInQuery = true }: TimeRangePickerProps) {
  const selectId = useId();
  const [customOpen, setCustomOpen] = useState(value?.kind === 'absolute');
  const selected =
    value === null
      ? IN_QUERY
      : value.kind === 'absolute' || customOpen
        ? CUSTOM
        : (timeRangePresets.find((p) => p.duration === value.duration)?.id ?? CUSTOM);

  return (
    <span className="time-range">
      <label htmlFor={selectId}>Time range</label>
      <select
        id={selectId}
        value={selected}
        onChange={(event) => {
          const id = event.target.value;
          if (id === IN_QUERY) {
            setCustomOpen(false);
            onChange(null);
          } else if (id === CUSTOM) {
            setCustomOpen(true);
            const to = new Date();
            const from = new Date(to.getTime() - 24 * 3600 * 1000);
            onChange({ kind: 'absolute', from: from.toISOString(), to: to.toISOString() });
          } else {
            setCustomOpen(false);
            const preset = timeRangePresets.find((p) => p.id === id);
            if (preset) onChange({ kind: 'relative', duration: preset.duration });
          }
        }}
      >
        {timeRangePresets.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.label}
          </option>
        ))}
        <option value={CUSTOM}>Custom (UTC)…</option>
        {allowInQuery && <option value={IN_QUERY}>Set in query</option>}
      </select>
      {value?.kind === 'absolute' && (
        <>
          <input
            type="datetime-local"
            aria-label="From (UTC)"
            value={toLocalInput(value.from)}
            onChange={(event) => onChange({ ...value, from: fromLocalInput(event.target.value) })}
          />
          <input
            type="datetime-local"
            aria-label="To (UTC)"
            value={toLocalInput(value.to)}
            onChange={(event) => onChange({ ...value, to: fromLocalInput(event.target.value) })}
          />
        </>
      )}
    </span>
  );
}

/** datetime-local has no zone; Quarry treats it as UTC so a link means the same everywhere. */
function toLocalInput(iso: string): string {
  return iso.slice(0, 16);
}

function fromLocalInput(value: string): string {
  return value ? `${value}:00Z` : new Date().toISOString();
}
