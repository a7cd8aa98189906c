/**
 * A run's code beside the current code, line by line: lines only in the run's code are marked
 * removed on the left, lines only in the current code added on the right. The diff itself is the
 * `diff` package's (Myers' algorithm), not ours.
 */
import { diffLines } from 'diff';
import { useMemo } from 'react';

interface Row {
  left: { text: string; kind: 'same' | 'removed' } | null;
  right: { text: string; kind: 'same' | 'added' } | null;
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Side-by-side rows: removed and added blocks are paired up line by line. */
export function diffRows(before: string, after: string): Row[] {
  const rows: Row[] = [];
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

export interface CodeDiffProps {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}

export function CodeDiff({ before, after, beforeLabel, afterLabel }: CodeDiffProps) {
  const rows = useMemo(() => diffRows(before, after), [before, after]);
  const changed = rows.filter((row) => row.left?.kind !== 'same').length;
  return (
    <div className="code-diff" data-testid="code-diff">
      <div className="code-diff-head">
        <span>{beforeLabel}</span>
        <span>{afterLabel}</span>
      </div>
      {changed === 0 && <p className="muted code-diff-same">Same as the current code.</p>}
      <div className="code-diff-body" role="table" aria-label="Code difference">
        {rows.map((row, index) => (
          <div className="code-diff-row" role="row" key={index}>
            <pre className={`code-diff-cell ${row.left?.kind ?? 'empty'}`} role="cell" data-side="run">
              {row.left?.text ?? ''}
            </pre>
            <pre className={`code-diff-cell ${row.right?.kind ?? 'empty'}`} role="cell" data-side="current">
              {row.right?.text ?? ''}
            </pre>
          </div>
        ))}
      </div>
    </div>
  );
}
