import { useId, useState, type FormEvent } from 'react';
import { clusterUrlFromName } from '../../../lib/share-link';
import { useModalDialog } from '../../../lib/dom/use-modal-dialog';
import { DialogFooter } from '../../../lib/dom/dialog-footer';

interface AddConnectionDialogProps {
  open: boolean;
  onClose(): void;
  /** Returns a message when the cluster may not be used (e.g. an untrusted host), else null. */
  checkCluster(url: string): string | null;
  onAdd(connection: { clusterUrl: string; database: string }): void;
}

/** Add a Kusto cluster by URL. Nothing is saved until the URL is valid and trusted. */
export function AddConnectionDialog({
  open,
  onClose,
  checkCluster,
  onAdd,
}: AddConnectionDialogProps) {
  const ref = useModalDialog(open);
  const [cluster, setCluster] = useState('');
  const [database, setDatabase] = useState('Samples');
  const [problem, setProblem] = useState<string | null>(null);
  const clusterId = useId();
  const databaseId = useId();
  const problemId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = clusterUrlFromName(cluster);
    if (!normalized.ok) return setProblem(normalized.message);
    if (!database.trim()) return setProblem('Enter the database name, e.g. Samples.');
    const untrusted = checkCluster(normalized.url);
    if (untrusted) return setProblem(untrusted);
    setProblem(null);
    onAdd({ clusterUrl: normalized.url, database: database.trim() });
    setCluster('');
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${clusterId}-title`} onClose={onClose}>
      <form onSubmit={submit} className="dialog__form">
        <h2 id={`${clusterId}-title`}>Add a cluster</h2>
        <label htmlFor={clusterId}>Cluster URL</label>
        <input
          id={clusterId}
          value={cluster}
          onChange={(event) => setCluster(event.target.value)}
          placeholder="help, mycluster.westeurope or https://…"
          aria-describedby={problem ? problemId : undefined}
          aria-invalid={problem !== null}
          autoFocus
          spellCheck={false}
        />
        <label htmlFor={databaseId}>Database</label>
        <input
          id={databaseId}
          value={database}
          onChange={(event) => setDatabase(event.target.value)}
          spellCheck={false}
        />
        <DialogFooter
          problem={problem}
          problemId={problemId}
          submitLabel="Add"
          onCancel={onClose}
        />
      </form>
    </dialog>
  );
}
