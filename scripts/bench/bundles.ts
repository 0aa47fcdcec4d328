import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository root (scripts/bench/ is two levels down). */
export const repoRoot = join(__dirname, '..', '..');

/** Where `npm run build` writes the bundles. */
export const distDir = join(repoRoot, 'dist');

/** One function as dist/manifest.json records it. */
export interface BuiltFunction {
  name: string;
  trigger: 'http' | 'topic';
  paths?: string[];
  topic?: string;
  bytes: number;
  gzipBytes: number;
  sourcemapBytes: number;
}

/** What one build produced: the bundles, esbuild's own time, and the whole build's time from a fresh node process. */
export interface BuildResult {
  functions: BuiltFunction[];
  esbuildMs: number;
  wallMs: number;
}

let build: Promise<BuildResult> | undefined;

/** Runs `node esbuild.config.mjs` once per bench run (later callers share the result) and reads dist/manifest.json. */
export function buildBundles(): Promise<BuildResult> {
  build ??= (async () => {
    const started = performance.now();
    try {
      await promisify(execFile)(process.execPath, ['esbuild.config.mjs', '--quiet'], { cwd: repoRoot });
    } catch (error) {
      throw new Error(`npm run build failed:\n${(error as { stderr?: string }).stderr ?? error}`, { cause: error });
    }
    const wallMs = performance.now() - started;
    const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as { functions: BuiltFunction[]; buildMs: number };
    return { functions: manifest.functions, esbuildMs: manifest.buildMs, wallMs };
  })();
  return build;
}
