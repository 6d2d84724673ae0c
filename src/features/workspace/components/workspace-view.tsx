import { useEffect, useId, useState } from 'react';
import { loadDraft, saveDraft } from '../../../lib/storage/workspace-draft-store';
import { useColorScheme } from '../../../lib/theme/color-scheme';
import { preloadResultGrid, ResultsPanel } from '../../query/components/results-panel';
import { useKustoQueryRun } from '../../query/hooks/use-kusto-query-run';
import { useRuntimeConfig } from '../../../lib/config/runtime-config-context';
import { checkTokenTarget, createTrustedHostPolicy } from '../../../lib/trusted-hosts';
import { AddConnectionDialog } from '../../connections/components/add-connection-dialog';
import { useConnections, type Connection } from '../use-connections';

const WORKSPACE = 'default';
const DEFAULT_QUERY = 'StormEvents\n| summarize count() by State\n| top 3 by count_';

export function WorkspaceView({ onSignInAgain }: { onSignInAgain: () => void }) {
  const config = useRuntimeConfig();
  const { connections, addConnection } = useConnections(WORKSPACE);
  const [adding, setAdding] = useState(false);
  const [initial] = useState(() => loadDraft(WORKSPACE));
  const [text, setText] = useState(initial?.text ?? DEFAULT_QUERY);
  const [connectionId, setConnectionId] = useState(
    initial?.connectionId && connections.some((c) => c.id === initial.connectionId)
      ? initial.connectionId
      : (connections[0]?.id ?? null),
  );
  const connection = connections.find((c) => c.id === connectionId) ?? connections[0];

  // Saved on every change, so a sign-in redirect or a reload never loses unsent work.
  useEffect(() => saveDraft(WORKSPACE, { text, connectionId }), [text, connectionId]);
  useEffect(preloadResultGrid, []);

  const checkCluster = (url: string) => {
    const verdict = checkTokenTarget(
      url,
      createTrustedHostPolicy({ extraHosts: config.trustedHosts }),
    );
    return verdict.ok ? null : `Quarry will not send your token to ${url}: ${verdict.reason}`;
  };

  if (!connection) return null;
  return (
    <main className="workspace" id="main">
      <AddConnectionDialog
        open={adding}
        onClose={() => setAdding(false)}
        checkCluster={checkCluster}
        onAdd={(added) => {
          setConnectionId(addConnection(added));
          setAdding(false);
        }}
      />
      {connection.kind === 'kusto' ? (
        <KustoWorkspace
          key={connection.id}
          connection={connection}
          connections={connections}
          onConnectionChange={setConnectionId}
          onAddConnection={() => setAdding(true)}
          text={text}
          onTextChange={setText}
          onSignInAgain={onSignInAgain}
        />
      ) : (
        <p>Application Insights connections are not available yet.</p>
      )}
    </main>
  );
}

interface KustoWorkspaceProps {
  connection: Extract<Connection, { kind: 'kusto' }>;
  connections: Connection[];
  onConnectionChange(id: string): void;
  onAddConnection(): void;
  text: string;
  onTextChange(text: string): void;
  onSignInAgain(): void;
}

function KustoWorkspace({
  connection,
  connections,
  onConnectionChange,
  onAddConnection,
  text,
  onTextChange,
  onSignInAgain,
}: KustoWorkspaceProps) {
  const { run, start, cancel } = useKustoQueryRun(connection);
  const scheme = useColorScheme();
  const queryId = useId();
  const connectionSelectId = useId();
  const running = run.status === 'running';

  const runText = (value: string) => {
    if (value.trim()) start(value);
  };

  return (
    <>
      <div className="toolbar">
        <label htmlFor={connectionSelectId}>Connection</label>
        <select
          id={connectionSelectId}
          value={connection.id}
          onChange={(event) => onConnectionChange(event.target.value)}
        >
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={onAddConnection}>
          Add cluster
        </button>
        <span className="toolbar__cluster" title={connection.clusterUrl}>
          {connection.clusterUrl}
        </span>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="button button--primary"
          onClick={() => runText(text)}
          disabled={!text.trim()}
          aria-keyshortcuts="Shift+Enter"
          title="Run (Shift+Enter)"
        >
          Run
        </button>
        <button
          type="button"
          className="button"
          onClick={cancel}
          disabled={!running}
          title="Cancel (Esc)"
        >
          Cancel
        </button>
      </div>
      <label className="visually-hidden" htmlFor={queryId}>
        Query
      </label>
      <textarea
        id={queryId}
        className="query-box"
        spellCheck={false}
        value={text}
        onChange={(event) => onTextChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.shiftKey || event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            runText(text);
          } else if (event.key === 'Escape' && running) {
            event.preventDefault();
            cancel();
          }
        }}
      />
      <ResultsPanel run={run} dark={scheme === 'dark'} onSignInAgain={onSignInAgain} />
    </>
  );
}
