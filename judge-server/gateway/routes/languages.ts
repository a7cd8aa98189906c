/** GET /v1/languages: what the judge runs. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LANGUAGE_IDS, LANGUAGES } from '../../../protocol/index.js';

const LanguageInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  extension: Type.String(),
  editorLanguage: Type.String(),
});

export const languageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/languages',
    {
      schema: {
        summary: 'Languages the judge runs',
        tags: ['languages'],
        response: { 200: Type.Object({ languages: Type.Array(LanguageInfoSchema) }) },
      },
    },
    async () => ({ languages: LANGUAGE_IDS.map((id) => LANGUAGES[id]) }),
  );
};
