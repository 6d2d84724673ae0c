import type { ReactNode } from 'react';

interface SidePanelNoticeProps {
  tone: 'warning' | 'error';
  children: ReactNode;
  onDismiss: () => void;
}

/** A dismissable message at the top of a side panel (Saved queries, History). */
export function SidePanelNotice({ tone, children, onDismiss }: SidePanelNoticeProps) {
  return (
    <div
      className={`side-panel__notice side-panel__notice--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <p>{children}</p>
      <button type="button" className="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
