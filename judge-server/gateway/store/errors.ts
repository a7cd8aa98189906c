/** The submission store cannot be reached or written: the gateway answers 503 and accepts nothing. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** Runs a store operation, turning any failure of the database into StoreUnavailableError. */
export async function storeCall<T>(what: string, operation: () => Promise<T> | T): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError(`the submission store failed to ${what}: ${(error as Error).message}`, { cause: error });
  }
}
