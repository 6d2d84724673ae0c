import { useId, useState, type FormEvent } from 'react';
import { useModalDialog } from '../../../lib/dom/use-modal-dialog';
import { DialogFooter } from '../../../lib/dom/dialog-footer';
import { isShareLink } from '../../../lib/share-link';

interface OpenLinkDialogProps {
  open: boolean;
  onClose(): void;
  /** Reads the link and asks about it; resolves false when it could not be read (a notice says why). */
  onLink(href: string): Promise<boolean>;
}

/** Paste an Azure Data Explorer, Kusto.Explorer or Quarry link; it opens in a new tab. */
export function OpenLinkDialog({ open, onClose, onLink }: OpenLinkDialogProps) {
  const ref = useModalDialog(open);
  const ids = { title: useId(), link: useId(), problem: useId() };
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const href = value.trim();
    if (!isShareLink(href, { clusterHostLinks: true }) || !/^https?:\/\//i.test(href)) {
      setProblem(
        'Paste a whole link, e.g. https://dataexplorer.azure.com/clusters/help/databases/Samples?query=…',
      );
      return;
    }
    setProblem(null);
    setValue('');
    onClose();
    void onLink(href);
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form onSubmit={submit} className="dialog__form">
        <h2 id={ids.title}>Open a link</h2>
        <label htmlFor={ids.link}>Link</label>
        <input
          id={ids.link}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="https://dataexplorer.azure.com/clusters/help/databases/Samples?query=…"
          aria-describedby={problem ? ids.problem : undefined}
          aria-invalid={problem !== null}
          spellCheck={false}
          autoFocus
        />
        <p className="dialog__hint">
          Azure Data Explorer and Kusto.Explorer links work, and so do Quarry’s. You are asked
          before anything connects.
        </p>
        <DialogFooter
          problem={problem}
          problemId={ids.problem}
          submitLabel="Open"
          onCancel={onClose}
        />
      </form>
    </dialog>
  );
}
