import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { buildConsoleAssets } from './bundle';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Asset {
  contentType: string;
  text: string;
}

let loading: Promise<Map<string, Buffer>> | undefined;

/**
 * The console's assets: those `npm run build` wrote next to the deployed bundle (assets/), or, when running from
 * source (npm start, tests), the bundle esbuild builds in memory once per process.
 */
function assets(): Promise<Map<string, Buffer>> {
  const prebuilt = join(__dirname, 'assets');
  loading ??= existsSync(prebuilt)
    ? Promise.resolve(new Map(readdirSync(prebuilt).map((name) => [name, readFileSync(join(prebuilt, name))])))
    : buildConsoleAssets();
  // A failed build is not remembered: the next request tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** One asset by file name, or undefined for a name the bundle does not have. */
export async function asset(name: string): Promise<Asset | undefined> {
  const type = CONTENT_TYPES[extname(name)];
  const bytes = type ? (await assets()).get(name) : undefined;
  return bytes && type ? { contentType: type, text: bytes.toString('utf8') } : undefined;
}
