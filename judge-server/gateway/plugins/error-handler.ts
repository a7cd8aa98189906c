/**
 * One error handler for the whole API: every error leaves as `{ error: { code, message, field? } }`
 * (contract v1). Validation errors name the field; 5xx details stay in the log, not the answer.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BrokerUnavailableError } from '../../queue/errors.js';
import { SubmissionRejectedError } from '../../../judge-core/errors.js';
import { RequestError } from '../request-error.js';
import { StoreUnavailableError } from '../store/errors.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof RequestError) {
        return reply.status(error.statusCode).send(body(error.code, error.message, error.field));
      }
      if (error instanceof SubmissionRejectedError) {
        const notFound = error.kind === 'not_found';
        return reply.status(notFound ? 404 : 400).send(body(notFound ? 'not_found' : 'invalid_request', error.message, error.field));
      }
      if (error.validation) {
        const { field, message } = describeValidation(error.validation as AjvError[], error.validationContext ?? 'body');
        return reply.status(400).send(body('invalid_request', message, field));
      }
      if (error instanceof StoreUnavailableError) {
        request.log.error({ err: error.message }, 'submission store unavailable');
        return reply.status(503).header('retry-after', '5').send(body('unavailable', 'The judge cannot store submissions right now; try again shortly'));
      }
      if (error instanceof BrokerUnavailableError) {
        request.log.warn({ err: error.message }, 'broker unavailable');
        return reply.status(503).header('retry-after', '5').send(body('unavailable', `The judge is unavailable: ${error.message}`));
      }
      const status = error.statusCode ?? 500;
      if (status === 413) return reply.status(413).send(body('payload_too_large', 'The request body is too large'));
      if (status === 429) return reply.status(429).send(body('rate_limited', error.message));
      if (status >= 400 && status < 500) {
        return reply.status(status).send(body(error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'invalid_request', error.message));
      }
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send(body('internal_error', 'Something went wrong on the judge; the error was logged'));
    });

    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send(body('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`)),
    );
  },
  { name: 'error-handler' },
);

function body(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

/** `/tests/cases/0/args` → `tests.cases[0].args` */
function fieldName(instancePath: string, extra?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof extra === 'string') parts.push(extra);
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

export function describeValidation(errors: AjvError[], context: string): { field: string | undefined; message: string } {
  const first = errors[0];
  if (!first) return { field: undefined, message: `${context} is invalid` };
  // A union of literals reports one `const` error per choice: gather them into one list.
  const choices = errors
    .filter((e) => e.instancePath === first.instancePath && e.keyword === 'const')
    .map((e) => JSON.stringify(e.params.allowedValue));
  let field = fieldName(first.instancePath);
  let message: string;
  if (choices.length > 0) {
    message = `${field} must be one of ${choices.join(', ')}`;
  } else if (first.keyword === 'required') {
    field = fieldName(first.instancePath, first.params.missingProperty);
    message = `${field} is required`;
  } else if (first.keyword === 'additionalProperties') {
    field = fieldName(first.instancePath, first.params.additionalProperty);
    message = `${field} is not a known field`;
  } else {
    message = `${field || context} ${first.message ?? 'is invalid'}`;
  }
  // An error about the whole body (not an object, say) names the body itself.
  return { field: field || context, message: context === 'querystring' ? `query ${message}` : message };
}
