import { useState } from 'react';
import { AGGREGATE_FNS, type AggregateFn, type ResultColumn } from '../../../lib/result-model';
import type { GroupState } from './group-state';
import './group-bar.css';

interface GroupBarProps {
  columns: readonly ResultColumn[];
  state: GroupState;
  onChange: (state: GroupState) => void;
}

const DRAG_TYPE = 'application/x-quarry-group-column';

/**
 * The group bar: the columns the grid groups by (outermost first; drag a chip to reorder, drop a
 * column name from the list onto the bar), the aggregates shown per group, and pivot mode.
 * Grouping itself happens in the worker.
 */
export function GroupBar({ columns, state, onChange }: GroupBarProps) {
  const [aggColumn, setAggColumn] = useState('');
  const [aggFn, setAggFn] = useState<AggregateFn>('sum');
  const free = columns.filter((c) => !state.groupBy.includes(c.name));
  const addGroup = (name: string) => {
    if (!name || state.groupBy.includes(name)) return;
    onChange({ ...state, groupBy: [...state.groupBy, name] });
  };
  const moveGroup = (name: string, before: number) => {
    const rest = state.groupBy.filter((n) => n !== name);
    const at = Math.min(before, rest.length);
    onChange({ ...state, groupBy: [...rest.slice(0, at), name, ...rest.slice(at)] });
  };
  const removeAggregate = (name: string) => {
    const aggregates = { ...state.aggregates };
    delete aggregates[name];
    onChange({ ...state, aggregates });
  };

  return (
    <div className="group-bar" role="group" aria-label="Group and pivot">
      <div
        className="group-bar__zone"
        role="group"
        aria-label="Group by"
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          const name = event.dataTransfer.getData(DRAG_TYPE);
          if (!name) return;
          event.preventDefault();
          if (state.groupBy.includes(name)) moveGroup(name, state.groupBy.length);
          else addGroup(name);
        }}
      >
        <span className="group-bar__label">Group by</span>
        {state.groupBy.length === 0 && (
          <span className="group-bar__hint">pick or drop columns here</span>
        )}
        {state.groupBy.map((name, index) => (
          <span
            key={name}
            className="group-bar__chip"
            draggable
            onDragStart={(event) => event.dataTransfer.setData(DRAG_TYPE, name)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              const dragged = event.dataTransfer.getData(DRAG_TYPE);
              if (!dragged || dragged === name) return;
              event.preventDefault();
              event.stopPropagation();
              if (state.groupBy.includes(dragged)) moveGroup(dragged, index);
              else
                onChange({
                  ...state,
                  groupBy: [
                    ...state.groupBy.slice(0, index),
                    dragged,
                    ...state.groupBy.slice(index),
                  ],
                });
            }}
          >
            {name}
            <button
              type="button"
              aria-label={`Stop grouping by ${name}`}
              onClick={() =>
                onChange({ ...state, groupBy: state.groupBy.filter((n) => n !== name) })
              }
            >
              ×
            </button>
          </span>
        ))}
        <select
          aria-label="Add a group column"
          value=""
          onChange={(event) => addGroup(event.target.value)}
        >
          <option value="">+ column…</option>
          {free.map((c) => (
            <option key={c.name} value={c.name} draggable>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {(state.groupBy.length > 0 || state.pivot) && (
        <div className="group-bar__zone" role="group" aria-label="Aggregates">
          <span className="group-bar__label">Aggregates</span>
          {Object.entries(state.aggregates).map(([name, fn]) => (
            <span key={name} className="group-bar__chip">
              {fn}({name})
              <button
                type="button"
                aria-label={`Remove ${fn}(${name})`}
                onClick={() => removeAggregate(name)}
              >
                ×
              </button>
            </span>
          ))}
          <select
            aria-label="Aggregate function"
            value={aggFn}
            onChange={(event) => setAggFn(event.target.value as AggregateFn)}
          >
            {AGGREGATE_FNS.map((fn) => (
              <option key={fn}>{fn}</option>
            ))}
          </select>
          <select
            aria-label="Aggregate column"
            value={aggColumn}
            onChange={(event) => setAggColumn(event.target.value)}
          >
            <option value="">column…</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            disabled={!aggColumn}
            onClick={() =>
              onChange({ ...state, aggregates: { ...state.aggregates, [aggColumn]: aggFn } })
            }
          >
            Add
          </button>
        </div>
      )}
      <div className="group-bar__zone" role="group" aria-label="Pivot">
        <label className="group-bar__label">
          <input
            type="checkbox"
            checked={state.pivot !== null}
            onChange={(event) =>
              onChange({
                ...state,
                pivot: event.target.checked
                  ? {
                      column:
                        columns.find((c) => !state.groupBy.includes(c.name) && c.type === 'string')
                          ?.name ??
                        columns[0]?.name ??
                        '',
                      fn: 'count',
                      value: '',
                    }
                  : null,
              })
            }
          />
          Pivot mode
        </label>
        {state.pivot && (
          <>
            <select
              aria-label="Pivot column"
              value={state.pivot.column}
              onChange={(event) =>
                onChange({ ...state, pivot: { ...state.pivot!, column: event.target.value } })
              }
            >
              {columns.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            <span className="group-bar__hint">values as columns ×</span>
            <select
              aria-label="Pivot aggregate"
              value={state.pivot.fn}
              onChange={(event) =>
                onChange({
                  ...state,
                  pivot: { ...state.pivot!, fn: event.target.value as AggregateFn },
                })
              }
            >
              {AGGREGATE_FNS.map((fn) => (
                <option key={fn}>{fn}</option>
              ))}
            </select>
            {state.pivot.fn !== 'count' && (
              <select
                aria-label="Pivot value column"
                value={state.pivot.value}
                onChange={(event) =>
                  onChange({ ...state, pivot: { ...state.pivot!, value: event.target.value } })
                }
              >
                <option value="">column…</option>
                {columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </>
        )}
      </div>
    </div>
  );
}
