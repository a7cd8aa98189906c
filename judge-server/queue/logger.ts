/** The little the queue needs of a logger; pino's and Fastify's loggers both fit. */
export interface QueueLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): QueueLogger;
}
