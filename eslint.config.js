import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // Challenge solutions are user-facing scripts, hostile fixtures are hostile on purpose.
  { ignores: ['node_modules', 'out', 'dist', 'sandbox-image/.stage', 'test-results', '.cache', 'challenges/**/*.js', 'challenges/**/*.ts', 'test/fixtures/hostile/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The renderer runs in a sandboxed window or a plain browser tab: nothing from Node,
    // Electron or the judge's server side may reach it (STYLE.md, "the layout is the architecture").
    files: ['desktop/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'Reach main only through the preload bridge.' },
            { group: ['dockerode', 'amqplib', 'fastify', 'fastify/*', '@fastify/*'], message: 'Server-side packages stay on the server.' },
            { group: ['**/judge-server/**', '**/desktop/main/**', '**/desktop/preload/**'], message: 'The renderer imports only protocol/ and browser packages.' },
          ],
          paths: ['fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto'],
        },
      ],
    },
  },
  {
    // The one judge client is bundled into the renderer as well as run in Node (desktop main,
    // the command line): it may import only protocol/ and browser-safe packages.
    files: ['judge-client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'judge-client also runs in a browser: no Node built-ins.' },
            { group: ['electron', 'electron/*', 'dockerode', 'amqplib', 'fastify', 'fastify/*', '@fastify/*'], message: 'judge-client runs in every shell: no Electron or server packages.' },
            { group: ['**/judge-server/**', '**/judge-core/**', '**/desktop/**', '**/cli/**'], message: 'judge-client imports only protocol/ and browser packages.' },
          ],
          paths: ['fs', 'path', 'child_process', 'os', 'net', 'http', 'https', 'crypto'],
        },
      ],
    },
  },
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/judge-server/**', '**/desktop/**', 'node:*'], message: 'protocol/ depends on nothing of ours and runs everywhere.' }] },
      ],
    },
  },
  {
    files: ['judge-core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['amqplib', 'dockerode', 'fastify', 'electron', 'better-sqlite3', 'pg'].map((name) => ({
            name,
            message: 'judge-core knows nothing of HTTP, AMQP, Docker, stores or Electron: shells call it.',
          })),
          patterns: [{ group: ['**/judge-server/**', '**/desktop/**'], message: 'judge-core depends only on protocol/.' }],
        },
      ],
    },
  },
);
