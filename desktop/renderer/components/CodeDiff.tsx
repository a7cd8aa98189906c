/**
 * A run's code beside the current code, line by line: lines only in the run's code are marked
 * removed on the left, lines only in the current code added on the right. The diff itself is the
 * `diff` package's (Myers' algorithm), not ours.
 */
import { useMemo } from 'react';
import { diffRows } from '../format/code-diff-rows.js';

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
