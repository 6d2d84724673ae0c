import { useEffect, useId, useState } from 'react';
import { useRuntimeConfigConnections } from '../use-connections';
import { loadDraft, saveDraft } from '../../../lib/storage/workspace-draft-store';

const WORKSPACE = 'default';

export function WorkspaceView({ onSignInAgain }: { onSignInAgain: () => void }) {
  void onSignInAgain;
  const connections = useRuntimeConfigConnections();
  const [initial] = useState(() => loadDraft(WORKSPACE));
  const [text, setText] = useState(
    initial?.text ?? 'StormEvents\n| summarize count() by State\n| top 3 by count_',
  );
  const [connectionId, setConnectionId] = useState(
    initial?.connectionId && connections.some((c) => c.id === initial.connectionId)
      ? initial.connectionId
      : (connections[0]?.id ?? null),
  );
  const queryId = useId();
  const connectionSelectId = useId();

  // Saved on every change, so a sign-in redirect or a reload never loses unsent work.
  useEffect(() => saveDraft(WORKSPACE, { text, connectionId }), [text, connectionId]);

  return (
    <main className="workspace" id="main">
      <div className="toolbar">
        <label htmlFor={connectionSelectId}>Connection</label>
        <select
          id={connectionSelectId}
          value={connectionId ?? ''}
          onChange={(event) => setConnectionId(event.target.value)}
        >
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.label}
            </option>
          ))}
        </select>
      </div>
      <label className="visually-hidden" htmlFor={queryId}>
        Query
      </label>
      <textarea
        id={queryId}
        className="query-box"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </main>
  );
}
