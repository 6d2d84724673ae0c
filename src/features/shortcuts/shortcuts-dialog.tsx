import { useId } from 'react';
import './shortcuts.css';
import { useModalDialog } from '../../lib/dom/use-modal-dialog';
import { SHORTCUTS } from './shortcut-table';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The `?` overlay: every shortcut, as ADX documents it, for this platform. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog ref={ref} className="dialog dialog--wide" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog__form">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <p className="dialog__hint">
          The Azure Data Explorer web UI’s shortcuts. Editor shortcuts work while the query editor
          has focus.
        </p>
        <div className="shortcuts-table-wrap">
          <table className="shortcuts-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">{isMac ? 'Mac' : 'Windows and Linux'}</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map((shortcut) => (
                <tr key={shortcut.action}>
                  <th scope="row">
                    {shortcut.action}
                    {shortcut.note && <span className="dialog__hint"> — {shortcut.note}</span>}
                  </th>
                  <td>
                    <kbd>{isMac ? shortcut.mac : shortcut.windows}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
