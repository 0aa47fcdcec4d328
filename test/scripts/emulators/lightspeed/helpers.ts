/** Shared helpers for the Lightspeed emulator tests: a hand-driven clock, auth headers and page following. */
import type { LightspeedEmulator } from '../../../../scripts/emulators/lightspeed/index';

/** Lightspeed record as served: every value a string or a nested object. */
export type Served = Record<string, unknown> & Record<'timeStamp', string>;

/** A clock that moves only when told to. */
export function manualClock(start = '2026-03-01T12:00:00Z'): { now: () => Date; advanceSeconds(s: number): void } {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    advanceSeconds: (s) => {
      ms += s * 1000;
    },
  };
}

/** HTTP basic auth with the emulator's API key. */
export function apiKeyAuth(emulator: LightspeedEmulator): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${emulator.apiKey}:apikey`).toString('base64')}` };
}

/** `${url}/API/V3/Account/{id}/{path}`. */
export function apiUrl(emulator: LightspeedEmulator, path: string): string {
  return `${emulator.url}/API/V3/Account/${emulator.accountId}/${path}`;
}

/** Lightspeed's collection quirk undone: absent is [], one object is [object]. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** GET returning status, headers and parsed JSON. */
export async function getJson(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: Record<string, any> }> {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** Follows `@attributes.next` from `url` to the end, returning every record and the number of pages. */
export async function followAll(
  url: string,
  headers: Record<string, string>,
  key: string,
  between?: (pageIndex: number) => void,
): Promise<{ records: Served[]; pages: number }> {
  const records: Served[] = [];
  let next = url;
  let pages = 0;
  while (next) {
    const { status, body } = await getJson(next, headers);
    if (status !== 200) throw new Error(`page ${pages} answered ${status}: ${JSON.stringify(body)}`);
    records.push(...asList(body[key] as Served | Served[] | undefined));
    next = body['@attributes'].next as string;
    between?.(pages);
    pages += 1;
  }
  return { records, pages };
}

/** "317.1" → 31710. */
export function toCents(amount: unknown): number {
  return Math.round(Number(amount) * 100);
}

/** A bucket big enough that paging tests never meet a 429 while the test clock stands still. */
export const ROOMY_BUCKET = { size: 1_000_000, dripPerSecond: 1 };
