/**
 * Side-by-side rows of a line diff (the `diff` package's, Myers' algorithm): lines only in
 * `before` are 'removed' on the left, lines only in `after` 'added' on the right, paired up.
 */
import { diffLines } from 'diff';

export interface DiffRow {
  left: { text: string; kind: 'same' | 'removed' } | null;
  right: { text: string; kind: 'same' | 'added' } | null;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Side-by-side rows: removed and added blocks are paired up line by line. */
export function diffRows(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  const flush = (added: string[]) => {
    const count = Math.max(removed.length, added.length);
    for (let i = 0; i < count; i++) {
      rows.push({
        left: i < removed.length ? { text: removed[i]!, kind: 'removed' } : null,
        right: i < added.length ? { text: added[i]!, kind: 'added' } : null,
      });
    }
    removed = [];
  };
  for (const part of diffLines(before, after)) {
    const lines = splitLines(part.value);
    if (part.removed) {
      removed.push(...lines);
    } else if (part.added) {
      flush(lines);
    } else {
      flush([]);
      for (const line of lines) rows.push({ left: { text: line, kind: 'same' }, right: { text: line, kind: 'same' } });
    }
  }
  flush([]);
  return rows;
}

