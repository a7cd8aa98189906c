/**
 * Refusals of a submission request that the core decides (sizes, entries, a language the
 * challenge does not offer, an unknown challenge). Every shell maps them its own way: the
 * gateway to 400/404, the command line to exit code 2. Each names the field at fault.
 */
export type RejectionKind = 'invalid' | 'not_found';

export class SubmissionRejectedError extends Error {
  override name = 'SubmissionRejectedError';

  constructor(
    readonly kind: RejectionKind,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
