/**
 * The interview report: one self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched) with the final code, every run with its verdict and tests, a chart of characters typed
 * over time, the time to the first accepted run, and the private notes. Everything from the
 * session is escaped: the candidate wrote the code and the test names come from the judge.
 */
import { VERDICT_LABELS } from '../../../../protocol/index.js';
import { codeAt, replaySpan, timeToFirstAccepted, typingSeries } from './replay.js';
import type { ReplayLog } from './replay-log.js';


export function verdictLabel(verdict: string): string {
  return (VERDICT_LABELS as Record<string, string>)[verdict] ?? verdict;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `1 min 05 s`, `42 s`. */
export function formatSpan(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

const clock = (at: number) => new Date(at).toISOString().slice(11, 19);

/** An inline SVG line chart of cumulative characters typed, with runs as coloured ticks. */
export function typingChartSvg(log: ReplayLog, width = 640, height = 140): string {
  const points = typingSeries(log);
  const { start, end } = replaySpan(log);
  const span = Math.max(1, end - start);
  const maxTyped = Math.max(1, ...points.map((p) => p.typed));
  const pad = 28;
  const x = (at: number) => pad + ((at - start) / span) * (width - 2 * pad);
  const y = (typed: number) => height - pad - (typed / maxTyped) * (height - 2 * pad);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.typed).toFixed(1)}`).join(' ');
  const runs = log.runs
    .map((run) => {
      const colour = run.verdict === 'accepted' ? '#1a7f37' : '#cf222e';
      return `<line x1="${x(run.at).toFixed(1)}" x2="${x(run.at).toFixed(1)}" y1="${pad - 6}" y2="${height - pad}" stroke="${colour}" stroke-width="2"><title>${escapeHtml(`${run.mode} ${verdictLabel(run.verdict)} at ${clock(run.at)}`)}</title></line>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Characters typed over time">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"/>`,
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#999"/>`,
    `<text x="${pad}" y="${height - 8}" font-size="11" fill="#555">${clock(start)}</text>`,
    `<text x="${width - pad}" y="${height - 8}" font-size="11" fill="#555" text-anchor="end">${clock(end)}</text>`,
    `<text x="${pad + 4}" y="${pad - 10}" font-size="11" fill="#555">${maxTyped} characters</text>`,
    runs,
    `<path d="${path}" fill="none" stroke="#0969da" stroke-width="2"/>`,
    '</svg>',
  ].join('');
}

export function buildReportHtml(log: ReplayLog): string {
  const { start, end } = replaySpan(log);
  const final = codeAt(log, end);
  const firstAccepted = timeToFirstAccepted(log);
  const title = log.challengeTitle ?? log.challengeId ?? 'Interview';
  const runRows = log.runs
    .map((run, index) => {
      const passed = run.tests.filter((t) => t.passed).length;
      const tests = run.tests
        .map((t) => `<li class="${t.passed ? 'ok' : 'bad'}">${t.passed ? '✓' : '✗'} ${escapeHtml(t.name)}${t.hidden ? ' <em>(hidden)</em>' : ''}</li>`)
        .join('');
      return `<tr class="run"><td>${index + 1}</td><td>${clock(run.at)}</td><td>${escapeHtml(run.by)}</td><td>${run.mode === 'submit' ? 'Submit' : 'Run'}</td><td>${escapeHtml(run.language)}</td><td class="verdict ${run.verdict === 'accepted' ? 'ok' : 'bad'}">${escapeHtml(verdictLabel(run.verdict))}</td><td>${passed}/${run.tests.length}<ul class="tests">${tests}</ul></td></tr>`;
    })
    .join('');
  const notes = log.notes.map((note) => `<li><time>${clock(note.at)}</time> <strong>${escapeHtml(note.author)}</strong>: ${escapeHtml(note.text)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Interview report: ${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:1.8rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
.meta{color:#59636e}pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.8rem;overflow:auto;font:13px/1.4 ui-monospace,monospace}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
.ok{color:#1a7f37}.bad{color:#cf222e}.verdict{font-weight:600}ul.tests{margin:.3rem 0 0;padding-left:1rem;font-size:12px}
.summary{display:flex;gap:2rem}.summary div{background:#f6f8fa;border-radius:6px;padding:.5rem .8rem}.summary b{display:block;font-size:1.2rem}
</style></head><body>
<h1>Interview report: ${escapeHtml(title)}</h1>
<p class="meta">Room ${escapeHtml(log.room)} · ${new Date(start).toISOString().replace('T', ' ').slice(0, 16)} UTC · ${formatSpan(end - start)}</p>
<div class="summary">
<div>Time to first accepted<b id="first-accepted">${firstAccepted === null ? 'never' : formatSpan(firstAccepted)}</b></div>
<div>Runs and submits<b>${log.runs.length}</b></div>
<div>Edits<b>${log.edits.length}</b></div>
</div>
<h2>Characters typed over time</h2>
${typingChartSvg(log)}
<h2>Final code (${escapeHtml(final.language)})</h2>
<pre id="final-code">${escapeHtml(final.code)}</pre>
<h2>Runs</h2>
${log.runs.length ? `<table><thead><tr><th>#</th><th>Time (UTC)</th><th>By</th><th>Mode</th><th>Language</th><th>Verdict</th><th>Tests</th></tr></thead><tbody>${runRows}</tbody></table>` : '<p>No runs.</p>'}
<h2>Private notes</h2>
${notes ? `<ul class="notes">${notes}</ul>` : '<p>No notes.</p>'}
</body></html>
`;
}
