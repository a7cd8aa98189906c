// @ts-check
'use strict';

/**
 * TypeScript for the JavaScript harness, as pure functions of the compiler module (they take
 * `ts`, so unit tests call them with the repository's copy and the sandbox with the image's):
 * - transpile: the user's TypeScript to the JavaScript that runs in vm2, with a map from each
 *   line of that JavaScript back to the TypeScript line it came from (the runner reports errors
 *   at JavaScript lines; interfaces and type aliases vanish in the output, so lines shift);
 * - typeCheck: the type checker's errors in the user's file, against the ES2022 library and the
 *   sandbox's own globals (pairjudge-env.d.ts), never against the DOM or Node's types;
 * - toDiagnostics: those errors as the report's 1-based { line, column, message }.
 * Nothing here runs user code: the compiler only reads it.
 */

const path = require('node:path');
const fs = require('node:fs');
const { decode } = require('@jridgewell/sourcemap-codec');

/** The user's file as the compiler names it (the runner names the JavaScript solution.js). */
const SOLUTION_FILE = 'solution.ts';
const TESTS_FILE = 'tests.ts';
/** The sandbox's globals (console, timers, require, the test helpers), as the prelude defines them. */
const ENV_FILE = path.join(__dirname, 'pairjudge-env.d.ts');
// Enough to show what is wrong without flooding the result (the result's schema allows 50).
const MAX_DIAGNOSTICS = 50;
const MAX_MESSAGE = 1000;

/**
 * @typedef {typeof import('typescript')} Ts
 * @typedef {{ line: number, column: number, message: string }} Diagnostic
 * @typedef {{ ok: true, js: string, lines: number[] } | { ok: false, error: { message: string, line?: number } }} Transpiled
 */

/**
 * The code as JavaScript for vm2. A syntax error (any error the parser reports) is the
 * submission's compile error, at its line; type errors are not looked at here.
 * @param {Ts} ts @param {string} code @param {string} [fileName]
 * @returns {Transpiled}
 */
function transpile(ts, code, fileName = SOLUTION_FILE) {
  const out = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      // What Node 18 runs natively: only types are taken out, nothing is down-levelled.
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      sourceMap: true,
      inlineSourceMap: false,
      removeComments: false,
    },
  });
  const error = (out.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const [first] = toDiagnostics(ts, [error]);
    return { ok: false, error: first ? { message: first.message, line: first.line } : { message: messageOf(ts, error) } };
  }
  // The emitted text ends with a sourceMappingURL comment the runner has no use for.
  const js = out.outputText.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
  return { ok: true, js, lines: lineMap(out.sourceMapText ?? '') };
}

/**
 * For each line of the emitted JavaScript (index 0 is line 1), the 1-based TypeScript line its
 * first mapped piece came from; a line with no mapping (emitted helpers) takes the one before.
 * @param {string} sourceMapText
 * @returns {number[]}
 */
function lineMap(sourceMapText) {
  /** @type {{ mappings?: unknown }} */
  const map = sourceMapText ? JSON.parse(sourceMapText) : {};
  const decoded = typeof map.mappings === 'string' ? decode(map.mappings) : [];
  /** @type {number[]} */
  const lines = [];
  let last = 1;
  for (const segments of decoded) {
    const mapped = segments.find((segment) => segment.length >= 4);
    if (mapped && mapped.length >= 4) last = /** @type {number} */ (mapped[2]) + 1;
    lines.push(last);
  }
  return lines;
}

/**
 * The TypeScript line of a JavaScript line (unknown lines stay as they are).
 * @param {number[]} lines @param {number} jsLine
 */
function originalLine(lines, jsLine) {
  return lines[jsLine - 1] ?? (lines.length > 0 ? /** @type {number} */ (lines[lines.length - 1]) : jsLine);
}

/** @param {Ts} ts @param {import('typescript').Diagnostic} d */
function messageOf(ts, d) {
  return ('TS' + d.code + ': ' + ts.flattenDiagnosticMessageText(d.messageText, '\n')).slice(0, MAX_MESSAGE);
}

/**
 * The compiler's diagnostics as the report carries them: 1-based line and column in the user's
 * file, `TSnnnn: message`, in file order, at most MAX_DIAGNOSTICS. Diagnostics without a place in
 * a file (option errors) are left out: they would be ours, not the submission's.
 * @param {Ts} ts @param {readonly import('typescript').Diagnostic[]} diagnostics
 * @returns {Diagnostic[]}
 */
function toDiagnostics(ts, diagnostics) {
  return diagnostics
    .filter((d) => d.file !== undefined && typeof d.start === 'number')
    .sort((a, b) => /** @type {number} */ (a.start) - /** @type {number} */ (b.start))
    .slice(0, MAX_DIAGNOSTICS)
    .map((d) => {
      const at = /** @type {import('typescript').SourceFile} */ (d.file).getLineAndCharacterOfPosition(/** @type {number} */ (d.start));
      return { line: at.line + 1, column: at.character + 1, message: messageOf(ts, d) };
    });
}

/**
 * The options of the type check: strict, as a TypeScript user expects by default, with the ES2022
 * library only (vm2's realm has no DOM, and Node's own API is out of reach in the sandbox).
 * @param {Ts} ts @returns {import('typescript').CompilerOptions}
 */
function checkOptions(ts) {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    noEmit: true,
    types: [],
    skipLibCheck: true,
    // Only the files given: an import names nothing the checker could read.
    noResolve: true,
  };
}

/**
 * A type checker over a fixed set of library files, parsed once: the harness makes one while the
 * container waits for its job (warm pool), and checks the job's code with it.
 * @param {Ts} ts
 */
function createChecker(ts) {
  const libDir = path.dirname(require.resolve('typescript'));
  const options = checkOptions(ts);
  /** @type {Map<string, import('typescript').SourceFile>} */
  const parsed = new Map();
  /** @param {string} fileName */
  const readLibrary = (fileName) => {
    // Only the compiler's library folder and our globals file: nothing else is readable.
    if (fileName === ENV_FILE || path.dirname(fileName) === libDir) {
      try {
        return fs.readFileSync(fileName, 'utf8');
      } catch {
        return undefined;
      }
    }
    return undefined;
  };
  /** @type {import('typescript').Program | undefined} */
  let previous;
  /**
   * @param {string} code
   * @returns {Diagnostic[]}
   */
  function check(code) {
    /** @type {import('typescript').CompilerHost} */
    const host = {
      getSourceFile(fileName, languageVersion) {
        if (fileName === SOLUTION_FILE) return ts.createSourceFile(fileName, code, languageVersion, true);
        const known = parsed.get(fileName);
        if (known) return known;
        const text = readLibrary(fileName);
        if (text === undefined) return undefined;
        const file = ts.createSourceFile(fileName, text, languageVersion, true);
        parsed.set(fileName, file);
        return file;
      },
      getDefaultLibFileName: () => path.join(libDir, 'lib.es2022.d.ts'),
      getDefaultLibLocation: () => libDir,
      writeFile: () => undefined,
      getCurrentDirectory: () => '/',
      getDirectories: () => [],
      fileExists: (fileName) => fileName === SOLUTION_FILE || parsed.has(fileName) || readLibrary(fileName) !== undefined,
      readFile: (fileName) => (fileName === SOLUTION_FILE ? code : readLibrary(fileName)),
      getCanonicalFileName: (fileName) => fileName,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
    };
    const program = ts.createProgram({ rootNames: [SOLUTION_FILE, ENV_FILE], options, host, ...(previous ? { oldProgram: previous } : {}) });
    previous = program;
    const file = program.getSourceFile(SOLUTION_FILE);
    if (!file) return [];
    return toDiagnostics(ts, [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]);
  }
  return { check };
}

module.exports = { transpile, lineMap, originalLine, toDiagnostics, createChecker, SOLUTION_FILE, TESTS_FILE };
