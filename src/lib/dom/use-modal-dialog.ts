import { useEffect, useRef } from 'react';

/**
 * Drives a native <dialog> from an `open` prop: showModal() (focus trap, Escape, inert page)
 * when it becomes true, close() when it becomes false.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
