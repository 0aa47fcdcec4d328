import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/** The console's browser code: one entry, its stylesheet beside it, served under ASSET_PREFIX. */
export const APP_ENTRY = join(__dirname, 'app', 'main.tsx');
export const ASSET_PREFIX = '/console/assets';
/** The first page (page, script and stylesheet) must stay under 150 kB gzipped; `npm run build` fails above it. */
export const CONSOLE_BUDGET_GZIP_BYTES = 150 * 1024;

/**
 * The esbuild options of the browser bundle, shared by `npm run build` (written to dist/console/assets) and by the
 * local server (built in memory on first request). Preact and uPlot are bundled: no CDN, no external font.
 */
export function consoleBuildOptions(): BuildOptions {
  return {
    entryPoints: { app: APP_ENTRY },
    bundle: true,
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'css' },
    legalComments: 'none',
    logLevel: 'silent',
  };
}

/** Builds the browser bundle in memory: asset file name → bytes. */
export async function buildConsoleAssets(): Promise<Map<string, Buffer>> {
  // Loaded only where the assets are not prebuilt (the local server); a deployed function never imports esbuild.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({ ...consoleBuildOptions(), write: false, outdir: '/assets' });
  return new Map(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), Buffer.from(f.contents)]));
}
