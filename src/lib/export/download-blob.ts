/** Saves a Blob through the browser's download (an <a download> click; nothing is rendered). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file-name-safe stamp: 2025-01-31T12-05-09. */
export function fileTimestamp(at: Date = new Date()): string {
  return at.toISOString().slice(0, 19).replace(/:/g, '-');
}
