/**
 * The challenges: GET /v1/challenges and GET /v1/challenges/:id for everyone (hidden tests
 * stripped), and for coaches POST, PUT and DELETE of their own authored challenges. Catalog
 * challenges (the folder on disk) cannot be changed through the API.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RateLimitOptions } from '@fastify/rate-limit';
import {
  ApiErrorSchema,
  AuthoredChallengeInputSchema,
  AuthoredChallengeSavedSchema,
  CHALLENGE_ID_PATTERN,
  ChallengeSummarySchema,
  PublicChallengeSchema,
  type AuthoredChallengeInput,
} from '../../../protocol/index.js';
import { challengeFromInput, newAuthoredId } from '../../authored/authored-input.js';
import type { AuthoredRecord } from '../../authored/authored-store.js';
import type { VerifyReference } from '../../authored/verify-reference.js';
import type { Principal } from '../plugins/auth.js';
import { RequestError } from '../request-error.js';

export interface ChallengeRoutesOptions {
  /** Judges reference solutions before a challenge is saved (the real judge in the gateway). */
  verifyReference: VerifyReference;
  /** Limits on writes, which may each run a reference solution on the judge. */
  rateLimit: RateLimitOptions;
}

const IdParams = Type.Object({ id: Type.String({ pattern: CHALLENGE_ID_PATTERN }) });
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 429: ApiErrorSchema, 503: ApiErrorSchema };

export const challengeRoutes: FastifyPluginAsyncTypebox<ChallengeRoutesOptions> = async (app, options) => {
  app.get(
    '/v1/challenges',
    {
      schema: {
        summary: 'List the challenges: the catalog, then the authored ones (marked, with their owner)',
        description: 'With `mine=1` and a coach token: only the challenges that token wrote.',
        tags: ['challenges'],
        querystring: Type.Object({ mine: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('0'), Type.Literal('false')])) }, { additionalProperties: false }),
        response: { 200: Type.Object({ challenges: Type.Array(ChallengeSummarySchema) }), 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => {
      if (request.query.mine === '1' || request.query.mine === 'true') {
        const principal = await app.requireRole(request, 'coach');
        await app.catalog.refresh();
        const mine = new Set(app.catalog.ownedBy(principal.tokenId).map((r) => r.id));
        return { challenges: app.catalog.list().filter((c) => mine.has(c.id)) };
      }
      await app.catalog.refresh();
      return { challenges: app.catalog.list() };
    },
  );

  app.get(
    '/v1/challenges/:id',
    {
      schema: {
        summary: 'One challenge: statement, starter code, entry names, visible tests',
        tags: ['challenges'],
        params: IdParams,
        response: { 200: PublicChallengeSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!app.catalog.isCatalogId(id)) await app.catalog.refreshOne(id);
      const challenge = app.catalog.publicView(id);
      if (!challenge) throw new RequestError(404, 'not_found', 'id', `challenge "${id}" is not in the catalog`);
      return challenge;
    },
  );

  app.post(
    '/v1/challenges',
    {
      config: { rateLimit: options.rateLimit },
      schema: {
        summary: 'Write a challenge (coach or admin token); its reference solutions must pass first',
        tags: ['challenges'],
        security: [{ bearer: [] }],
        body: AuthoredChallengeInputSchema,
        response: { 201: AuthoredChallengeSavedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = await app.requireRole(request, 'coach');
      const id = await freshId(request.body.title);
      const record = await prepare(id, request.body, principal, undefined);
      await app.authoredStore.add(record);
      app.catalog.remember(record);
      request.log.info({ challengeId: id, owner: principal.name }, 'authored challenge created');
      return reply
        .status(201)
        .header('location', `/v1/challenges/${id}`)
        .send({ id, title: record.challenge.title, owner: principal.name, verifiedLanguages: Object.keys(record.reference).sort() });
    },
  );

  app.put(
    '/v1/challenges/:id',
    {
      config: { rateLimit: options.rateLimit },
      schema: {
        summary: 'Replace an authored challenge (its owner, or an admin)',
        tags: ['challenges'],
        security: [{ bearer: [] }],
        params: IdParams,
        body: AuthoredChallengeInputSchema,
        response: { 200: AuthoredChallengeSavedSchema, ...errors },
      },
    },
    async (request) => {
      const principal = await app.requireRole(request, 'coach');
      const existing = await ownedRecord(request.params.id, principal);
      const record = await prepare(existing.id, request.body, principal, existing);
      if (!(await app.authoredStore.replace(record))) throw notFound(existing.id);
      app.catalog.remember(record);
      request.log.info({ challengeId: existing.id, by: principal.name }, 'authored challenge replaced');
      return { id: record.id, title: record.challenge.title, owner: record.ownerName, verifiedLanguages: Object.keys(record.reference).sort() };
    },
  );

  app.delete(
    '/v1/challenges/:id',
    {
      schema: {
        summary: 'Delete an authored challenge (its owner, or an admin)',
        tags: ['challenges'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const principal = await app.requireRole(request, 'coach');
      const existing = await ownedRecord(request.params.id, principal);
      await app.authoredStore.remove(existing.id);
      app.catalog.forget(existing.id);
      request.log.info({ challengeId: existing.id, by: principal.name }, 'authored challenge deleted');
      return reply.status(204).send(null);
    },
  );

  async function freshId(title: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = newAuthoredId(title);
      if (!app.catalog.isCatalogId(id) && !(await app.authoredStore.get(id))) return id;
    }
    throw new Error('could not find a free challenge id after 5 tries');
  }

  /** Validates by the catalog's rules, then judges the reference solutions; nothing is stored yet. */
  async function prepare(id: string, input: AuthoredChallengeInput, principal: Principal, existing: AuthoredRecord | undefined): Promise<AuthoredRecord> {
    const challenge = challengeFromInput(id, input);
    const reference = input.reference ?? {};
    for (const language of Object.keys(reference)) {
      if (!challenge.languages.includes(language)) {
        throw new RequestError(400, 'invalid_request', `reference.${language}`, `reference.${language}: the challenge has no entry function for ${language}`);
      }
    }
    await options.verifyReference(challenge, reference);
    const now = Date.now();
    return {
      id,
      // An admin editing someone's challenge does not take it over.
      ownerTokenId: existing?.ownerTokenId ?? principal.tokenId,
      ownerName: existing?.ownerName ?? principal.name,
      challenge,
      reference,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
  }

  async function ownedRecord(id: string, principal: Principal): Promise<AuthoredRecord> {
    if (app.catalog.isCatalogId(id)) {
      throw new RequestError(403, 'forbidden', 'id', `"${id}" is a catalog challenge; only authored challenges can be changed through the API`);
    }
    const record = await app.catalog.refreshOne(id);
    if (!record) throw notFound(id);
    // Ownership is by token, not by name: names are labels an operator chooses and may repeat.
    if (record.ownerTokenId !== principal.tokenId && principal.role !== 'admin') {
      throw new RequestError(403, 'forbidden', 'id', `challenge "${id}" belongs to "${record.ownerName}"; only its owner or an admin may change it`);
    }
    return record;
  }
};

function notFound(id: string): RequestError {
  return new RequestError(404, 'not_found', 'id', `challenge "${id}" is not in the catalog`);
}
