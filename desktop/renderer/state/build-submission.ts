/**
 * Turns the workspace into a submission request. Custom cases are typed as JSON text, so they
 * are parsed and checked here; a problem names the case and the box to fix instead of sending
 * something the judge would refuse.
 */
import { MAX_CASE_ARGS, MAX_CODE_BYTES, type SubmissionMode, type SubmissionRequest, type TestCase } from '../../../protocol/index.js';
import type { CustomCase, WorkspaceState } from './workspace-state.js';

export interface CaseProblem {
  caseId: string;
  field: 'name' | 'args' | 'expected';
  message: string;
}

export type ParsedCase = { ok: true; value: TestCase } | { ok: false; problems: CaseProblem[] };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not valid JSON' };
  }
}

export function parseCustomCase(item: CustomCase): ParsedCase {
  const problems: CaseProblem[] = [];
  const name = item.name.trim();
  if (name === '') problems.push({ caseId: item.id, field: 'name', message: 'Give the test a name.' });
  else if (name.length > 200) problems.push({ caseId: item.id, field: 'name', message: 'Keep the name under 200 characters.' });

  const args = parseJson(item.argsText);
  if (!args.ok) problems.push({ caseId: item.id, field: 'args', message: `Arguments are not valid JSON: ${args.message}` });
  else if (!Array.isArray(args.value)) problems.push({ caseId: item.id, field: 'args', message: 'Arguments must be a JSON array, e.g. [[2, 7, 11, 15], 9].' });
  else if (args.value.length > MAX_CASE_ARGS) problems.push({ caseId: item.id, field: 'args', message: `At most ${MAX_CASE_ARGS} arguments.` });

  const expected = item.expectedText.trim() === '' ? { ok: false as const, message: 'empty' } : parseJson(item.expectedText);
  if (!expected.ok) problems.push({ caseId: item.id, field: 'expected', message: `Expected value is not valid JSON: ${expected.message}` });

  if (problems.length > 0 || !args.ok || !expected.ok) return { ok: false, problems };
  return { ok: true, value: { name, args: args.value as unknown[], expected: expected.value } };
}

export type BuiltSubmission = { ok: true; request: SubmissionRequest } | { ok: false; message: string; problems: CaseProblem[] };

export function buildSubmission(state: WorkspaceState, mode: SubmissionMode): BuiltSubmission {
  const challenge = state.challenge;
  if (!challenge) return { ok: false, message: 'Open a challenge first.', problems: [] };
  const code = state.code[state.language] ?? '';
  if (code.trim() === '') return { ok: false, message: 'Write some code first.', problems: [] };
  if (new TextEncoder().encode(code).length > MAX_CODE_BYTES) {
    return { ok: false, message: `The code is larger than ${MAX_CODE_BYTES / 1024} KiB.`, problems: [] };
  }
  const request: SubmissionRequest = { language: state.language, code, challengeId: challenge.id, mode };
  // Custom cases belong to Run; Submit is the challenge's own verdict.
  if (mode === 'run' && state.customCases.length > 0) {
    const parsed = state.customCases.map(parseCustomCase);
    const problems = parsed.flatMap((item) => (item.ok ? [] : item.problems));
    if (problems.length > 0) return { ok: false, message: 'Fix your custom tests first.', problems };
    const entry = challenge.entry[state.language];
    request.tests = {
      entry,
      cases: parsed.flatMap((item) => (item.ok ? [{ ...item.value, name: `custom: ${item.value.name}` }] : [])),
    };
  }
  return { ok: true, request };
}
