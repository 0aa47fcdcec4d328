import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/** Loads on mount, when `inputs` change and on reload(); the state says loading, error (with the server's message) or ready. */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[] = []): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) => current && setLoaded({ state: 'error', message: error instanceof ApiError ? `${error.message} (${error.code})` : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [round, ...inputs]);
  return [loaded, useCallback(() => setRound((r) => r + 1), [])];
}

/** Shows the loading and error states, and the content once ready. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <p class="loading" role="status">Loading…</p>;
  if (loaded.state === 'error') return <p class="error" role="alert">Could not load: {loaded.message}</p>;
  return <>{children(loaded.value)}</>;
}
