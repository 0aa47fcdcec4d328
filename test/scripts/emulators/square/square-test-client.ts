/** Small fetch helpers for the Square emulator tests. */
import type { SquareEmulator, SquareEmulatorOptions } from '../../../../scripts/emulators/square';

/** A fixed clock, so generated data and defaults such as "one year ago" do not drift between runs. */
export const FIXED_NOW = new Date('2026-03-01T18:00:00.000Z');

/** A shop small enough to generate in a few milliseconds but with every kind of object in it. */
export const SMALL_SHOP: SquareEmulatorOptions = {
  seed: 7, payments: 3000, items: 60, customers: 150, locations: 3, days: 730, now: () => FIXED_NOW,
};

/** A JSON response: status, headers and parsed body. */
export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** GET a Square path with the emulator's token (or `token`). */
export async function get<T = Record<string, unknown>>(emu: SquareEmulator, path: string, token = emu.accessToken): Promise<JsonResponse<T>> {
  const res = await fetch(emu.url + path, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/** POST JSON to a Square path with the emulator's token. */
export async function post<T = Record<string, unknown>>(emu: SquareEmulator, path: string, body: unknown, token = emu.accessToken): Promise<JsonResponse<T>> {
  const res = await fetch(emu.url + path, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/** Follows cursors of a GET listing to the end; returns every row and the number of pages. */
export async function listAll<T>(emu: SquareEmulator, path: string, key: string, params: Record<string, string> = {}): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const q = new URLSearchParams({ ...params, ...(cursor && { cursor }) });
    const res = await get<Record<string, unknown>>(emu, `${path}?${q}`);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    rows.push(...((res.body[key] as T[] | undefined) ?? []));
    cursor = res.body.cursor as string | undefined;
    pages++;
  } while (cursor);
  return { rows, pages };
}

/** Follows cursors of a POST search to the end. */
export async function searchAll<T>(emu: SquareEmulator, path: string, key: string, body: Record<string, unknown>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const res = await post<Record<string, unknown>>(emu, path, { ...body, ...(cursor && { cursor }) });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    rows.push(...((res.body[key] as T[] | undefined) ?? []));
    cursor = res.body.cursor as string | undefined;
  } while (cursor);
  return rows;
}

/** The whole history: Square's payment and refund listings start one year back unless told otherwise. */
export const ALL_TIME = { begin_time: '2000-01-01T00:00:00Z' };
