/**
 * Input limits of contract v1. The gateway enforces them; clients may use them to warn early.
 * They bound what one submission can make the broker, the worker and the sandbox carry.
 */
export const MAX_CODE_BYTES = 64 * 1024;
export const MAX_SCRIPT_BYTES = 64 * 1024;
export const MAX_CASES = 100;
/**
 * Stdin/stdout cases a request may add in a compiled language: each is a container start of its
 * own (judge-core/program-run.ts), which the run's time budget does not count.
 */
export const MAX_PROGRAM_CASES = 20;
export const MAX_CASE_ARGS = 16;
/** Rows a test script's run may publish (the judge folds the rest into one more row). */
export const MAX_SCRIPT_ROWS = 200;
/** Rows in one result: a challenge's cases and the ad-hoc ones (build-job refuses more), then the script's. */
export const MAX_RESULT_TESTS = 2 * MAX_CASES + MAX_SCRIPT_ROWS;
/** One case's `args` plus `expected`, as JSON. */
export const MAX_CASE_BYTES = 64 * 1024;
/** All ad-hoc cases together, as JSON. */
export const MAX_CASES_TOTAL_BYTES = 512 * 1024;
/** Request bodies beyond this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_WAIT_SECONDS = 60;
export const DEFAULT_WAIT_SECONDS = 20;
