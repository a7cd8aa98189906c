/** Saves text as a file the way a browser does (and Electron, which asks where). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the room and the time: `interview-ABCD-EFGH-JKMN-2026-11-29T17-40.html`. */
export function exportFileName(room: string, at: number, extension: string): string {
  const stamp = new Date(at).toISOString().slice(0, 16).replace(/:/g, '-');
  return `interview-${room.replace(/[^A-Z0-9-]/gi, '')}-${stamp}.${extension}`;
}
