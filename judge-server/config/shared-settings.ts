import { text, url } from './settings.js';

/** Settings both the gateway and the worker read; they must agree on them. */
export const sharedSettings = {
  amqpUrl: url('AMQP_URL', 'RabbitMQ connection URL', 'amqp://guest:guest@127.0.0.1:5672', ['amqp', 'amqps']),
  queuePrefix: text('QUEUE_PREFIX', 'Prefix of the queue and exchange names', 'pairjudge', /^[A-Za-z0-9_.-]{1,64}$/),
  logLevel: text('LOG_LEVEL', 'pino log level', 'info', /^(fatal|error|warn|info|debug|trace|silent)$/),
};
