/**
 * Rate-limit options for @fastify/rate-limit: a request with a valid API token is counted against
 * that token with `tokenMax` (an operator hands tokens to people they trust with more judge time);
 * anonymous requests are counted per client address with the lower `anonymousMax`. A bad token
 * never reaches this: the auth plugin's onRequest hook has already answered 401.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface PerTokenRateLimitOptions {
  anonymousMax: number;
  tokenMax: number;
  timeWindow: number;
}

export interface PerTokenRateLimit {
  timeWindow: number;
  keyGenerator(request: FastifyRequest): Promise<string>;
  max(request: FastifyRequest, key: string): number;
}

export function perTokenRateLimit(app: FastifyInstance, options: PerTokenRateLimitOptions): PerTokenRateLimit {
  return {
    timeWindow: options.timeWindow,
    async keyGenerator(request) {
      const principal = await app.identify(request).catch(() => undefined);
      return principal ? `token:${principal.tokenId}` : `ip:${request.ip}`;
    },
    max: (_request, key) => (key.startsWith('token:') ? options.tokenMax : options.anonymousMax),
  };
}
