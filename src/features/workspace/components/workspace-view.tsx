import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { QueryEditorHandle } from '../../editor/query-editor-props';
import { kustoLinkPath } from '../../../lib/share-link';
import type { DraftTab } from '../../../lib/storage/workspace-draft-store';
import { checkTokenTarget } from '../../../lib/trusted-hosts';
import { useTrustedHosts } from '../../../lib/trusted-hosts/trusted-hosts-context';
import { AddAppInsightsDialog } from '../../connections/components/add-app-insights-dialog';
import { AddConnectionDialog } from '../../connections/components/add-connection-dialog';
import { AddPrometheusDialog } from '../../prometheus/components/add-prometheus-dialog';
import { PrometheusTabPanel } from '../../prometheus/components/prometheus-tab-panel';
import { HistoryPanel } from '../../history';
import { preloadResultGrid } from '../../results/components/results-panel';
import { SavedQueriesSidebar, type SavedQuery } from '../../saved-queries';
import { targetOf, type QueryTarget } from '../../../lib/sources/query-target';
import { AppInsightsSchemaTree } from '../../schema/components/schema-tree';
import { KustoClusterTree } from '../../schema/components/kusto-cluster-tree';
import { useConnections, type Connection } from '../use-connections';
import { useRememberedWidth } from '../use-remembered-width';
import { useEmbeddingFlags } from '../../embedding/embedding-context';
import { usePinnedConnections } from '../use-pinned-connections';
import { useWorkspaceState } from '../use-workspace-state';
import { QueryTabPanel } from './query-tab-panel';
import { QueryTabStrip } from './query-tab-strip';
import { useLinkIntake } from '../../links/use-link-intake';
import { LinkConfirmDialog } from '../../links/components/link-confirm-dialog';
import { OpenLinkDialog } from '../../links/components/open-link-dialog';
import { ShortcutsDialog } from '../../shortcuts/shortcuts-dialog';
import { isTextField, workspaceShortcut } from '../../shortcuts/shortcut-table';
import './workspace-view.css';

const DEFAULT_TIME_RANGE = { kind: 'relative', duration: 'P1D' } as const;

/**
 * `onSignInAgain` is what the sign-in panel's button does; null when the embedding page provides
 * the tokens (f-IFrameAuth), where the button asks that page again by running the query again.
 */
export function WorkspaceView({ onSignInAgain }: { onSignInAgain: (() => void) | null }) {
  const trustedHosts = useTrustedHosts();
  // Embedders choose the storage workspace, pin one cluster/database and hide parts of the UI.
  const {
    workspace: WORKSPACE,
    pinned,
    hideConnectionPane,
    showShareMenu,
    showConnectionButtons,
    showFileMenu,
    showOpenNewWindowButton,
  } = useEmbeddingFlags();
  const SIDEBAR_KEY = `quarry.${WORKSPACE}.sidebar`;
  const {
    connections: allConnections,
    addConnection,
    saveProblem: connectionSaveProblem,
  } = useConnections(WORKSPACE);
  const connections = usePinnedConnections(allConnections, pinned);
  const [adding, setAdding] = useState<
    'cluster' | 'app' | 'prometheus' | 'link' | 'shortcuts' | null
  >(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sidePanel, setSidePanel] = useState<'saved' | 'history' | null>(() =>
    readSidebar(SIDEBAR_KEY),
  );
  const tabs = useWorkspaceState(WORKSPACE);
  const { activeTab, saveProblem, closedTabs, updateTab, openInNewTab } = tabs;

  useEffect(preloadResultGrid, []);
  useEffect(() => {
    try {
      if (sidePanel) window.localStorage.setItem(SIDEBAR_KEY, sidePanel);
      else window.localStorage.removeItem(SIDEBAR_KEY);
    } catch {
      // the layout choice then lasts for this page only
    }
  }, [sidePanel, SIDEBAR_KEY]);

  const connectionFor = (tab: DraftTab): Connection | undefined =>
    connections.find((c) => c.id === tab.connectionId) ?? connections[0];

  const checkCluster = (url: string) => {
    const verdict = checkTokenTarget(url, trustedHosts);
    return verdict.ok ? null : `Quarry will not send your token to ${url}: ${verdict.reason}`;
  };

  /** A connection id for a cluster+database, adding it (after the trust check) if it is new. */
  const connectionIdFor = (clusterUrl: string, database: string): string | { problem: string } => {
    const existing = connections.find(
      (c) => c.kind === 'kusto' && c.clusterUrl === clusterUrl && c.database === database,
    );
    if (existing) return existing.id;
    const problem = checkCluster(clusterUrl);
    return problem ? { problem } : addConnection({ kind: 'kusto', clusterUrl, database });
  };

  const appConnectionIdFor = (appId: string, endpoint: string): string | { problem: string } => {
    const existing = connections.find(
      (c) => c.kind === 'appinsights' && c.appId === appId && c.endpoint === endpoint,
    );
    if (existing) return existing.id;
    const problem = checkCluster(endpoint);
    return problem ? { problem } : addConnection({ kind: 'appinsights', appId, endpoint });
  };

  const prometheusConnectionIdFor = (
    endpoint: string,
    auth: 'entra' | 'proxy',
  ): string | { problem: string } => {
    const existing = connections.find(
      (c) => c.kind === 'prometheus' && c.endpoint === endpoint && c.auth === auth,
    );
    if (existing) return existing.id;
    const problem = checkCluster(endpoint);
    return problem ? { problem } : addConnection({ kind: 'prometheus', endpoint, auth });
  };

  /** Opens a saved, shared or past query in a new tab (never runs it). */
  const openQuery = (
    title: string,
    text: string,
    connection: QueryTarget,
    timeRange?: DraftTab['timeRange'],
    promql?: DraftTab['promql'],
  ): boolean => {
    const id =
      connection.kind === 'kusto'
        ? connectionIdFor(connection.clusterUrl, connection.database)
        : connection.kind === 'prometheus'
          ? prometheusConnectionIdFor(connection.endpoint, connection.auth)
          : appConnectionIdFor(connection.appId, connection.endpoint);
    if (typeof id !== 'string') {
      setNotice(`"${title}" was not opened: ${id.problem}`);
      return false;
    }
    openInNewTab({
      title,
      text,
      connectionId: id,
      ...(timeRange !== undefined ? { timeRange } : {}),
      ...(promql !== undefined ? { promql } : {}),
    });
    return true;
  };

  // A link (the address this page opened with, or one pasted) asks before it connects, then
  // opens its query in a new tab without running it.
  const links = useLinkIntake({
    connections: allConnections,
    checkTarget: checkCluster,
    open: (title, text, connection, timeRange) => openQuery(title, text, connection, timeRange),
    notify: setNotice,
    // Inside an embedding frame a path or cluster= pins the picker (embedding flags) instead.
    pinned: pinned !== null,
  });

  const closeQueryTab = tabs.closeTab;
  const reopenQueryTab = tabs.reopenTab;
  const newQueryTab = tabs.newTab;
  const moveToTab = tabs.stepTab;

  // The ADX web UI's workspace shortcuts (the editor's own are Monaco's); `?` lists them all.
  const onShortcutKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    // A dialog is open: its keys are its own.
    if (adding !== null || links.pending !== null) return;
    const action = workspaceShortcut(event, isTextField(event.target));
    if (!action) return;
    event.preventDefault();
    if (action === 'new-tab') newQueryTab();
    else if (action === 'previous-tab') moveToTab(-1);
    else if (action === 'next-tab') moveToTab(1);
    else if (action === 'reopen-tab') reopenQueryTab();
    else setAdding('shortcuts');
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcutKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const activeConnection = connectionFor(activeTab);
  // Every tab's editor by tab id; the schema tree inserts into the visible tab's.
  const editors = useRef(new Map<string, QueryEditorHandle>());
  const insertName = (name: string) => editors.current.get(activeTab.id)?.insertAtCaret(name);
  /** The schema tree's "Use": the tab moves to that database of the same cluster, as the picker does. */
  const switchDatabase = (clusterUrl: string, database: string) => {
    const id = connectionIdFor(clusterUrl, database);
    if (typeof id !== 'string') setNotice(`Could not switch to ${database}: ${id.problem}`);
    else updateTab(activeTab.id, { connectionId: id });
  };
  const leftPane = useRememberedWidth<HTMLElement>(`quarry.${WORKSPACE}.layout.left`);
  const rightPane = useRememberedWidth<HTMLDivElement>(`quarry.${WORKSPACE}.layout.right`);

  return (
    <main className="workspace" id="main">
      <AddConnectionDialog
        open={adding === 'cluster'}
        onClose={() => setAdding(null)}
        checkCluster={checkCluster}
        onAdd={(added) => {
          updateTab(activeTab.id, { connectionId: addConnection({ kind: 'kusto', ...added }) });
          setAdding(null);
        }}
      />
      <ShortcutsDialog open={adding === 'shortcuts'} onClose={() => setAdding(null)} />
      <LinkConfirmDialog pending={links.pending} onOpen={links.confirm} onCancel={links.cancel} />
      <OpenLinkDialog
        open={adding === 'link'}
        onClose={() => setAdding(null)}
        onLink={(href) => links.intake(href, { clusterHostLinks: true })}
      />
      <AddAppInsightsDialog
        open={adding === 'app'}
        onClose={() => setAdding(null)}
        checkEndpoint={checkCluster}
        onAdd={(app) => {
          updateTab(activeTab.id, { connectionId: addConnection({ kind: 'appinsights', ...app }) });
          setAdding(null);
        }}
      />
      <AddPrometheusDialog
        open={adding === 'prometheus'}
        onClose={() => setAdding(null)}
        checkEndpoint={checkCluster}
        onAdd={(added) => {
          updateTab(activeTab.id, {
            connectionId: addConnection({ kind: 'prometheus', ...added }),
          });
          setAdding(null);
        }}
      />
      {!hideConnectionPane && (
        <aside className="pane pane--left" aria-label="Connections" ref={leftPane}>
          <div className="pane__header">
            <h2>Connections</h2>
            {showConnectionButtons && (
              <span className="pane__actions">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setAdding('cluster')}
                >
                  Add cluster
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setAdding('app')}
                >
                  Add app
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setAdding('prometheus')}
                >
                  Add workspace
                </button>
              </span>
            )}
          </div>
          <ul className="connection-list">
            {connections.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="connection-list__item"
                  aria-current={c.id === activeConnection?.id ? 'true' : undefined}
                  onClick={() => updateTab(activeTab.id, { connectionId: c.id })}
                  title={
                    c.kind === 'kusto'
                      ? `${c.clusterUrl} / ${c.database}`
                      : c.kind === 'prometheus'
                        ? c.endpoint
                        : c.label
                  }
                >
                  {c.label}
                </button>
              </li>
            ))}
          </ul>
          {activeConnection?.kind === 'kusto' && (
            <KustoClusterTree
              clusterUrl={activeConnection.clusterUrl}
              database={activeConnection.database}
              onInsert={insertName}
              onUseDatabase={
                pinned
                  ? undefined
                  : (database) => switchDatabase(activeConnection.clusterUrl, database)
              }
            />
          )}
          {activeConnection?.kind === 'appinsights' && (
            <AppInsightsSchemaTree
              endpoint={activeConnection.endpoint}
              appId={activeConnection.appId}
              resource={activeConnection.resource}
              onInsert={insertName}
            />
          )}
        </aside>
      )}

      <section className="pane pane--centre" aria-label="Queries">
        {(saveProblem ?? connectionSaveProblem) && (
          <div className="share-notice storage-problem" role="alert">
            <span>{saveProblem ?? connectionSaveProblem}</span>
          </div>
        )}
        {notice && (
          <div className="share-notice" role="status">
            <span>{notice}</span>
            <button type="button" className="button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        <div className="query-tabs">
          <QueryTabStrip
            tabs={tabs.tabs}
            activeId={activeTab.id}
            onSelect={tabs.selectTab}
            onClose={closeQueryTab}
            onRename={tabs.renameTab}
          />
          <button
            type="button"
            className="button button--small"
            aria-keyshortcuts="Control+J Meta+J"
            title="New tab (Ctrl+J)"
            onClick={newQueryTab}
          >
            New tab
          </button>
          {showConnectionButtons && (
            <button
              type="button"
              className="button button--small"
              onClick={() => setAdding('link')}
            >
              Open a link
            </button>
          )}
          {showOpenNewWindowButton && activeConnection?.kind === 'kusto' && (
            <a
              className="button button--small"
              href={`/${kustoLinkPath(activeConnection.clusterUrl, activeConnection.database)}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              Open in new window
            </a>
          )}
          {closedTabs.length > 0 && (
            <button
              type="button"
              className="button button--small"
              title={`Reopen “${closedTabs.at(-1)!.tab.title}” (Ctrl+Shift+Alt+T)`}
              aria-keyshortcuts="Control+Shift+Alt+T Meta+Shift+Alt+T"
              onClick={reopenQueryTab}
            >
              Reopen closed tab
            </button>
          )}
          <span className="toolbar__spacer" />
          <button
            type="button"
            className="button button--small"
            aria-keyshortcuts="?"
            title="Keyboard shortcuts (?)"
            onClick={() => setAdding('shortcuts')}
          >
            Shortcuts
          </button>
          <button
            type="button"
            className="button button--small"
            aria-pressed={sidePanel === 'saved'}
            onClick={() => setSidePanel((p) => (p === 'saved' ? null : 'saved'))}
          >
            Saved queries
          </button>
          <button
            type="button"
            className="button button--small"
            aria-pressed={sidePanel === 'history'}
            onClick={() => setSidePanel((p) => (p === 'history' ? null : 'history'))}
          >
            History
          </button>
        </div>
        {tabs.tabs.map((tab) => {
          const connection = connectionFor(tab);
          return (
            <div
              key={tab.id}
              id={`${tab.id}-panel`}
              role="tabpanel"
              aria-labelledby={`${tab.id}-tab`}
              className="query-tab-panel"
              hidden={tab.id !== activeTab.id}
            >
              {connection?.kind === 'prometheus' ? (
                <PrometheusTabPanel
                  workspace={WORKSPACE}
                  connection={connection}
                  timeRange={tab.timeRange ?? null}
                  onTimeRangeChange={(timeRange) => updateTab(tab.id, { timeRange })}
                  connections={connections}
                  onConnectionChange={(id) => updateTab(tab.id, { connectionId: id })}
                  text={tab.text}
                  onTextChange={(text) => updateTab(tab.id, { text })}
                  promql={tab.promql}
                  onPromqlChange={(promql) => updateTab(tab.id, { promql })}
                  onSignInAgain={onSignInAgain}
                />
              ) : connection ? (
                <QueryTabPanel
                  workspace={WORKSPACE}
                  tabId={tab.id}
                  connection={connection}
                  timeRange={tab.timeRange === undefined ? DEFAULT_TIME_RANGE : tab.timeRange}
                  onTimeRangeChange={(timeRange) => updateTab(tab.id, { timeRange })}
                  connections={connections}
                  onConnectionChange={(id) => updateTab(tab.id, { connectionId: id })}
                  text={tab.text}
                  onTextChange={(text) => updateTab(tab.id, { text })}
                  onSignInAgain={onSignInAgain}
                  showShare={showShareMenu}
                  active={tab.id === activeTab.id}
                  editorRef={(handle: QueryEditorHandle | null) => {
                    if (handle) editors.current.set(tab.id, handle);
                    else editors.current.delete(tab.id);
                  }}
                />
              ) : (
                <p className="results__notice">No connection is configured.</p>
              )}
            </div>
          );
        })}
      </section>

      {sidePanel && activeConnection && (
        <div className="pane pane--right" ref={rightPane}>
          {sidePanel === 'saved' ? (
            <SavedQueriesSidebar
              workspace={WORKSPACE}
              current={{
                text: activeTab.text,
                connection: targetOf(activeConnection),
                ...(activeConnection.kind !== 'kusto' && activeTab.timeRange !== null
                  ? { timeRange: activeTab.timeRange ?? DEFAULT_TIME_RANGE }
                  : {}),
              }}
              onOpen={(query: SavedQuery) =>
                openQuery(query.name, query.text, query.connection, query.timeRange ?? null)
              }
              showFileMenu={showFileMenu}
            />
          ) : (
            <HistoryPanel
              workspace={WORKSPACE}
              onOpen={(entry) =>
                void openQuery(
                  'From history',
                  entry.text,
                  entry.connection,
                  entry.timeRange,
                  entry.promql && { type: entry.promql.type, step: entry.promql.step },
                )
              }
            />
          )}
        </div>
      )}
    </main>
  );
}

function readSidebar(key: string): 'saved' | 'history' | null {
  try {
    const value = window.localStorage.getItem(key);
    return value === 'saved' || value === 'history' ? value : null;
  } catch {
    return null;
  }
}
