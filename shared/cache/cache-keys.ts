/** The kv keys of one cache namespace, in one place so the cache, its statistics and /health agree. */
export function cacheKeys(namespace: string) {
  const prefix = `swr:${namespace}`;
  return {
    entry: (key: string) => `${prefix}:entry:${key}`,
    failure: (key: string) => `${prefix}:failure:${key}`,
    lock: (key: string) => `${prefix}:lock:${key}`,
    /** Bumped by an invalidation; entries loaded under an older generation are no longer live answers. */
    generation: `${prefix}:generation`,
    /** The latest successful load of any key: { at, key, loadMs }. */
    lastRefresh: `${prefix}:last-refresh`,
    /** The latest failed load of any key: { at, key, message }. */
    lastError: `${prefix}:last-error`,
    counter: (name: string) => `${prefix}:stats:${name}`,
    statsSince: `${prefix}:stats:since`,
  };
}
