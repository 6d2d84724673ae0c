import { useId, useState } from 'react';
import { SidePanelNotice } from '../../side-panel/side-panel-notice';
import { describeConnection } from '../../../lib/saved-query-store';
import type { HistoryEntry } from '../../../lib/query-history';
import type { HistoryController, HistoryState } from '../history-controller';
import {
  firstLine,
  formatDuration,
  formatRowCount,
  formatRunSettings,
  formatRunTime,
  OUTCOME_LABELS,
} from '../format-run';
import { useQueryHistory } from '../hooks/use-query-history';
// The shared side-panel frame first; this panel's own rules come after it.
import '../../side-panel/side-panel.css';
import './history.css';

export interface HistoryPanelProps {
  workspace: string;
  /** Put the run's query in the editor (and select its connection). Never runs it. */
  onOpen: (entry: HistoryEntry) => void;
}

export function HistoryPanel({ workspace, onOpen }: HistoryPanelProps) {
  const { state, controller } = useQueryHistory(workspace);
  return <HistoryPanelView state={state} controller={controller} onOpen={onOpen} />;
}

export interface HistoryPanelViewProps {
  state: HistoryState;
  controller: Pick<
    HistoryController,
    'setSearch' | 'clear' | 'remove' | 'dismissError' | 'dismissWarning' | 'retry'
  >;
  onOpen: (entry: HistoryEntry) => void;
  /** For tests: the clock used to decide "today". */
  now?: number;
}

/** Presentation only; every value is rendered as text. */
export function HistoryPanelView({ state, controller, onOpen, now }: HistoryPanelViewProps) {
  const headingId = useId();
  const searchId = useId();
  const [confirmingClear, setConfirmingClear] = useState(false);

  return (
    <section className="side-panel" aria-labelledby={headingId}>
      <div className="history__header">
        <h2 id={headingId} className="side-panel__heading">
          History
        </h2>
        {confirmingClear ? (
          <span className="history__confirm">
            <span>Clear all history?</span>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirmingClear(false);
                void controller.clear();
              }}
            >
              Clear
            </button>
            <button type="button" className="button" onClick={() => setConfirmingClear(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button"
            disabled={state.entries.length === 0 && !state.search}
            onClick={() => setConfirmingClear(true)}
          >
            Clear history
          </button>
        )}
      </div>

      {state.warning && (
        <SidePanelNotice tone="warning" onDismiss={() => controller.dismissWarning()}>
          {state.warning}
        </SidePanelNotice>
      )}
      {state.error && (
        <SidePanelNotice tone="error" onDismiss={() => controller.dismissError()}>
          {state.error}
        </SidePanelNotice>
      )}

      <label className="visually-hidden" htmlFor={searchId}>
        Search history
      </label>
      <input
        id={searchId}
        type="search"
        className="side-panel__search"
        placeholder="Search history"
        value={state.search}
        onChange={(event) => controller.setSearch(event.target.value)}
      />

      {state.status === 'loading' && <p className="side-panel__empty">Loading history…</p>}
      {state.status === 'unavailable' && (
        <div className="side-panel__empty">
          <p>History is unavailable right now. Nothing was deleted.</p>
          <button type="button" className="button" onClick={() => void controller.retry()}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && state.entries.length === 0 && (
        <p className="side-panel__empty">
          {state.search ? `No run matches “${state.search}”.` : 'No queries run yet.'}
        </p>
      )}

      <ol className="side-panel__list">
        {state.entries.map((entry) => (
          <li key={entry.id} className="side-panel__item">
            <button
              type="button"
              className="side-panel__open history__open"
              onClick={() => onOpen(entry)}
            >
              <span className="history__text">{firstLine(entry.text) || '(empty query)'}</span>
              <span className="history__facts">
                <span className={`history__outcome history__outcome--${entry.outcome}`}>
                  {OUTCOME_LABELS[entry.outcome]}
                </span>
                <span>{formatRunTime(entry.startedAt, now)}</span>
                <span>{formatDuration(entry.durationMs)}</span>
                <span>{formatRowCount(entry.rowCount)}</span>
              </span>
              <span className="history__where">
                {describeConnection(entry.connection)}
                {entry.database &&
                entry.connection.kind === 'kusto' &&
                entry.database !== entry.connection.database
                  ? ` (${entry.database})`
                  : ''}
              </span>
              {formatRunSettings(entry) && (
                <span className="history__settings">{formatRunSettings(entry)}</span>
              )}
              {entry.errorMessage && <span className="history__error">{entry.errorMessage}</span>}
            </button>
            <button
              type="button"
              className="history__remove"
              aria-label={`Remove from history: ${firstLine(entry.text)}`}
              onClick={() => void controller.remove(entry.id)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
