import { useState } from 'preact/hooks';
import { ApiError } from './api';

/**
 * A button that runs an action once at a time: disabled while it runs (a double click sends one request), then says
 * what happened.
 */
export function ActionButton({ label, run, done }: { label: string; run: () => Promise<string>; done?: () => void }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({ busy: false, message: null, failed: false });
  const click = async () => {
    if (state.busy) return;
    setState({ busy: true, message: null, failed: false });
    try {
      const message = await run();
      setState({ busy: false, message, failed: false });
      done?.();
    } catch (error) {
      setState({ busy: false, message: error instanceof ApiError ? `${error.message} (${error.code})` : String(error), failed: true });
    }
  };
  return (
    <span class="action">
      <button type="button" class="secondary" onClick={click} disabled={state.busy} aria-busy={state.busy}>
        {state.busy ? `${label}…` : label}
      </button>
      {state.message && (
        <span class={state.failed ? 'error' : 'ok'} role="status">
          {state.message}
        </span>
      )}
    </span>
  );
}
