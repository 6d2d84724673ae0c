import { useEffect, useId, useRef, useState } from 'react';
import type { AccountInfo } from '@azure/msal-browser';
import './account-menu.css';

interface AccountMenuProps {
  account: AccountInfo;
  onSignOut: () => void;
  onSwitchAccount: () => void;
}

export function AccountMenu({ account, onSignOut, onSwitchAccount }: AccountMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === 'Escape'
          : !rootRef.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const name = account.name || account.username;
  return (
    <div className="account-menu" ref={rootRef}>
      <button
        type="button"
        className="account-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="account-menu__avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="account-menu__name">{name}</span>
      </button>
      {open && (
        <div className="account-menu__popover" role="menu" id={menuId}>
          <div className="account-menu__identity">
            <strong>{name}</strong>
            <span>{account.username}</span>
          </div>
          <button type="button" role="menuitem" onClick={onSwitchAccount}>
            Switch account
          </button>
          <button type="button" role="menuitem" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}

function initials(name: string): string {
  const parts = name.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}
