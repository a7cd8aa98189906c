import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL_ORIGIN, getCode, seedStarterCode, setSelection } from '../../desktop/renderer/pairing/room-doc.js';
import { appendEdit, appendRun, emptyReplayLog, parseReplay, serializeReplay, type ReplayLog } from '../../desktop/renderer/pairing/interview/replay-log.js';
import { codeAt, replaySpan, timeToFirstAccepted, typingSeries } from '../../desktop/renderer/pairing/interview/replay.js';
import { buildReportHtml, escapeHtml } from '../../desktop/renderer/pairing/interview/report.js';

/** A session: starter code at t=1000, the candidate types "abc" at 2000, 3000, 4000 and submits at 5000. */
function session(): { log: ReplayLog; doc: Y.Doc } {
  const doc = new Y.Doc();
  seedStarterCode(doc, { challengeId: 'two-sum', language: 'javascript', starterCode: { javascript: 'start\n', python: 'py\n' } });
  const log = emptyReplayLog('ABCD-EFGH-JKMN', doc, 1000);
  let now = 1000;
  doc.on('update', (update: Uint8Array) => appendEdit(log, { at: now, by: 'Cato', role: 'candidate', update }));
  for (const [at, ch] of [[2000, 'a'], [3000, 'b'], [4000, 'c']] as const) {
    now = at;
    const text = getCode(doc, 'javascript');
    doc.transact(() => text.insert(text.length, ch), LOCAL_ORIGIN);
  }
  appendRun(log, {
    at: 5000,
    by: 'Cato',
    role: 'candidate',
    mode: 'submit',
    language: 'javascript',
    challengeId: 'two-sum',
    verdict: 'wrong_answer',
    tests: [{ name: 'case <1>', passed: false, hidden: false }],
    code: 'start\nabc',
  });
  return { log, doc };
}

describe('replay reconstruction', () => {
  it('shows the code as it was at each moment', () => {
    const { log } = session();
    expect(codeAt(log, 1500).code).toBe('start\n');
    expect(codeAt(log, 2000).code).toBe('start\na');
    expect(codeAt(log, 3500).code).toBe('start\nab');
    expect(codeAt(log, 99_999)).toEqual({ language: 'javascript', code: 'start\nabc', editCount: 3 });
  });

  it('follows the room’s language at that moment', () => {
    const { log, doc } = session();
    setSelection(doc, { language: 'python' });
    expect(codeAt(log, 99_999)).toMatchObject({ language: 'python', code: 'py\n' });
    expect(codeAt(log, 99_999, 'javascript').code).toBe('start\nabc');
  });

  it('counts characters typed over time and the span of the session', () => {
    const { log } = session();
    expect(typingSeries(log).map((p) => [p.at, p.typed])).toEqual([[1000, 0], [2000, 1], [3000, 2], [4000, 3]]);
    expect(replaySpan(log)).toEqual({ start: 1000, end: 5000 });
    expect(timeToFirstAccepted(log)).toBeNull();
    log.runs.push({ ...log.runs[0]!, at: 7000, verdict: 'accepted' });
    expect(timeToFirstAccepted(log)).toBe(6000);
  });

  it('round-trips through its file, and names the bad field of a damaged one', () => {
    const { log } = session();
    expect(parseReplay(serializeReplay(log))).toEqual(log);
    expect(() => parseReplay('{')).toThrow(/not a replay file/);
    expect(() => parseReplay(JSON.stringify({ ...log, runs: [{ ...log.runs[0], verdict: 'great' }] }))).toThrow(/\/runs\/0\/verdict/);
    expect(() => parseReplay(JSON.stringify({ ...log, edits: [{ ...log.edits[0], update: 'AQID' }] }))).toThrow(/\/edits\/0\/update is not a Yjs update/);
  });
});

describe('interview report', () => {
  it('holds the final code, each run with verdict and tests, the typing chart, time to first accepted and the notes, all escaped', () => {
    const { log } = session();
    log.notes.push({ at: 4500, author: 'Iris', text: 'forgot <script>' });
    const html = buildReportHtml({ ...log, challengeTitle: 'Two Sum' });
    expect(html).toContain('<pre id="final-code">start\nabc</pre>');
    expect(html).toContain('Wrong answer');
    expect(html).toContain('case &lt;1&gt;');
    expect(html).toContain('<svg');
    expect(html).toContain('aria-label="Characters typed over time"');
    expect(html).toContain('<b id="first-accepted">never</b>');
    expect(html).toContain('forgot &lt;script&gt;');
    expect(html).not.toContain('<script');
    // Self-contained: nothing fetched.
    expect(html).not.toMatch(/(src|href)="http/);
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
