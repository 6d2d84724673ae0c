import { vi } from 'vitest';

/**
 * Makes the next `times` calls of indexedDB.open fail as browsers do when their storage
 * hiccups (Chrome's "Internal error opening backing store", Safari's "Connection to Indexed
 * Database server lost"); later calls open normally. Undo with vi.restoreAllMocks().
 */
export function failOpens(times: number, name = 'UnknownError') {
  const original = indexedDB.open.bind(indexedDB);
  let left = times;
  return vi.spyOn(indexedDB, 'open').mockImplementation((...args) => {
    if (left > 0) {
      left--;
      throw new DOMException('Internal error opening backing store for indexedDB.open.', name);
    }
    return original(...args);
  });
}
