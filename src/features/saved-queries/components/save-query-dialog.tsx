import { useId, useState, type FormEvent } from 'react';
import type { ActionResult } from '../saved-queries-controller';
import { useModalDialog } from '../../../lib/dom/use-modal-dialog';

export interface SaveQueryDetails {
  name: string;
  folder: string;
  tags: string[];
}

interface SaveQueryDialogProps {
  open: boolean;
  /** Suggested name (e.g. the query's first line). */
  defaultName: string;
  /** Existing folders, offered as suggestions. */
  folders: readonly string[];
  onSave: (details: SaveQueryDetails) => Promise<ActionResult>;
  onClose: () => void;
}

/** "Save current query": a modal dialog (native <dialog>, so focus and Escape work natively). */
export function SaveQueryDialog({
  open,
  defaultName,
  folders,
  onSave,
  onClose,
}: SaveQueryDialogProps) {
  const dialogRef = useModalDialog(open);
  const ids = { title: useId(), name: useId(), folder: useId(), folders: useId(), tags: useId() };
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSaving(true);
    const result = await onSave({
      name: String(data.get('name') ?? ''),
      folder: String(data.get('folder') ?? ''),
      tags: splitTags(String(data.get('tags') ?? '')),
    });
    setSaving(false);
    if (result.ok) {
      setError(null);
      onClose();
    } else {
      setError(result.message);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="sq-dialog"
      aria-labelledby={ids.title}
      onClose={() => {
        setError(null);
        onClose();
      }}
    >
      {open && (
        <form onSubmit={(event) => void submit(event)}>
          <h2 id={ids.title} className="sq-dialog__title">
            Save current query
          </h2>
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} name="name" defaultValue={defaultName} required autoFocus />
          <label htmlFor={ids.folder}>
            Folder <span className="sq-optional">(optional)</span>
          </label>
          <input id={ids.folder} name="folder" list={ids.folders} />
          <datalist id={ids.folders}>
            {folders.map((folder) => (
              <option key={folder} value={folder} />
            ))}
          </datalist>
          <label htmlFor={ids.tags}>
            Tags <span className="sq-optional">(optional, separated by commas)</span>
          </label>
          <input id={ids.tags} name="tags" />
          {error && (
            <p className="sq-dialog__error" role="alert">
              {error}
            </p>
          )}
          <div className="sq-dialog__buttons">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={saving}>
              Save
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

export function splitTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}
