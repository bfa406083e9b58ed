/**
 * Waits for every one of several independent writes, then fails with the first failure, if
 * any. Unlike Promise.all, a write still in flight when another fails is not left running
 * past the caller's failure: Lambda may freeze the container the moment the handler ends, and
 * a write left half done there would decide what the retry sees.
 */
export async function allDone(work: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}
