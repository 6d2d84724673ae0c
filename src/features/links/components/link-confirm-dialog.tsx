import { useId, useState, type FormEvent } from 'react';
import './links.css';
import { useModalDialog } from '../../../lib/dom/use-modal-dialog';
import { DialogFooter } from '../../../lib/dom/dialog-footer';
import type { PendingLink } from '../use-link-intake';

/** The preview shows the start of a long query; the tab gets all of it. */
const PREVIEW_CHARS = 1500;

interface LinkConfirmDialogProps {
  pending: PendingLink | null;
  onOpen(database: string): void;
  onCancel(): void;
}

/**
 * "Open help.eastus.kusto.windows.net / Samples?" — the full host and database a link points
 * at, its query as plain text, and nothing sent anywhere until Open.
 */
export function LinkConfirmDialog({ pending, onOpen, onCancel }: LinkConfirmDialogProps) {
  const ref = useModalDialog(pending !== null);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide"
      aria-labelledby={titleId}
      // Esc closes a pending question (a cancel); the close after Open or Cancel is not one.
      onClose={pending ? onCancel : undefined}
    >
      {pending && (
        <LinkConfirmForm
          key={pending.id}
          pending={pending}
          onOpen={onOpen}
          titleId={titleId}
          onCancel={onCancel}
        />
      )}
    </dialog>
  );
}

function LinkConfirmForm({
  pending,
  onOpen,
  onCancel,
  titleId,
}: Omit<LinkConfirmDialogProps, 'pending'> & { pending: PendingLink; titleId: string }) {
  const ids = { title: titleId, database: useId(), problem: useId() };
  const [database, setDatabase] = useState(
    pending.kind === 'kusto' ? (pending.database ?? pending.suggestedDatabase) : '',
  );
  const [problem, setProblem] = useState<string | null>(null);

  const asksForDatabase = pending.kind === 'kusto' && pending.database === null;
  const where =
    pending.kind === 'kusto'
      ? pending.database === null
        ? pending.host
        : `${pending.host} / ${pending.database}`
      : `App Insights app ${pending.appId} at ${new URL(pending.endpoint).host}`;
  const text = pending.link.text;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending.kind === 'kusto' && !database.trim()) {
      setProblem(`This link names no database. Enter one of ${pending.host}’s databases.`);
      return;
    }
    onOpen(database.trim());
  };

  return (
    <form onSubmit={submit} className="dialog__form">
      <h2 id={ids.title}>Open {where}?</h2>
      <p>
        A link asks Quarry to connect to{' '}
        <strong>{pending.kind === 'kusto' ? pending.clusterUrl : pending.endpoint}</strong>. Nothing
        has been sent there yet. Open it only if you trust the link: opening adds the connection and
        uses your account there.
      </p>
      {asksForDatabase && (
        <>
          <label htmlFor={ids.database}>Database</label>
          <input
            id={ids.database}
            value={database}
            onChange={(event) => setDatabase(event.target.value)}
            aria-describedby={problem ? ids.problem : undefined}
            aria-invalid={problem !== null}
            spellCheck={false}
            autoFocus
          />
        </>
      )}
      {text !== null && (
        <>
          <p>The query opens in a new tab and does not run until you run it:</p>
          <pre className="link-preview" aria-label="Linked query">
            {text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}
          </pre>
        </>
      )}
      {pending.notes.map((note) => (
        <p key={note} className="dialog__hint">
          {note}
        </p>
      ))}
      <DialogFooter
        problem={problem}
        problemId={ids.problem}
        cancelLabel="Cancel"
        submitLabel="Open"
        onCancel={onCancel}
      />
    </form>
  );
}
