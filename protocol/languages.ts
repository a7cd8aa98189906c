/**
 * The languages the judge accepts, as clients see them. Adding one means adding its id and its
 * entry here, and its runtime entry in judge-core/languages.ts (with its image family in
 * sandbox-image/build.sh); the gateway's GET /v1/languages, the app's language picker, Monaco's
 * mode and the starter files follow from these two tables.
 */
export const LANGUAGE_IDS = ['javascript', 'typescript', 'python', 'c', 'cpp', 'java', 'go', 'rust'] as const;

export type LanguageId = (typeof LANGUAGE_IDS)[number];

/** How a challenge's tests can be written for a language (see DESIGN.md, contract v1). */
/** `stdin-stdout`: whole programs fed each case's input, their output compared (judge-core/compare-output.ts). */
export type TestStyle = 'function-cases' | 'script' | 'stdin-stdout';

export interface LanguageInfo {
  id: LanguageId;
  name: string;
  /** File extension used for starter code in the catalog. */
  extension: string;
  /** Monaco language id, so the editor can highlight it. */
  editorLanguage: string;
  /** The toolchain, as the image's Debian packages give it. */
  version: string;
  /** Built by a compile stage before it runs (judge-core/languages.ts has its `compile` step). */
  compiled: boolean;
  /** The compile command's flags (empty for languages run from source). */
  compilerFlags: string[];
  testStyles: TestStyle[];
  /** Anything a user should know about how the code is judged. */
  notes?: string;
  /** The code a challenge without a starter of its own shows for this language. */
  starter: string;
}

export const LANGUAGES: Record<LanguageId, LanguageInfo> = {
  javascript: {
    id: 'javascript',
    compiled: false,
    name: 'JavaScript',
    extension: 'js',
    editorLanguage: 'javascript',
    version: 'Node.js 18 (Debian bookworm), inside vm2',
    compilerFlags: [],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    starter: 'function solve(input) {\n  return input;\n}\n',
  },
  typescript: {
    id: 'typescript',
    compiled: false,
    name: 'TypeScript',
    extension: 'ts',
    editorLanguage: 'typescript',
    // The compiler is the `typescript` package the image ships (sandbox-image/build.sh); a unit
    // test keeps this in step with it.
    version: 'TypeScript 5.9.3 on Node.js 18 (Debian bookworm), inside vm2',
    compilerFlags: [],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    notes:
      'Transpiled in the sandbox, then judged like JavaScript. Type errors are reported with their line and column (strict mode, ES2022 library) and do not by themselves fail the run; a syntax error is a compile error.',
    starter: 'function solve(input: unknown): unknown {\n  return input;\n}\n',
  },
  python: {
    id: 'python',
    compiled: false,
    name: 'Python',
    extension: 'py',
    editorLanguage: 'python',
    version: 'Python 3.11 (Debian bookworm)',
    compilerFlags: [],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    starter: 'def solve(value):\n    return value\n',
  },
  c: {
    id: 'c',
    compiled: true,
    name: 'C',
    extension: 'c',
    editorLanguage: 'c',
    version: 'GCC 12 (Debian bookworm), C17 with GNU extensions (POSIX headers)',
    compilerFlags: ['-std=gnu17', '-O2', '-pipe'],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    notes: 'Arrays arrive as a pointer and a length; an array is returned through a pointer with its length in *returnSize (malloc it; the judge frees nothing).',
    starter: '#include <stdlib.h>\n\nint solve(int value) {\n    return value;\n}\n',
  },
  cpp: {
    id: 'cpp',
    compiled: true,
    name: 'C++',
    extension: 'cpp',
    editorLanguage: 'cpp',
    version: 'G++ 12 (Debian bookworm), C++17, Boost and OpenSSL headers',
    compilerFlags: ['-std=c++17', '-O2', '-pipe'],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    starter: '#include <vector>\nusing namespace std;\n\nint solve(int value) {\n    return value;\n}\n',
  },
  java: {
    id: 'java',
    compiled: true,
    name: 'Java',
    extension: 'java',
    editorLanguage: 'java',
    version: 'OpenJDK 17 (Debian bookworm)',
    compilerFlags: ['-encoding', 'UTF-8'],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    notes: 'Write the entry as a method of class Solution; the judge calls new Solution().entry(...).',
    starter: 'class Solution {\n    public int solve(int value) {\n        return value;\n    }\n}\n',
  },
  go: {
    id: 'go',
    compiled: true,
    name: 'Go',
    extension: 'go',
    editorLanguage: 'go',
    version: 'Go 1.19 (Debian bookworm), testify',
    compilerFlags: [],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    notes: 'Write the entry as a function of package main. Script tests are a package main test file: func TestX(t *testing.T), with testify (assert, require).',
    starter: 'package main\n\nfunc solve(value int) int {\n\treturn value\n}\n',
  },
  rust: {
    id: 'rust',
    compiled: true,
    name: 'Rust',
    extension: 'rs',
    editorLanguage: 'rust',
    version: 'Rust 1.63 (Debian bookworm), edition 2021',
    compilerFlags: ['--edition', '2021', '-O'],
    testStyles: ['function-cases', 'script', 'stdin-stdout'],
    notes: 'Write the entry as a free function taking its arguments by value (Vec<i32>, String, …). Script tests are a #[cfg(test)] module of #[test] functions after your code (use super::*).',
    starter: 'fn solve(value: i32) -> i32 {\n    value\n}\n',
  },
};

export function isLanguageId(value: unknown): value is LanguageId {
  return typeof value === 'string' && (LANGUAGE_IDS as readonly string[]).includes(value);
}
