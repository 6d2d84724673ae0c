import { useId, useState, type FormEvent } from 'react';
import { useModalDialog } from '../../../lib/dom/use-modal-dialog';
import { DialogFooter } from '../../../lib/dom/dialog-footer';

/** Query API endpoints of the public and sovereign clouds. */
export const appInsightsClouds = [
  { id: 'public', label: 'Azure (public)', endpoint: 'https://api.applicationinsights.io' },
  { id: 'usgov', label: 'Azure US Government', endpoint: 'https://api.applicationinsights.us' },
  { id: 'china', label: 'Azure China', endpoint: 'https://api.applicationinsights.azure.cn' },
] as const;

interface AddAppInsightsDialogProps {
  open: boolean;
  onClose(): void;
  /** Returns a message when the endpoint may not receive a token, else null. */
  checkEndpoint(url: string): string | null;
  onAdd(app: { appId: string; name: string; endpoint: string }): void;
}

/** Add an Application Insights app by its Application ID (API Access blade). */
export function AddAppInsightsDialog({
  open,
  onClose,
  checkEndpoint,
  onAdd,
}: AddAppInsightsDialogProps) {
  const ref = useModalDialog(open);
  const [appId, setAppId] = useState('');
  const [name, setName] = useState('');
  const [cloud, setCloud] = useState<string>('public');
  const [customEndpoint, setCustomEndpoint] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { title: useId(), appId: useId(), name: useId(), cloud: useId(), endpoint: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = appId.trim();
    if (!id) return setProblem('Enter the Application ID from the resource’s API Access blade.');
    let endpoint = appInsightsClouds.find((c) => c.id === cloud)?.endpoint ?? '';
    if (cloud === 'custom') {
      try {
        endpoint = new URL(customEndpoint.trim()).origin;
      } catch {
        return setProblem(`"${customEndpoint.trim()}" is not a URL.`);
      }
    }
    const untrusted = checkEndpoint(endpoint);
    if (untrusted) return setProblem(untrusted);
    setProblem(null);
    onAdd({ appId: id, name: name.trim() || id, endpoint });
    setAppId('');
    setName('');
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form onSubmit={submit} className="dialog__form">
        <h2 id={ids.title}>Add an Application Insights app</h2>
        <label htmlFor={ids.appId}>Application ID</label>
        <input
          id={ids.appId}
          value={appId}
          onChange={(event) => setAppId(event.target.value)}
          placeholder="00000000-0000-0000-0000-000000000000"
          spellCheck={false}
          autoFocus
        />
        <label htmlFor={ids.name}>Display name</label>
        <input id={ids.name} value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor={ids.cloud}>Cloud</label>
        <select id={ids.cloud} value={cloud} onChange={(event) => setCloud(event.target.value)}>
          {appInsightsClouds.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
          <option value="custom">Other endpoint…</option>
        </select>
        {cloud === 'custom' && (
          <>
            <label htmlFor={ids.endpoint}>Endpoint</label>
            <input
              id={ids.endpoint}
              value={customEndpoint}
              onChange={(event) => setCustomEndpoint(event.target.value)}
              placeholder="https://api.applicationinsights.io"
              spellCheck={false}
            />
          </>
        )}
        <p className="dialog__hint">
          Your account needs the Reader role on the Application Insights resource.
        </p>
        <DialogFooter problem={problem} submitLabel="Add" onCancel={onClose} />
      </form>
    </dialog>
  );
}
