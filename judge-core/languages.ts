/**
 * The language registry: how each language is built and run inside its sandbox image. Adding a
 * language means one entry here, its id and client-facing entry in protocol/languages.ts, and its
 * image family in sandbox-image/build.sh (with its driver in judge-core/drivers/ when it compiles).
 *
 * A language with `compile` is judged in two sandboxes: the compile stage (its own limits; the
 * compilers may fork) turns the source files into one artefact, and the run stage, a fresh sandbox
 * that receives only that artefact, runs it with process creation refused.
 */
import { LANGUAGES, type LanguageId, type Signature } from '../protocol/index.js';
import type { CompileLimits, SandboxLimits, SandboxVariant, SourceFile } from './sandbox.js';
import { cppDriver } from './drivers/cpp-driver.js';
import { cDriver, cSignatureHeader } from './drivers/c-driver.js';
import { goDriver } from './drivers/go-driver.js';
import { javaDriver } from './drivers/java-driver.js';
import { rustDriver } from './drivers/rust-driver.js';
import { readGoTestOutput } from './test-output/go-test-output.js';
import { readRustTestOutput } from './test-output/rust-test-output.js';
import type { TestBinaryReader } from './test-output/test-binary-run.js';

/** The image a language runs in: `js` is the JavaScript/Python image, the others one per toolchain. */
export type ImageFamily = 'js' | 'gcc' | 'java' | 'go' | 'rust';

export interface CompileStep {
  /**
   * The source files of a function-case build: the submission under its own name plus the driver
   * generated from the challenge's signature. Throws UnsupportedSignatureError when the signature
   * has no shape in this language.
   */
  files(code: string, signature: Signature, entry: string): SourceFile[];
  /** The compile command, run where the files are (`harnessRoot` holds the runtime sources). */
  command(harnessRoot: string): string[];
  /** Finds the first error in the submission's own file in the compiler's messages; group 1 is its line. */
  errorLine: RegExp;
  /**
   * Whole-program builds (stdin/stdout cases, script tests; judge-core/program-run.ts): the
   * submission as a program with its own `main`, or the submission followed by the test program
   * (one file, so the tests see the submission's declarations). No driver.
   */
  program?: {
    files(code: string, script: string | undefined): SourceFile[];
    /** `withScript`: the build is the script test's (Go and Rust build a test binary then). */
    command(harnessRoot: string, withScript: boolean): string[];
    /**
     * A script test built as a test binary with named tests (Go, Rust): reads one row per test
     * from the binary's own output. Without it the script is one row, `tests`, read from how the
     * program ended.
     */
    testRows?: TestBinaryReader;
  };
}

export interface LanguageRuntime {
  id: LanguageId;
  family: ImageFamily;
  /** Command that runs the harness inside the image; it reads the job on stdin. */
  command(limits: SandboxLimits, variant?: SandboxVariant): string[];
  /** Message patterns on stderr that mean the runtime ran out of memory. */
  outOfMemoryPatterns: RegExp[];
  compile?: CompileStep;
  /**
   * The harness can type-check the code after its tests (TypeScript): the run whose output is
   * shown asks it to, and its diagnostics reach the result (judge-core/diagnostics.ts).
   */
  typeChecks?: boolean;
}

/** Where the image keeps the harnesses (sandbox-image/harness/ in the repository). */
export const HARNESS_ROOT = '/opt/pairjudge/harness';

/**
 * The compile stage's defaults. Generous next to the run stage: g++ on a template-heavy file takes
 * seconds and a few hundred MiB; a compile that goes past them is the submission's compile error.
 */
export const DEFAULT_COMPILE_LIMITS: CompileLimits = {
  wallTimeMs: 30_000,
  memoryBytes: 768 * 1024 * 1024,
  cpus: 1,
  // gcc runs cc1/cc1plus, as, collect2 and ld one after another: 64 leaves room, a fork bomb stops.
  pids: 64,
  messageBytes: 32 * 1024,
  artefactBytes: 32 * 1024 * 1024,
};

// The flags clients see (GET /v1/languages) are the flags used.
const C_FLAGS = LANGUAGES.c.compilerFlags;
const CPP_FLAGS = LANGUAGES.cpp.compilerFlags;
const JAVA_FLAGS = LANGUAGES.java.compilerFlags;
const GO_FLAGS = LANGUAGES.go.compilerFlags;
const RUST_FLAGS = LANGUAGES.rust.compilerFlags;
/**
 * Go builds offline from Debian's packages: GOPATH mode with testify where Debian puts it
 * (golang-github-stretchr-testify-dev), the build cache in the compile stage's /tmp. cgo stays as
 * Debian built the standard library: testify pulls in net/http, and with CGO_ENABLED=0 every such
 * package is rebuilt (35 s against 13 s for a test binary on a loaded machine); the binary then
 * links the image's libc dynamically, which the run stage (the same image) has.
 */
const GO_ENV = 'GOCACHE=/tmp/gocache GO111MODULE=off GOPATH=/usr/share/gocode';
/**
 * The go image's build cache of testify (sandbox-image/Dockerfile.compiled), copied where the
 * build may write; an image without one builds testify from source, only slower.
 */
const GO_WARM_CACHE = 'cp -r --no-preserve=mode /opt/pairjudge/gocache /tmp/gocache 2>/dev/null;';
/**
 * The run stage starts a binary with no arguments (loader.c), so the test binary turns -test.v on
 * itself: a package init runs before the testing package parses os.Args, and the verbose output
 * names every test (judge-core/test-output/go-test-output.ts reads it). An init, not a TestMain, so
 * the user's own TestMain still builds.
 */
function goVerboseTests(code: string): string {
  const pkg = /^\s*package\s+(\w+)/m.exec(code)?.[1] ?? 'main';
  return `package ${pkg}\n\nimport pairjudgeos "os"\n\nfunc init() { pairjudgeos.Args = append(pairjudgeos.Args[:1:1], "-test.v") }\n`;
}
/** The loader (sandbox-image/harness/compiled/loader.c) writes the artefact to /box and execs it. */
const LOADER = `${HARNESS_ROOT}/compiled/loader`;
const NATIVE_RUN = [LOADER, 'native'];
const GCC_ERROR = (file: string) => new RegExp(`(?:^|[\\s/])${file.replace('.', '\\.')}:(\\d+)(?::\\d+)?: (?:fatal )?error`, 'm');
/** The JVM's heap, well under the container's memory so that running out is a clean OutOfMemoryError. */
function javaHeapMb(limits: SandboxLimits): number {
  return Math.max(32, Math.floor((limits.memoryBytes / (1024 * 1024)) * 0.6));
}
// Out of memory in native code: operator new's bad_alloc (reported by the runtime), or malloc
// returning NULL and the program crashing, which only the kernel's OOM flag can tell.
const NATIVE_OOM = [/std::bad_alloc/, /out of memory/i];

/**
 * Escape-simulation for Python: the submission as plain python3 with no harness around it, as if
 * every in-process guard had fallen. It loads the code and calls the entry with each case's
 * arguments; it writes no report frame, so no verdict it leads to can be `accepted`.
 */
const PYTHON_ESCAPE_SIMULATION = [
  'import json, sys',
  'job = json.load(sys.stdin)',
  "g = {'__name__': '__main__'}",
  "exec(compile(job['code'], 'solution.py', 'exec'), g)",
  "f = g.get(job.get('entry') or '')",
  "for c in job['cases']:",
  '    try:',
  "        f(*c['args'])",
  '    except Exception:',
  '        pass',
].join('\n');

const NODE_OOM = [/heap out of memory/i, /Reached heap limit/, /Array buffer allocation failed/, /reaching memory limit/];

/** The JavaScript harness's command line (JavaScript and TypeScript). */
function nodeHarness(limits: SandboxLimits, variant: SandboxVariant | undefined, flags: string[]): string[] {
  return [
    'node',
    // Keep V8's heap well under the container's memory limit so that a memory bomb ends as a
    // clean "heap out of memory" from V8 rather than depending on the kernel's OOM killer.
    `--max-old-space-size=${Math.max(32, Math.floor((limits.memoryBytes / (1024 * 1024)) * 0.6))}`,
    `${HARNESS_ROOT}/javascript/harness.cjs`,
    ...flags,
    // The same harness with the user's code in a plain node:vm context holding Node's own
    // require and process (sandbox-image/harness/javascript/plain-vm.cjs).
    ...(variant === 'escape-simulation' ? ['--escape-simulation'] : []),
  ];
}

export const LANGUAGE_RUNTIMES: Record<LanguageId, LanguageRuntime> = {
  javascript: {
    id: 'javascript',
    command: (limits, variant) => nodeHarness(limits, variant, []),
    outOfMemoryPatterns: NODE_OOM,
    family: 'js',
  },
  typescript: {
    id: 'typescript',
    // The same harness, told to transpile first (sandbox-image/harness/javascript/typescript/).
    // The flag is the trusted side's, like --escape-simulation: nothing in the job selects it.
    command: (limits, variant) => nodeHarness(limits, variant, ['--typescript']),
    outOfMemoryPatterns: NODE_OOM,
    typeChecks: true,
    family: 'js',
  },
  python: {
    id: 'python',
    // -I: isolated mode (ignore PYTHON* env and user site), -S: no site module, -B: no .pyc writes.
    command: (_limits, variant) =>
      variant === 'escape-simulation'
        ? ['python3', '-I', '-S', '-B', '-c', PYTHON_ESCAPE_SIMULATION]
        : ['python3', '-I', '-S', '-B', `${HARNESS_ROOT}/python/harness.py`],
    outOfMemoryPatterns: [/\bMemoryError\b/],
    family: 'js',
  },
  c: {
    id: 'c',
    family: 'gcc',
    command: () => NATIVE_RUN,
    outOfMemoryPatterns: NATIVE_OOM,
    compile: {
      errorLine: GCC_ERROR('solution.c'),
      files: (code, signature, entry) => [
        { name: 'solution.c', text: code },
        // The entry's prototype is forced into solution.c: a mismatch is a compile error there.
        { name: 'signature.h', text: cSignatureHeader(signature, entry) },
        { name: 'driver.cpp', text: cDriver(signature, entry) },
      ],
      command: (root) => [
        'sh',
        '-c',
        `gcc ${C_FLAGS.join(' ')} -include signature.h -c solution.c -o solution.o && ` +
          `g++ -std=c++17 -O2 -pipe -I${root}/compiled/cpp -o artefact driver.cpp solution.o -lm`,
      ],
      program: {
        files: (code, script) => [{ name: 'solution.c', text: script === undefined ? code : `${code}\n${script}` }],
        command: () => ['gcc', ...C_FLAGS, '-o', 'artefact', 'solution.c', '-lm'],
      },
    },
  },
  cpp: {
    id: 'cpp',
    family: 'gcc',
    command: () => NATIVE_RUN,
    outOfMemoryPatterns: NATIVE_OOM,
    compile: {
      errorLine: GCC_ERROR('solution.cpp'),
      files: (code, signature, entry) => [
        { name: 'solution.cpp', text: code },
        { name: 'driver.cpp', text: cppDriver(signature, entry) },
      ],
      command: (root) => ['g++', ...CPP_FLAGS, `-I${root}/compiled/cpp`, '-o', 'artefact', 'driver.cpp', '-lm'],
      program: {
        files: (code, script) => [{ name: 'solution.cpp', text: script === undefined ? code : `${code}\n${script}` }],
        // -lcrypto: OpenSSL's headers are in the image (MD5 and the like), so is the library.
        command: () => ['g++', ...CPP_FLAGS, '-o', 'artefact', 'solution.cpp', '-lm', '-lcrypto'],
      },
    },
  },
  java: {
    id: 'java',
    family: 'java',
    // The run stage is the JVM (a process with threads: GC and compiler threads are clone() with
    // CLONE_THREAD, which the run stage's seccomp profile allows; new processes stay refused).
    // Serial GC and C1 only: fewer threads and a faster start for programs that run for a second.
    command: (limits) => [
      LOADER,
      'java',
      '/usr/bin/java',
      `-Xmx${javaHeapMb(limits)}m`,
      '-Xss64m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-XX:-UsePerfData',
      '-Xshare:auto',
      '-cp',
      `/box/program.jar:${HARNESS_ROOT}/compiled/java/classes`,
      'Main',
    ],
    outOfMemoryPatterns: [/OutOfMemoryError/],
    compile: {
      errorLine: /(?:^|[\s/])Solution\.java:(\d+): error/m,
      files: (code, signature, entry) => [
        { name: 'Solution.java', text: code },
        { name: 'Main.java', text: javaDriver(signature, entry) },
      ],
      command: (root) => [
        'sh',
        '-c',
        `javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 ${JAVA_FLAGS.join(' ')} -cp ${root}/compiled/java/classes -d classes Solution.java Main.java && ` +
          'jar --create --file artefact -C classes .',
      ],
      program: {
        // The submission and the tests in one Main.java: the tests' `public class Main` beside the
        // submission's classes (a stdin/stdout program is itself `public class Main`).
        files: (code, script) => [{ name: 'Main.java', text: script === undefined ? code : `${code}\n${script}` }],
        command: () => [
          'sh',
          '-c',
          `javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 ${JAVA_FLAGS.join(' ')} -d classes Main.java && jar --create --file artefact -C classes .`,
        ],
      },
    },
  },
  go: {
    id: 'go',
    family: 'go',
    // A static Go binary; the Go runtime's threads are clone() with CLONE_THREAD (allowed).
    command: () => NATIVE_RUN,
    outOfMemoryPatterns: [/out of memory/],
    compile: {
      errorLine: /(?:^|[\s/])solution\.go:(\d+):\d+: /m,
      files: (code, signature, entry) => [
        { name: 'solution.go', text: code },
        { name: 'driver.go', text: goDriver(signature, entry) },
      ],
      command: (root) => [
        'sh',
        '-c',
        `cp ${root}/compiled/go/pairjudge.go . && GOCACHE=/tmp/gocache GO111MODULE=off go build ${GO_FLAGS.join(' ')} -o artefact solution.go driver.go pairjudge.go`,
      ],
      program: {
        // A stdin/stdout program is the submission alone (package main with func main). A script
        // test is the submission and the tests (solution_test.go) built by `go test -c` into a
        // test binary, with a third file that turns -test.v on (goVerboseTests).
        files: (code, script) =>
          script === undefined
            ? [{ name: 'solution.go', text: code }]
            : [
                { name: 'solution.go', text: code },
                { name: 'solution_test.go', text: script },
                { name: 'zz_pairjudge_test.go', text: goVerboseTests(code) },
              ],
        command: (_root, withScript) => [
          'sh',
          '-c',
          withScript ? `${GO_WARM_CACHE} ${GO_ENV} go test -c -vet=off ${GO_FLAGS.join(' ')} -o artefact .` : `${GO_ENV} go build ${GO_FLAGS.join(' ')} -o artefact solution.go`,
        ],
        testRows: readGoTestOutput,
      },
    },
  },
  rust: {
    id: 'rust',
    family: 'rust',
    command: () => NATIVE_RUN,
    outOfMemoryPatterns: [/memory allocation of \d+ bytes failed/],
    compile: {
      errorLine: /^error(?:\[E\d+\])?: .*\n\s*--> solution\.rs:(\d+)/m,
      files: (code, signature, entry) => [
        { name: 'solution.rs', text: code },
        { name: 'main.rs', text: rustDriver(signature, entry) },
      ],
      command: (root) => ['sh', '-c', `cp ${root}/compiled/rust/pairjudge.rs . && rustc ${RUST_FLAGS.join(' ')} -o artefact main.rs`],
      program: {
        // The tests (a #[cfg(test)] module) after the submission in one file, so `use super::*`
        // sees it; `rustc --test` makes libtest's binary of the #[test] functions.
        files: (code, script) => [{ name: 'solution.rs', text: script === undefined ? code : `${code}\n${script}` }],
        // A test binary carries libtest with the standard library's debug info: 18 MB, more than
        // the run stage's /box holds; without the debug info 1 MB (its symbols stay for backtraces).
        command: (_root, withScript) => ['rustc', ...RUST_FLAGS, ...(withScript ? ['--test', '-C', 'strip=debuginfo'] : []), '-o', 'artefact', 'solution.rs'],
        testRows: readRustTestOutput,
      },
    },
  },
};
