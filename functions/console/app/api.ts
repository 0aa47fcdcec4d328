/** A failed API call, with the envelope's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let onUnauthorized: (message: string) => void = () => undefined;

/** Where a 401 sends the user: back to sign-in with the server's reason. */
export function whenUnauthorized(handler: (message: string) => void): void {
  onUnauthorized = handler;
}

let token = '';
export function useToken(value: string): void {
  token = value;
}

/** Calls the API with the session's token; a non-2xx answer throws its envelope as an ApiError. */
export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const payload = (await response.json().catch(() => ({}))) as { error?: string; code?: string };
  if (!response.ok) {
    const error = new ApiError(response.status, payload.code ?? 'HTTP_' + response.status, payload.error ?? response.statusText);
    if (response.status === 401) onUnauthorized(error.code === 'TOKEN_EXPIRED' ? 'Your session has expired. Sign in with a new token.' : `Signed out: ${error.message}`);
    throw error;
  }
  return payload as T;
}
