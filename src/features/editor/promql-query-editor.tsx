import { Component, lazy, Suspense, useRef, type ReactNode } from 'react';
import { PlainQueryBox } from './plain-query-box';
import type { PromqlEditorProps } from './promql-editor';
import type { CaretHandoff } from './query-editor-props';
import './query-box.css';

const PromqlEditor = lazy(() => import('./promql-editor'));

class EditorLoadBoundary extends Component<
  { fallback: (error: unknown) => ReactNode; children: ReactNode },
  { error: unknown }
> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error('unknown error') };
  }

  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/**
 * The PromQL editor the Prometheus tab mounts (Monaco, loaded on demand), with the plain query
 * box while it loads and if it cannot, so a query can always be typed and run.
 */
export function PromqlQueryEditor(props: Omit<PromqlEditorProps, 'caretHandoff'>) {
  const caretHandoff = useRef<CaretHandoff | null>(null);
  const plain = <PlainQueryBox {...props} schema={null} caretHandoff={caretHandoff} />;
  return (
    <EditorLoadBoundary
      fallback={(error) => (
        <div className="query-editor-fallback">
          <p className="query-editor-fallback__notice" role="status">
            The PromQL editor could not load (
            {(error instanceof Error ? error.message : String(error)).slice(0, 200)}); using a plain
            text box.
          </p>
          {plain}
        </div>
      )}
    >
      <Suspense fallback={plain}>
        <PromqlEditor {...props} caretHandoff={caretHandoff} />
      </Suspense>
    </EditorLoadBoundary>
  );
}
