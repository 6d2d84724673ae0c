interface DialogFooterProps {
  /** What is wrong with the form, announced as an alert; null hides it. */
  problem: string | null;
  /** The problem's id, for the field's aria-describedby. */
  problemId?: string;
  cancelLabel?: string;
  submitLabel: string;
  onCancel(): void;
}

/** The end of a dialog form: its problem (if any), then the cancel and submit buttons. */
export function DialogFooter({
  problem,
  problemId,
  cancelLabel = 'Close',
  submitLabel,
  onCancel,
}: DialogFooterProps) {
  return (
    <>
      {problem && (
        <p className="dialog__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
      </div>
    </>
  );
}
