/**
 * The language registry and what compiled languages are built from, without Docker: the
 * client-facing table agrees with the judge's, the signature notation, the drivers' input
 * encoding, the C shapes, where each compiler's first error is found, and the artefact cache's
 * bounds.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_IDS, parseValueType, valueTypeMismatch } from '../../protocol/index.js';
import { CompileCache, compileKey } from '../../judge-core/compile-cache.js';
import { firstErrorLine } from '../../judge-core/compile-stage.js';
import { cPrototype } from '../../judge-core/drivers/c-driver.js';
import { argsMismatch, encodeDriverInput } from '../../judge-core/drivers/driver-input.js';
import { LANGUAGE_RUNTIMES } from '../../judge-core/languages.js';
import { familyImage } from '../../judge-server/sandbox/images.js';

describe('the language registry', () => {
  it('has one judge entry per client-facing language, compiled exactly where it says so', () => {
    for (const id of LANGUAGE_IDS) {
      expect(LANGUAGE_RUNTIMES[id].id).toBe(id);
      expect(LANGUAGES[id].compiled, id).toBe(LANGUAGE_RUNTIMES[id].compile !== undefined);
      expect(LANGUAGES[id].testStyles.length).toBeGreaterThan(0);
    }
  });

  it('names each family image from the one SANDBOX_IMAGE setting, as build.sh does', () => {
    expect(familyImage('pairjudge/sandbox:latest', 'js')).toBe('pairjudge/sandbox:latest');
    expect(familyImage('pairjudge/sandbox:dev', 'gcc')).toBe('pairjudge/sandbox-gcc:dev');
    expect(familyImage('pairjudge/sandbox', 'java')).toBe('pairjudge/sandbox-java:latest');
    expect(familyImage('registry.local:5000/pj/sandbox', 'go')).toBe('registry.local:5000/pj/sandbox-go:latest');
  });
});

describe('the signature notation', () => {
  it('parses scalars, arrays and maps, nested', () => {
    expect(parseValueType('int[][]')).toEqual({ kind: 'array', of: { kind: 'array', of: { kind: 'int' } } });
    expect(parseValueType('map<string, long[]>')).toEqual({ kind: 'map', of: { kind: 'array', of: { kind: 'long' } } });
    expect(() => parseValueType('float')).toThrow(/not a type/);
    expect(() => parseValueType('map<int,int>')).toThrow(/not a type/);
  });

  it('says which value does not fit, and where', () => {
    expect(valueTypeMismatch([[1, 2], [3, 'x']], parseValueType('int[][]'))).toBe('value[1][1] is not a 32-bit integer');
    expect(valueTypeMismatch(2 ** 31, parseValueType('int'))).toMatch(/32-bit/);
    expect(valueTypeMismatch(2 ** 31, parseValueType('long'))).toBeUndefined();
    expect(argsMismatch([[1], 2, 3], { params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int' })).toMatch(/takes 2 arguments, not 3/);
  });
});

describe('the driver input', () => {
  it('carries strings by byte count, so any character survives, and arrays and maps by size', () => {
    const text = encodeDriverInput(
      {
        nonce: 'n0nce',
        code: '',
        cases: [{ name: 'naïve case', args: ['a b\nç', [[1], []], { k: true }, -1.5] }],
        limits: { testTimeoutMs: 1000, outputBytes: 2000, valueBytes: 3000 },
      },
      {
        params: [
          { name: 's', type: 'string' },
          { name: 'grid', type: 'int[][]' },
          { name: 'flags', type: 'map<string,bool>' },
          { name: 'x', type: 'double' },
        ],
        returns: 'int',
      },
    );
    expect(text).toBe('5:n0nce 1000 2000 3000 1\n11:naïve case 6:a b\nç 2 1 1 0 1 1:k 1 -1.5\n');
  });

  it('refuses arguments that do not fit the signature, naming the test', () => {
    expect(() =>
      encodeDriverInput(
        { nonce: 'n', code: '', cases: [{ name: 'bad', args: ['x'] }], limits: { testTimeoutMs: 1, outputBytes: 1, valueBytes: 1 } },
        { params: [{ name: 'n', type: 'int' }], returns: 'int' },
      ),
    ).toThrow(/test "bad": n is not a 32-bit integer/);
  });

  it('gives C the shapes C judges use', () => {
    expect(cPrototype({ params: [{ name: 'nums', type: 'int[]' }, { name: 'target', type: 'int' }], returns: 'int[]' }, 'twoSum')).toBe(
      'int* twoSum(int* nums, int numsSize, int target, int* returnSize);',
    );
    expect(cPrototype({ params: [{ name: 'grid', type: 'int[][]' }], returns: 'string[]' }, 'f')).toBe(
      'char** f(int** grid, int gridSize, int* gridColSize, int* returnSize);',
    );
    expect(() => cPrototype({ params: [{ name: 'm', type: 'map<string,int>' }], returns: 'int' }, 'f')).toThrow(/no C shape/);
  });
});

describe('compile errors', () => {
  const line = (language: keyof typeof LANGUAGE_RUNTIMES, messages: string) => firstErrorLine(messages, LANGUAGE_RUNTIMES[language].compile!.errorLine);

  it('are located in the submission, not in the generated driver, for every compiler', () => {
    expect(line('c', "solution.c: In function 'add':\nsolution.c:2:12: error: expected expression before ';' token")).toBe(2);
    expect(line('cpp', 'In file included from driver.cpp:2:\nsolution.cpp:4:14: error: ‘undeclared’ was not declared')).toBe(4);
    expect(line('cpp', 'driver.cpp:9:17: error: no matching function for call')).toBeUndefined();
    expect(line('java', 'Solution.java:3: error: cannot find symbol\n        return x;\n               ^')).toBe(3);
    expect(line('go', '# command-line-arguments\n./solution.go:5:9: undefined: x')).toBe(5);
    expect(line('rust', 'error[E0425]: cannot find value `x` in this scope\n --> solution.rs:7:5\n  |')).toBe(7);
  });
});

describe('the compile cache', () => {
  it('keys on toolchain, command and every file, and keeps within its bounds', () => {
    const files = [{ name: 'solution.c', text: 'int f;' }];
    const key = compileKey('c', 'image-1', ['gcc'], files);
    expect(compileKey('c', 'image-2', ['gcc'], files)).not.toBe(key);
    expect(compileKey('c', 'image-1', ['gcc', '-O2'], files)).not.toBe(key);
    expect(compileKey('c', 'image-1', ['gcc'], [{ name: 'solution.c', text: 'int g;' }])).not.toBe(key);

    const cache = new CompileCache({ maxEntries: 2, maxBytes: 10 });
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set('d', Buffer.alloc(8)); // over the byte bound with any other entry
    expect(cache.size).toBe(1);
    cache.set('huge', Buffer.alloc(11));
    expect(cache.get('huge')).toBeUndefined();
  });
});

describe('a sandbox without a compile stage', () => {
  it('answers a compiled language with a result that says it needs Docker', async () => {
    const { runJob } = await import('../../judge-core/run-job.js');
    const { VERDICT_TABLE_LIMITS } = await import('../support/verdict-table.js');
    let ran = false;
    const sandbox = {
      kind: 'process' as const,
      run: () => {
        ran = true;
        return Promise.reject(new Error('must not run'));
      },
      ready: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const { result } = await runJob(
      {
        id: 'no-compile',
        language: 'rust',
        code: 'fn add(a: i32, b: i32) -> i32 { a + b }',
        entry: 'add',
        signature: { params: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], returns: 'int' },
        cases: [{ name: 'one', args: [1, 2], expected: 3, hidden: false }],
        submittedAt: Date.now(),
      },
      sandbox,
      VERDICT_TABLE_LIMITS,
    );
    expect(result).toMatchObject({ verdict: 'internal_error', sandbox: 'process', error: { message: expect.stringMatching(/Rust is compiled.*Docker/) as unknown } });
    expect(ran).toBe(false);
  });
});
