/**
 * Reading the harness's report frame out of a sandbox's stdout (protocol/harness.ts).
 *
 * Only the LAST frame carrying the job's nonce counts: the harness writes its frame after all user
 * code has finished, and user code cannot know the nonce, so earlier or differently keyed
 * report-looking lines are user output, never the report. Everything decoded here came out of a
 * container and is validated field by field before it is believed.
 */
import {
  REPORT_MARKER,
  type HarnessReport,
  type HarnessTestReport,
  type HarnessTestStatus,
  type ScriptCall,
} from '../protocol/index.js';
import { cleanDiagnostics } from './diagnostics.js';

const STATUSES: readonly HarnessTestStatus[] = ['ok', 'failed', 'error', 'timeout'];
const CALL_OUTCOMES: readonly ScriptCall['outcome'][] = ['ok', 'error', 'timeout', 'unrecorded'];
/**
 * Any time a report gives is clamped to this (ten minutes, far above every limit): a submission
 * that fakes its clock, or forges a frame, must not produce a time that overflows to Infinity
 * downstream (Infinity serializes as null and breaks the result's schema).
 */
export const MAX_REPORTED_MS = 600_000;

/** A reported time: finite numbers are clamped into [0, MAX_REPORTED_MS]; anything else is refused. */
function reportedMs(v: unknown): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  return Math.min(MAX_REPORTED_MS, Math.max(0, v));
}
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

interface FrameSpan {
  start: number;
  end: number;
  payload: string;
}

function lastFrame(stdout: string, nonce: string): FrameSpan | undefined {
  if (nonce === '') return undefined;
  const head = '\n' + REPORT_MARKER + nonce + ' ';
  let at = stdout.lastIndexOf(head);
  while (at !== -1) {
    const from = at + head.length;
    const nl = stdout.indexOf('\n', from);
    // A frame always ends with a newline; a cut-off frame is no frame.
    if (nl !== -1) return { start: at, end: nl + 1, payload: stdout.slice(from, nl) };
    at = at === 0 ? -1 : stdout.lastIndexOf(head, at - 1);
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorInfo(v: unknown): HarnessTestReport['error'] | null {
  if (!isRecord(v) || typeof v.message !== 'string') return null;
  const out: NonNullable<HarnessTestReport['error']> = { message: v.message };
  if (v.line !== undefined) {
    if (typeof v.line !== 'number' || !Number.isInteger(v.line) || v.line < 1) return null;
    out.line = v.line;
  }
  if (v.source !== undefined) {
    if (v.source !== 'code' && v.source !== 'tests') return null;
    out.source = v.source;
  }
  return out;
}

function testReport(v: unknown): HarnessTestReport | null {
  if (!isRecord(v)) return null;
  if (typeof v.name !== 'string') return null;
  if (v.kind !== 'case' && v.kind !== 'script') return null;
  if (!STATUSES.includes(v.status as HarnessTestStatus)) return null;
  const timeMs = reportedMs(v.timeMs);
  if (timeMs === null) return null;
  const out: HarnessTestReport = { name: v.name, kind: v.kind, status: v.status as HarnessTestStatus, timeMs };
  if ('value' in v) out.value = v.value;
  if (v.stdout !== undefined) {
    if (typeof v.stdout !== 'string') return null;
    out.stdout = v.stdout;
  }
  if (v.error !== undefined) {
    const e = errorInfo(v.error);
    if (!e) return null;
    out.error = e;
  }
  return out;
}

function scriptCall(v: unknown): ScriptCall | null {
  if (!isRecord(v) || typeof v.name !== 'string' || typeof v.args !== 'string') return null;
  if (!CALL_OUTCOMES.includes(v.outcome as ScriptCall['outcome'])) return null;
  const timeMs = reportedMs(v.timeMs);
  if (timeMs === null) return null;
  const out: ScriptCall = { name: v.name, args: v.args, outcome: v.outcome as ScriptCall['outcome'], timeMs };
  if (v.value !== undefined) {
    if (typeof v.value !== 'string') return null;
    out.value = v.value;
  }
  if (v.error !== undefined) {
    if (!isRecord(v.error) || typeof v.error.type !== 'string' || typeof v.error.message !== 'string') return null;
    out.error = { type: v.error.type, message: v.error.message };
    if (typeof v.error.line === 'number' && Number.isInteger(v.error.line) && v.error.line > 0) out.error.line = v.error.line;
  }
  return out;
}

function validateReport(v: unknown): HarnessReport | undefined {
  if (!isRecord(v)) return undefined;
  if (!Array.isArray(v.tests) || typeof v.stdout !== 'string' || typeof v.outputLimitExceeded !== 'boolean') return undefined;
  const tests: HarnessTestReport[] = [];
  for (const t of v.tests) {
    const r = testReport(t);
    if (!r) return undefined;
    tests.push(r);
  }
  const report: HarnessReport = { tests, stdout: v.stdout, outputLimitExceeded: v.outputLimitExceeded };
  if (v.compileError !== undefined) {
    const e = errorInfo(v.compileError);
    if (!e) return undefined;
    report.compileError = { message: e.message, ...(e.line !== undefined ? { line: e.line } : {}) };
  }
  if (v.fatal !== undefined) {
    if (!isRecord(v.fatal) || typeof v.fatal.message !== 'string') return undefined;
    report.fatal = { message: v.fatal.message };
  }
  if (v.scriptCalls !== undefined) {
    if (!Array.isArray(v.scriptCalls) || !Array.isArray(v.scriptNames)) return undefined;
    const calls: ScriptCall[] = [];
    for (const c of v.scriptCalls) {
      const call = scriptCall(c);
      if (!call) return undefined;
      calls.push(call);
    }
    if (!v.scriptNames.every((name) => typeof name === 'string')) return undefined;
    report.scriptCalls = calls;
    report.scriptNames = v.scriptNames as string[];
  }
  // Shown beside the verdict, never part of it: malformed entries are dropped, not fatal.
  if (v.diagnostics !== undefined) report.diagnostics = cleanDiagnostics(v.diagnostics);
  return report;
}

/** The report in the last frame keyed by `nonce`, or undefined when there is none or it is malformed. */
export function parseReportFrame(stdout: string, nonce: string): HarnessReport | undefined {
  const frame = lastFrame(stdout, nonce);
  if (!frame || !BASE64.test(frame.payload) || frame.payload.length % 4 !== 0) return undefined;
  try {
    return validateReport(JSON.parse(Buffer.from(frame.payload, 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
}

/** stdout without the report frame (what else reached the real stdout, e.g. from the runtime). */
export function userOutputOutsideFrame(stdout: string, nonce: string): string {
  const frame = lastFrame(stdout, nonce);
  if (!frame) return stdout;
  return stdout.slice(0, frame.start) + stdout.slice(frame.end);
}
