import type { Config } from '../../config';
import type { LightspeedAuth } from './auth';
import { asList } from './collection';
import type { LightspeedRecord } from './rows';

/** Lightspeed Retail (R-Series) API host; the emulator's origin locally. */
export function lightspeedApiBaseUrl(cfg: Config): string {
  return (cfg.LIGHTSPEED_BASE_URL ?? 'https://api.lightspeedapp.com').replace(/\/+$/, '');
}

/**
 * The OAuth token endpoint. In production it is on another host than the API (cloud.lightspeedapp.com); with only a
 * base URL configured (the emulator serves both), it is under that origin.
 */
export function lightspeedTokenUrl(cfg: Config): string {
  if (cfg.LIGHTSPEED_TOKEN_URL) return cfg.LIGHTSPEED_TOKEN_URL;
  return cfg.LIGHTSPEED_BASE_URL ? `${lightspeedApiBaseUrl(cfg)}/auth/oauth/token` : 'https://cloud.lightspeedapp.com/auth/oauth/token';
}

/** The resources the sync reads. */
export type LightspeedResource = 'Sale' | 'Item' | 'Category';

/** A non-2xx answer from the Lightspeed API, with its status and Lightspeed's message. */
export class LightspeedApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LightspeedApiError';
  }
}

/** Where the client reads from and how it authorizes and sends requests. */
export interface LightspeedClientOptions {
  /** API origin, e.g. https://api.lightspeedapp.com. */
  baseUrl: string;
  accountId: string;
  auth: LightspeedAuth;
  /** The paced, retrying transport's fetch. */
  fetch: typeof fetch;
}

/** A thin client for API V3 list reads: credentials on every call, one renewal on 401, `@attributes.next` paging. */
export class LightspeedClient {
  private readonly origin: string;

  constructor(private readonly options: LightspeedClientOptions) {
    this.origin = new URL(options.baseUrl).origin;
  }

  /** The list URL of a resource with its query. */
  listUrl(resource: LightspeedResource, query: Record<string, string>): string {
    const params = new URLSearchParams(query);
    return `${this.options.baseUrl}/API/V3/Account/${this.options.accountId}/${resource}.json?${params.toString()}`;
  }

  /**
   * Every page of a listing, following `@attributes.next` until it is empty. Each page is a list, whatever shape
   * Lightspeed gave it (one record comes as an object, none omits the key).
   */
  async *pages(resource: LightspeedResource, query: Record<string, string>): AsyncGenerator<LightspeedRecord[]> {
    let url = this.listUrl(resource, query);
    for (;;) {
      const body = await this.getJson(url);
      yield asList(body[resource] as LightspeedRecord | LightspeedRecord[] | undefined);
      const next = (body['@attributes'] as { next?: unknown } | undefined)?.next;
      if (typeof next !== 'string' || next === '') return;
      url = this.checkedNext(next);
    }
  }

  /** GET a JSON document, renewing the credentials once if Lightspeed answers 401. */
  async getJson(url: string): Promise<Record<string, unknown>> {
    const { auth } = this.options;
    let authorization = await auth.authorization();
    let response = await this.send(url, authorization);
    if (response.status === 401) {
      await response.body?.cancel();
      await auth.renew(authorization);
      authorization = await auth.authorization();
      response = await this.send(url, authorization);
    }
    const text = await response.text();
    if (!response.ok) throw new LightspeedApiError(response.status, `Lightspeed answered ${response.status} for ${redact(url)}: ${errorMessage(text)}`);
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new LightspeedApiError(response.status, `Lightspeed answered ${redact(url)} with a body that is not JSON`, { cause: error });
    }
  }

  private send(url: string, authorization: string): Promise<Response> {
    return this.options.fetch(url, { headers: { Authorization: authorization, Accept: 'application/json' } });
  }

  /** Credentials go only to the API's own origin, whatever a next link says. */
  private checkedNext(next: string): string {
    const url = new URL(next, this.origin);
    if (url.origin !== this.origin) throw new LightspeedApiError(0, `Lightspeed's next link points at another host (${url.origin}); not following it`);
    return url.toString();
  }
}

/** Lightspeed's error message from its error body ({ httpCode, httpMessage, message, errorClass }) or OAuth's. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const message = body.message ?? body.error_description ?? body.error ?? body.httpMessage;
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // not JSON: fall through
  }
  return text.slice(0, 200);
}

/** A URL for logs and run records: path and filters, without the paging cursor's bulk. */
function redact(url: string): string {
  const parsed = new URL(url);
  for (const key of ['after', 'before']) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '…');
  return `${parsed.pathname}?${decodeURIComponent(parsed.searchParams.toString())}`;
}
