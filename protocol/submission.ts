/**
 * Submissions and their results (contract v1, see DESIGN.md). These TypeBox schemas are the one
 * source of truth: the gateway validates with them, the OpenAPI document is generated from them,
 * and clients and tests import the static types.
 */
import { Type, type Static } from '@sinclair/typebox';
import { LANGUAGE_IDS } from './languages.js';
import { literalUnion } from './literal-union.js';
import { VERDICTS } from './verdict.js';
import { MAX_CASE_ARGS, MAX_CASES, MAX_CODE_BYTES, MAX_RESULT_TESTS, MAX_SCRIPT_BYTES } from './limits.js';

export const IDENTIFIER_PATTERN = '^[A-Za-z_$][A-Za-z0-9_$]{0,99}$';
export const CHALLENGE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';

export const LanguageSchema = literalUnion(LANGUAGE_IDS, { description: 'Language of the code' });

export const FunctionTestCaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    args: Type.Array(Type.Unknown(), { maxItems: MAX_CASE_ARGS }),
    expected: Type.Unknown(),
  },
  { additionalProperties: false },
);

/** A stdin/stdout case: the program reads `input` and must print `expectedOutput` (exact rule). */
export const IoTestCaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    input: Type.String(),
    expectedOutput: Type.String(),
  },
  { additionalProperties: false },
);

export const TestCaseSchema = Type.Union([FunctionTestCaseSchema, IoTestCaseSchema]);
export type TestCase = Static<typeof TestCaseSchema>;

export const AdHocTestsSchema = Type.Object(
  {
    entry: Type.Optional(Type.String({ pattern: IDENTIFIER_PATTERN, description: 'Function the cases call' })),
    /** Function cases (`args`, `expected`) or stdin/stdout cases (`input`, `expectedOutput`), not both. */
    cases: Type.Optional(Type.Array(TestCaseSchema, { maxItems: MAX_CASES })),
    script: Type.Optional(
      Type.String({ maxLength: MAX_SCRIPT_BYTES, description: 'Test code in the language of the submission' }),
    ),
  },
  { additionalProperties: false },
);
export type AdHocTests = Static<typeof AdHocTestsSchema>;

export const SubmissionModeSchema = Type.Union([Type.Literal('run'), Type.Literal('submit')]);
export type SubmissionMode = Static<typeof SubmissionModeSchema>;

export const SubmissionRequestSchema = Type.Object(
  {
    language: LanguageSchema,
    code: Type.String({ minLength: 1, maxLength: MAX_CODE_BYTES }),
    challengeId: Type.Optional(Type.String({ pattern: CHALLENGE_ID_PATTERN })),
    mode: Type.Optional(SubmissionModeSchema),
    tests: Type.Optional(AdHocTestsSchema),
  },
  { additionalProperties: false },
);
export type SubmissionRequest = Static<typeof SubmissionRequestSchema>;

export const SubmitQuerySchema = Type.Object({
  wait: Type.Optional(Type.Number({ minimum: 0, description: 'Seconds to hold the request open for the result' })),
});

export const ErrorLocationSchema = Type.Object({
  message: Type.String(),
  line: Type.Optional(Type.Integer()),
});
export type ErrorLocation = Static<typeof ErrorLocationSchema>;

/** A type checker's message about the submitted code (TypeScript): shown, never part of the verdict. */
export const DiagnosticSchema = Type.Object({
  line: Type.Integer({ minimum: 1 }),
  column: Type.Integer({ minimum: 1 }),
  message: Type.String({ maxLength: 1000 }),
});
export type Diagnostic = Static<typeof DiagnosticSchema>;

export const TestResultSchema = Type.Object({
  name: Type.String(),
  passed: Type.Boolean(),
  hidden: Type.Boolean(),
  expected: Type.Optional(Type.Unknown()),
  actual: Type.Optional(Type.Unknown()),
  error: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  timeMs: Type.Optional(Type.Number()),
  /** Console output printed during this test (never for a hidden test). */
  stdout: Type.Optional(Type.String()),
});
export type TestResult = Static<typeof TestResultSchema>;

export const VerdictSchema = literalUnion(VERDICTS);

export const SubmissionResultSchema = Type.Object({
  id: Type.String(),
  status: Type.Literal('done'),
  verdict: VerdictSchema,
  tests: Type.Array(TestResultSchema, { maxItems: MAX_RESULT_TESTS }),
  stdout: Type.String(),
  durationMs: Type.Number(),
  /** Why the whole run failed (compile error, crash, limit), when it did. */
  error: Type.Optional(ErrorLocationSchema),
  /** Which sandbox ran it: `process` is weaker than a container (for your own or a trusted partner's code). */
  sandbox: Type.Optional(Type.Union([Type.Literal('docker'), Type.Literal('process')])),
  /** Type errors in the code (TypeScript), from the run whose output is shown; at most 50. */
  diagnostics: Type.Optional(Type.Array(DiagnosticSchema, { maxItems: 50 })),
});
export type SubmissionResult = Static<typeof SubmissionResultSchema>;

export const SubmissionPendingSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running')]),
});
export type SubmissionPending = Static<typeof SubmissionPendingSchema>;

export type SubmissionState = SubmissionResult | SubmissionPending;

export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
  }),
});
export type ApiError = Static<typeof ApiErrorSchema>;
