import { AUTHORIZE_NET_API_PATH } from './authorize-net-endpoints';

/** The API's `messages` element. */
export interface AuthorizeNetMessages {
  resultCode: 'Ok' | 'Error';
  message: Array<{ code: string; text: string }>;
}

/** Any API response: the method's fields plus `messages`. */
export type AuthorizeNetResponse = Record<string, unknown> & { messages: AuthorizeNetMessages };

/** The call was sent but no answer came back in time (or the connection broke): the request may have been processed. */
export class AuthorizeNetNoAnswerError extends Error {
  constructor(method: string, cause: unknown) {
    super(`Authorize.Net ${method}: no answer (${(cause as Error)?.name ?? 'error'}: ${(cause as Error)?.message ?? cause})`, { cause });
    this.name = 'AuthorizeNetNoAnswerError';
  }
}

/** Where and as whom the client calls. */
export interface AuthorizeNetClientOptions {
  /** Base URL without the API path, e.g. https://apitest.authorize.net or the emulator's URL. */
  baseUrl: string;
  apiLoginId: string;
  /** The Transaction Key, read when needed so that a rotated secret is picked up. */
  transactionKey: () => Promise<string>;
  /** How long to wait for each answer. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * Speaks Authorize.Net's JSON API: one POST per method, the method's root element wrapping merchantAuthentication
 * and its fields, in the order of the XML schema (the JSON is translated to XML, so order matters). Answers start
 * with a UTF-8 byte-order mark, which is stripped before parsing.
 */
export class AuthorizeNetClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: AuthorizeNetClientOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** Calls `method` (e.g. createTransactionRequest) with `fields` after merchantAuthentication. */
  async call(method: string, fields: Record<string, unknown>): Promise<AuthorizeNetResponse> {
    const body = JSON.stringify({
      [method]: {
        merchantAuthentication: { name: this.options.apiLoginId, transactionKey: await this.options.transactionKey() },
        ...fields,
      },
    });
    let text: string;
    try {
      const response = await this.fetch(`${this.options.baseUrl}${AUTHORIZE_NET_API_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
      // A 5xx from a proxy in front of the gateway says nothing about whether the request was processed.
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      throw new AuthorizeNetNoAnswerError(method, error);
    }
    return parseAnswer(method, text);
  }
}

/** Parses an answer body, tolerating the byte-order mark the gateway puts before the JSON. */
export function parseAnswer(method: string, text: string): AuthorizeNetResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AuthorizeNetNoAnswerError(method, new Error(`unreadable answer: ${text.slice(0, 80)}`, { cause: error }));
  }
  const messages = (parsed as { messages?: AuthorizeNetMessages } | null)?.messages;
  if (!messages || (messages.resultCode !== 'Ok' && messages.resultCode !== 'Error')) {
    throw new AuthorizeNetNoAnswerError(method, new Error('answer has no messages element'));
  }
  return parsed as AuthorizeNetResponse;
}
