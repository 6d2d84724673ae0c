/**
 * The Preview / Run / Cancel buttons at the end of a query tab's toolbar (Kusto, App Insights and
 * Prometheus tabs). Run and Preview need some text; Cancel needs a run in flight. Preview is
 * shown only where the tab can preview (not Prometheus).
 */
export function RunControls({
  text,
  running,
  onRun,
  onCancel,
  onPreview,
}: {
  /** The editor's text: blank disables Run and Preview. */
  text: string;
  running: boolean;
  onRun(): void;
  onCancel(): void;
  onPreview?(): void;
}) {
  const blank = !text.trim();
  return (
    <>
      {onPreview && (
        <button
          type="button"
          className="button"
          onClick={onPreview}
          disabled={blank}
          aria-keyshortcuts="Shift+Alt+Enter"
          title="Run the statement at the cursor for its first 50 rows (Shift+Alt+Enter)"
        >
          Preview
        </button>
      )}
      <button
        type="button"
        className="button button--primary"
        onClick={onRun}
        disabled={blank}
        aria-keyshortcuts="Shift+Enter"
        title="Run the statement at the cursor (Shift+Enter)"
      >
        Run
      </button>
      <button
        type="button"
        className="button"
        onClick={onCancel}
        disabled={!running}
        aria-keyshortcuts="Escape Control+Shift+Enter"
        title="Cancel (Esc or Ctrl+Shift+Enter)"
      >
        Cancel
      </button>
    </>
  );
}
