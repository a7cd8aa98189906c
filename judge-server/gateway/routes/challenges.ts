/** The catalog: GET /v1/challenges and GET /v1/challenges/:id (hidden tests stripped). */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorSchema, CHALLENGE_ID_PATTERN, ChallengeSummarySchema, PublicChallengeSchema } from '../../../protocol/index.js';
import { RequestError } from '../request-error.js';

export const challengeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/challenges',
    {
      schema: {
        summary: 'List the challenges',
        tags: ['challenges'],
        response: { 200: Type.Object({ challenges: Type.Array(ChallengeSummarySchema) }) },
      },
    },
    async () => ({ challenges: app.catalog.list() }),
  );

  app.get(
    '/v1/challenges/:id',
    {
      schema: {
        summary: 'One challenge: statement, starter code, entry names, visible tests',
        tags: ['challenges'],
        params: Type.Object({ id: Type.String({ pattern: CHALLENGE_ID_PATTERN }) }),
        response: { 200: PublicChallengeSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const challenge = app.catalog.publicView(request.params.id);
      if (!challenge) throw new RequestError(404, 'not_found', 'id', `challenge "${request.params.id}" is not in the catalog`);
      return challenge;
    },
  );
};
