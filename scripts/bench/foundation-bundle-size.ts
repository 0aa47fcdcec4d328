import type { Benchmark, Metrics } from './benchmark';
import { buildBundles } from './bundles';
import { round } from './stats';

/** Size of every function bundle (what each cold start parses) and how long the build takes. */
export const bundleSizeBenchmark: Benchmark = {
  name: 'foundation.bundle-size',
  async run() {
    const { functions, esbuildMs, wallMs } = await buildBundles();
    const metrics: Metrics = { 'build.esbuild_ms': esbuildMs, 'build.wall_ms': round(wallMs) };
    for (const f of functions) {
      metrics[`${f.name}.bundle_bytes`] = f.bytes;
      metrics[`${f.name}.bundle_gzip_bytes`] = f.gzipBytes;
      metrics[`${f.name}.sourcemap_bytes`] = f.sourcemapBytes;
    }
    return metrics;
  },
};
