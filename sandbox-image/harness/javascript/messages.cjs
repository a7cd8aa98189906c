// @ts-check
'use strict';

/**
 * What the main thread (harness.cjs) and the worker thread (runner.cjs) tell each other, and the
 * report frame marker. The report shapes mirror protocol/harness.ts (this file is plain CommonJS
 * because the harness runs without a build step; a unit test checks the marker stays in step).
 */

/** Must equal REPORT_MARKER in protocol/harness.ts. */
const REPORT_MARKER = '@@pairjudge-report:';

/**
 * @typedef {{ message: string, line?: number, source?: 'code' | 'tests' }} ErrorInfo
 * @typedef {'ok' | 'failed' | 'error' | 'timeout'} TestStatus
 * @typedef {{ name: string, kind: 'case' | 'script', status: TestStatus, value?: unknown, error?: ErrorInfo, timeMs: number, stdout?: string }} TestResult
 * @typedef {{ compileError?: ErrorInfo, tests: TestResult[], stdout: string, outputLimitExceeded: boolean, fatal?: { message: string }, diagnostics?: { line: number, column: number, message: string }[] }} Report
 * @typedef {{ name: string, argsJson: string, stdin?: string }} CaseInput  `stdin`: a stdin/stdout case (no arguments)
 * @typedef {{ testTimeoutMs: number, outputBytes: number, valueBytes: number }} Limits
 *
 * @typedef {object} RunnerInput  workerData of runner.cjs (no nonce: it stays in the main thread)
 * @property {string} code
 * @property {string} [entry]
 * @property {{ name: string }[]} cases  names only: arguments come one case at a time (MainMessage)
 * @property {string} [script]
 * @property {boolean} [io]  stdin/stdout cases: the program runs afresh per case, reading MainMessage's stdin
 * @property {Limits} limits
 * @property {number} startAt  first test index to run (a restart after a hung test)
 * @property {boolean} quietSetup  drop console output of code that already ran in an earlier worker
 * @property {number} outputUsed  bytes of output the main thread already holds
 * @property {'escape-simulation'} [variant]  set by the trusted command line only (see harness.cjs)
 *
 * @typedef {{ t: 'phase', phase: 'load' }
 *   | { t: 'compileError', error: ErrorInfo }
 *   | { t: 'loadFailed', status: 'error' | 'timeout', error: ErrorInfo }
 *   | { t: 'casesReady' }
 *   | { t: 'start', index: number }
 *   | { t: 'done', index: number, result: TestResult }
 *   | { t: 'plan', names: string[], topLevel?: TestResult }
 *   | { t: 'out', text: string, over?: boolean, err?: boolean }
 *   | { t: 'crash', message: string }
 *   | { t: 'end' }} RunnerMessage
 *
 * What the main thread tells the worker: the next case to run, or that the cases are over.
 * @typedef {{ t: 'runCase', index: number, argsJson: string, stdin?: string } | { t: 'casesDone' }} MainMessage
 */

module.exports = { REPORT_MARKER };
