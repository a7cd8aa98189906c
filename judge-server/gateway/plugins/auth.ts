/**
 * Who is calling: `Authorization: Bearer <token>` looked up by its hash in the token store.
 * Decorates `app.identify(request)` (the principal, or undefined for anonymous callers) and
 * `app.requireRole(request, role)` (the principal, or a 401/403 thrown to the error handler).
 *
 * A request that sends an Authorization header with a bad or unknown token is refused with 401
 * on every route, public ones included: silently treating it as anonymous would hide a revoked or
 * mistyped token from its owner and give it the anonymous rate limit instead of an answer.
 */
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TOKEN_PATTERN, hashToken, roleAtLeast, type Principal, type Role } from '../../tokens/token-secret.js';
import type { TokenStore } from '../../tokens/token-store.js';
import { RequestError } from '../request-error.js';

export type { Principal, Role } from '../../tokens/token-secret.js';

declare module 'fastify' {
  interface FastifyInstance {
    identify(request: FastifyRequest): Promise<Principal | undefined>;
    requireRole(request: FastifyRequest, role: Role): Promise<Principal>;
  }
}

export interface AuthPluginOptions {
  tokens: TokenStore;
}

const BEARER = /^Bearer ([^\s]+)$/i;

export const authPlugin = fp<AuthPluginOptions>(
  async (app, options) => {
    // One lookup per request, however many hooks and handlers ask.
    const found = new WeakMap<FastifyRequest, Promise<Principal | undefined>>();

    async function lookUp(request: FastifyRequest): Promise<Principal | undefined> {
      const header = request.headers.authorization;
      if (header === undefined) return undefined;
      const token = BEARER.exec(header)?.[1];
      // Checked before hashing so junk never reaches the store; the message never echoes the token.
      if (!token || !TOKEN_PATTERN.test(token)) {
        throw new RequestError(401, 'unauthorized', 'authorization', 'The Authorization header must be "Bearer <token>" with a PairJudge API token');
      }
      const record = await options.tokens.findByHash(hashToken(token));
      if (!record) throw new RequestError(401, 'unauthorized', 'authorization', 'The API token is not known to this judge');
      return { tokenId: record.id, name: record.name, role: record.role };
    }

    function identify(request: FastifyRequest): Promise<Principal | undefined> {
      let answer = found.get(request);
      if (!answer) {
        answer = lookUp(request);
        found.set(request, answer);
      }
      return answer;
    }

    app.decorate('identify', identify);
    app.decorate('requireRole', async (request: FastifyRequest, role: Role) => {
      const principal = await identify(request);
      if (!principal) throw new RequestError(401, 'unauthorized', 'authorization', `This needs an API token with the ${role} role (Authorization: Bearer <token>)`);
      if (!roleAtLeast(principal.role, role)) {
        throw new RequestError(403, 'forbidden', 'authorization', `The token "${principal.name}" has the ${principal.role} role; this needs ${role}`);
      }
      return principal;
    });

    app.addHook('onRequest', async (request) => {
      if (request.headers.authorization !== undefined) await identify(request);
    });
  },
  { name: 'auth', dependencies: ['error-handler'] },
);
