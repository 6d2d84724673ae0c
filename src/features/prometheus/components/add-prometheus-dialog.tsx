import { useId, useState, type FormEvent } from 'react';
import { DialogFooter } from '../../../lib/dom/dialog-footer';
import { useModalDialog } from '../../../lib/dom/use-modal-dialog';

interface AddPrometheusDialogProps {
  open: boolean;
  onClose(): void;
  /** Returns a message when the URL is not a trusted host, else null. */
  checkEndpoint(url: string): string | null;
  onAdd(workspace: { endpoint: string; auth: 'entra' | 'proxy'; name: string }): void;
}

/**
 * Add an Azure Monitor workspace's Prometheus query endpoint: directly, with your own Entra
 * token, or through an Entra auth proxy that adds its own (Quarry then sends no token at all).
 */
export function AddPrometheusDialog({
  open,
  onClose,
  checkEndpoint,
  onAdd,
}: AddPrometheusDialogProps) {
  const ref = useModalDialog(open);
  const [endpoint, setEndpoint] = useState('');
  const [name, setName] = useState('');
  const [auth, setAuth] = useState<'entra' | 'proxy'>('entra');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { title: useId(), endpoint: useId(), name: useId(), auth: useId(), hint: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let origin: string;
    try {
      const url = new URL(endpoint.trim());
      if (url.pathname !== '/' && url.pathname !== '') {
        return setProblem(
          'Enter the endpoint without a path, e.g. https://myworkspace-abcd.westeurope.prometheus.monitor.azure.com',
        );
      }
      origin = url.origin;
    } catch {
      return setProblem(`"${endpoint.trim()}" is not a URL.`);
    }
    const untrusted = checkEndpoint(origin);
    if (untrusted) {
      return setProblem(
        auth === 'proxy'
          ? `${untrusted.replace(/^Quarry will not send your token to/, 'Quarry will not send queries to')} A proxy gets no token, but it gets your queries: it must be listed in trustedHosts.`
          : untrusted,
      );
    }
    setProblem(null);
    onAdd({ endpoint: origin, auth, name: name.trim() || new URL(origin).host });
    setEndpoint('');
    setName('');
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={ids.title} onClose={onClose}>
      <form onSubmit={submit} className="dialog__form">
        <h2 id={ids.title}>Add a Prometheus workspace</h2>
        <fieldset className="dialog__choice">
          <legend>How Quarry reaches it</legend>
          <label>
            <input
              type="radio"
              name="prometheus-auth"
              checked={auth === 'entra'}
              onChange={() => setAuth('entra')}
            />{' '}
            Directly, signed in (your Entra token)
          </label>
          <label>
            <input
              type="radio"
              name="prometheus-auth"
              checked={auth === 'proxy'}
              onChange={() => setAuth('proxy')}
            />{' '}
            Through an Entra auth proxy (no token sent)
          </label>
        </fieldset>
        <label htmlFor={ids.endpoint}>{auth === 'entra' ? 'Query endpoint' : 'Proxy URL'}</label>
        <input
          id={ids.endpoint}
          value={endpoint}
          onChange={(event) => setEndpoint(event.target.value)}
          placeholder={
            auth === 'entra'
              ? 'https://<workspace>.<region>.prometheus.monitor.azure.com'
              : 'https://prometheus-proxy.example.com'
          }
          aria-describedby={ids.hint}
          spellCheck={false}
          autoFocus
        />
        <label htmlFor={ids.name}>Display name</label>
        <input id={ids.name} value={name} onChange={(event) => setName(event.target.value)} />
        <p className="dialog__hint" id={ids.hint}>
          {auth === 'entra'
            ? 'The Query endpoint is on the Azure Monitor workspace’s Overview blade. Your account needs the Monitoring Data Reader role on the workspace.'
            : 'The proxy queries the workspace with its own identity, which needs Monitoring Data Reader. Quarry never sends your token to it; its URL must be in trustedHosts.'}
        </p>
        <DialogFooter problem={problem} submitLabel="Add" onCancel={onClose} />
      </form>
    </dialog>
  );
}
