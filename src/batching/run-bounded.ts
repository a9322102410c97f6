/**
 * Runs `task` for every index from 0 to `count - 1`, at most `limit` at a time, and resolves with
 * the results in index order. The first failure rejects once the tasks already running settle;
 * no new task starts after it.
 */
export async function runBounded<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a whole number >= 1, got ${limit}`);
  const results = new Array<T>(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (next < count && !failure) {
      const index = next++;
      try {
        results[index] = await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (failure) throw failure.error;
  return results;
}
