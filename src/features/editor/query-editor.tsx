import { Component, lazy, Suspense, useRef, type ReactNode } from 'react';
import { PlainQueryBox } from './plain-query-box';
import type { CaretHandoff, QueryEditorProps } from './query-editor-props';
import './query-box.css';

const loadKqlEditor = () => import('./kql-editor');
const KqlEditor = lazy(loadKqlEditor);

/**
 * Starts fetching the Monaco editor (about 0.7 MB gzip) without mounting it, e.g. while the
 * user signs in. Safe to call more than once; a failure surfaces when the editor mounts.
 */
export function preloadQueryEditor(): void {
  loadKqlEditor().catch(() => undefined);
}

interface BoundaryProps {
  fallback: (error: unknown) => ReactNode;
  children: ReactNode;
}

/** Keeps a failed Monaco load (chunk blocked, worker crash on create) from blanking the pane. */
class EditorLoadBoundary extends Component<BoundaryProps, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') };
  }

  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}

/**
 * The query editor the shell mounts: the KQL editor (Monaco, loaded on demand) with the plain
 * query box in its place while it loads and if it cannot load, so a query can always be typed
 * and run.
 */
export function QueryEditor(props: QueryEditorProps) {
  const caretHandoff = useRef<CaretHandoff | null>(null);
  const plain = <PlainQueryBox {...props} caretHandoff={caretHandoff} />;
  return (
    <EditorLoadBoundary
      fallback={(error) => (
        <div className="query-editor-fallback">
          <p className="query-editor-fallback__notice" role="status">
            The KQL editor could not load ({reasonOf(error)}); using a plain text box.
          </p>
          {plain}
        </div>
      )}
    >
      <Suspense fallback={plain}>
        <KqlEditor {...props} caretHandoff={caretHandoff} />
      </Suspense>
    </EditorLoadBoundary>
  );
}
