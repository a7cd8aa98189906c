/** A refusal of the client's request: status, stable code, and the field at fault. */
export class RequestError extends Error {
  override name = 'RequestError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}
