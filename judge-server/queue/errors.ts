/** The broker cannot take the job now; the gateway answers 503 and the client may retry. */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError';
}
