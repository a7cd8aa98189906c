/**
 * Makes a Y.Text hold `next` with the smallest edit around the changed middle (common prefix and
 * suffix kept), so a solo session's history of updates stays small and a later merge with another
 * copy touches only what changed.
 */
import type * as Y from 'yjs';

export function setText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  const removed = current.length - start - end;
  const inserted = next.slice(start, next.length - end);
  // One transaction (joining the caller's, if any): one update, one event.
  const apply = () => {
    if (removed > 0) text.delete(start, removed);
    if (inserted) text.insert(start, inserted);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}
