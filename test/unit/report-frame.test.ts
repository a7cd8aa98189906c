import { describe, expect, it } from 'vitest';
import { REPORT_MARKER, type HarnessReport } from '../../protocol/index.js';
import { MAX_REPORTED_MS, parseReportFrame, userOutputOutsideFrame } from '../../judge-core/report-frame.js';
import { REPORT_MARKER as HARNESS_MARKER } from '../../sandbox-image/harness/javascript/messages.cjs';

const NONCE = 'n0nce1234';
const report: HarnessReport = {
  tests: [{ name: 'a', kind: 'case', status: 'ok', value: [0, 1], timeMs: 1.5 }],
  stdout: 'hello\n',
  outputLimitExceeded: false,
};

function frame(r: unknown, nonce = NONCE): string {
  return '\n' + REPORT_MARKER + nonce + ' ' + Buffer.from(JSON.stringify(r)).toString('base64') + '\n';
}

describe('parseReportFrame', () => {
  it('decodes the frame carrying the nonce', () => {
    expect(parseReportFrame('noise' + frame(report), NONCE)).toEqual(report);
  });

  it('takes the last frame with the nonce and ignores frames with other nonces', () => {
    const fake = { ...report, tests: [{ name: 'a', kind: 'case', status: 'ok', value: 'forged', timeMs: 1 }] };
    const out = frame(fake, 'guess') + frame(fake) + frame(report) + frame(fake, 'guess2');
    expect(parseReportFrame(out, NONCE)?.tests[0]?.value).toEqual([0, 1]);
  });

  it('finds nothing without the nonce, for an empty nonce, or when the frame is cut off', () => {
    expect(parseReportFrame(frame(report, 'other'), NONCE)).toBeUndefined();
    expect(parseReportFrame(frame(report, ''), '')).toBeUndefined();
    expect(parseReportFrame(frame(report).slice(0, -1), NONCE)).toBeUndefined();
  });

  it('rejects payloads that are not base64 JSON of a report', () => {
    expect(parseReportFrame('\n' + REPORT_MARKER + NONCE + ' ###\n', NONCE)).toBeUndefined();
    expect(parseReportFrame(frame({ tests: 'x', stdout: '', outputLimitExceeded: false }), NONCE)).toBeUndefined();
    expect(parseReportFrame(frame({ ...report, tests: [{ name: 'a', kind: 'case', status: 'passed', timeMs: 1 }] }), NONCE)).toBeUndefined();
    expect(parseReportFrame(frame({ ...report, compileError: { message: 'x', line: 0 } }), NONCE)).toBeUndefined();
  });

  it('clamps reported times into [0, ten minutes] and refuses a time that is not a finite number', () => {
    const timed = (timeMs: unknown) => parseReportFrame(frame({ ...report, tests: [{ name: 'a', kind: 'case', status: 'ok', timeMs }] }), NONCE);
    expect(timed(-1)?.tests[0]?.timeMs).toBe(0);
    expect(timed(1e308)?.tests[0]?.timeMs).toBe(MAX_REPORTED_MS);
    expect(timed('1')).toBeUndefined();
    // JSON.parse reads 1e400 as Infinity: such a frame is refused, not believed.
    const infinite = '{"tests":[{"name":"a","kind":"case","status":"ok","timeMs":1e400}],"stdout":"","outputLimitExceeded":false}';
    expect(parseReportFrame('\n' + REPORT_MARKER + NONCE + ' ' + Buffer.from(infinite).toString('base64') + '\n', NONCE)).toBeUndefined();
  });

  it('keeps compile errors, fatal messages and error sources', () => {
    const r: HarnessReport = {
      compileError: { message: 'SyntaxError: x', line: 3 },
      tests: [{ name: 't', kind: 'script', status: 'failed', error: { message: 'm', line: 2, source: 'tests' }, timeMs: 0 }],
      stdout: '',
      outputLimitExceeded: true,
      fatal: { message: 'f' },
    };
    expect(parseReportFrame(frame(r), NONCE)).toEqual(r);
  });

  it('uses the same marker as the harnesses', () => {
    expect(HARNESS_MARKER).toBe(REPORT_MARKER);
  });
});

describe('userOutputOutsideFrame', () => {
  it('returns stdout without the real frame', () => {
    expect(userOutputOutsideFrame('before' + frame(report) + 'after', NONCE)).toBe('beforeafter');
  });

  it('returns everything when there is no frame', () => {
    expect(userOutputOutsideFrame('just output', NONCE)).toBe('just output');
  });
});
