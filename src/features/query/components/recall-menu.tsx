import { useEffect, useRef } from 'react';
import type { KeptList } from '../../../lib/query/parse-worker-protocol';
import type { KeptResultInfo } from '../../../lib/query/result-store';
import './recall-menu.css';

/** "12:03:44" today, "4 Dec 12:03" before. */
export function describeKeptTime(savedAt: number, now = Date.now()): string {
  const at = new Date(savedAt);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  return sameDay
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : at.toLocaleString([], {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * Recall (ADX's F8): this tab's kept results, newest first. Picking one shows it from the
 * browser's storage; nothing is sent. The statement at the cursor's own results come first.
 */
export function RecallMenu({
  list,
  statementText,
  problem,
  onPick,
  onClose,
}: {
  /** null while the list loads. */
  list: KeptList | null;
  /** The statement at the cursor: its kept results are marked and listed first. */
  statementText: string;
  /** Why the last pick was not shown. */
  problem: string | null;
  onPick(info: KeptResultInfo): void;
  onClose(): void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const entries = list?.ok
    ? [...list.kept].sort(
        (a, b) =>
          Number(b.text.trim() === statementText.trim()) -
          Number(a.text.trim() === statementText.trim()),
      )
    : [];
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button[role="menuitem"]')?.focus();
  }, [list]);

  return (
    <div
      ref={menu}
      className="recall-menu"
      role="menu"
      aria-label="Recall a kept result"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const items = [
            ...(menu.current?.querySelectorAll<HTMLButtonElement>('button[role="menuitem"]') ?? []),
          ];
          const at = items.indexOf(document.activeElement as HTMLButtonElement);
          const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
          items[next]?.focus();
        }
      }}
    >
      <p className="recall-menu__title">
        Earlier results of this tab, kept in this browser. Recalling one sends nothing.
      </p>
      {list === null && <p className="recall-menu__note">Reading kept results…</p>}
      {list && !list.ok && <p className="recall-menu__note">{list.message}</p>}
      {list?.ok && entries.length === 0 && (
        <p className="recall-menu__note">No results of this tab are kept yet: run a query first.</p>
      )}
      {entries.map((info) => (
        <button
          key={info.id}
          type="button"
          role="menuitem"
          className="recall-menu__item"
          onClick={() => onPick(info)}
        >
          <span className="recall-menu__when">{describeKeptTime(info.savedAt)}</span>
          <span className="recall-menu__text">{firstLine(info.text)}</span>
          <span className="recall-menu__rows">
            {info.rowCount.toLocaleString('en-US')} {info.rowCount === 1 ? 'row' : 'rows'}
            {info.preview ? ' · preview' : ''}
            {info.text.trim() === statementText.trim() ? ' · this statement' : ''}
          </span>
        </button>
      ))}
      {problem && (
        <p className="recall-menu__note" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button recall-menu__close" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
