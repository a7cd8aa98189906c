/**
 * GET /v1/languages: what the judge runs, from the one registry (protocol/languages.ts for what
 * clients see, judge-core/languages.ts for how it is built): version, compiler flags, the compile
 * stage's limits for the compiled languages, and the test styles each supports.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LANGUAGE_IDS, LANGUAGES } from '../../../protocol/index.js';
import { LANGUAGE_RUNTIMES } from '../../../judge-core/languages.js';
import { compileLimitsFor, type CompileConfig } from '../../config/compile-settings.js';

const LanguageInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  extension: Type.String(),
  editorLanguage: Type.String(),
  version: Type.String(),
  compilerFlags: Type.Array(Type.String()),
  compiled: Type.Boolean(),
  compileLimits: Type.Optional(
    Type.Object({ wallTimeMs: Type.Number(), memoryBytes: Type.Number(), pids: Type.Number(), messageBytes: Type.Number(), artefactBytes: Type.Number() }),
  ),
  testStyles: Type.Array(Type.String()),
  notes: Type.Optional(Type.String()),
  starter: Type.String(),
});

/** `compile`: the COMPILE_* settings, so the limits listed are the ones the workers apply. */
export const languageRoutes: FastifyPluginAsyncTypebox<{ compile: CompileConfig }> = async (app, options) => {
  app.get(
    '/v1/languages',
    {
      schema: {
        summary: 'Languages the judge runs',
        tags: ['languages'],
        response: { 200: Type.Object({ languages: Type.Array(LanguageInfoSchema) }) },
      },
    },
    async () => ({
      languages: LANGUAGE_IDS.map((id) => {
        const { wallTimeMs, memoryBytes, pids, messageBytes, artefactBytes } = compileLimitsFor(options.compile, id);
        return {
          ...LANGUAGES[id],
          ...(LANGUAGE_RUNTIMES[id].compile ? { compileLimits: { wallTimeMs, memoryBytes, pids, messageBytes, artefactBytes } } : {}),
        };
      }),
    }),
  );
};
