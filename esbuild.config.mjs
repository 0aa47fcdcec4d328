/**
 * `npm run build`: one Cloud Functions bundle per entry of FUNCTIONS in shared/manifest.ts.
 *
 *   dist/<name>/index.js       functions/<name>/index.ts and everything it imports (node20, cjs, minified)
 *   dist/<name>/index.js.map   its source map
 *   dist/<name>/package.json   the deployable package: depends on the functions framework only, at the exact version
 *                              package-lock.json installs here (Cloud Functions' build would otherwise float it)
 *   dist/<name>/package-lock.json  the framework's part of package-lock.json, so Cloud Functions' build runs `npm ci`
 *                              and installs the very versions the tests ran with, transitive ones included
 *   dist/manifest.json         what was built and how big it is (read by `npm run bench`)
 *
 * Usage: node esbuild.config.mjs [--outdir <dir>] [--quiet]. Exits non-zero on any build error.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const tsconfig = join(root, 'tsconfig.json');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const FRAMEWORK = '@google-cloud/functions-framework';
/**
 * Left out of every bundle. The framework must be the one copy the runtime loads: a bundled copy keeps its own
 * registry, so the deployed function would be "not defined". DuckDB is a native addon used only by the embedded
 * warehouse (imported lazily by shared/warehouse/duckdb.ts); production runs WAREHOUSE=bigquery and never loads it.
 * esbuild builds the console's assets in memory when they are not prebuilt (npm start); a deployed console has them.
 */
const EXTERNAL = [FRAMEWORK, '@duckdb/node-api', 'esbuild'];

/** Loads a TypeScript module of the repository by bundling it in memory and evaluating the CommonJS result. */
async function loadTsModule(path) {
  const result = await esbuild.build({
    entryPoints: [path],
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig,
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', '__dirname', result.outputFiles[0].text)(module, module.exports, createRequire(path), dirname(path));
  return module.exports;
}

/** Reads FUNCTIONS from the TypeScript manifest. */
async function loadManifest() {
  const { FUNCTIONS } = await loadTsModule(join(root, 'shared', 'manifest.ts'));
  if (!Array.isArray(FUNCTIONS) || FUNCTIONS.length === 0) throw new Error('shared/manifest.ts exports no FUNCTIONS');
  return FUNCTIONS;
}

/**
 * The staff console's browser assets, written next to the console function's bundle (dist/console/assets), where its
 * handler reads them; with the first page's gzip size, which must stay under the budget.
 */
async function buildConsoleAssets(outDir) {
  const { consoleBuildOptions, CONSOLE_BUDGET_GZIP_BYTES } = await loadTsModule(join(root, 'functions', 'console', 'bundle.ts'));
  const assetsDir = join(outDir, 'console', 'assets');
  await esbuild.build({ ...consoleBuildOptions(), outdir: assetsDir, logLevel: 'warning' });
  const gzipBytes = ['app.js', 'app.css'].reduce((total, name) => total + gzipSync(readFileSync(join(assetsDir, name))).length, 0);
  if (gzipBytes > CONSOLE_BUDGET_GZIP_BYTES) throw new Error(`the console's first page is ${gzipBytes} bytes gzipped, over its budget of ${CONSOLE_BUDGET_GZIP_BYTES}`);
  return { gzipBytes };
}

/**
 * The esbuild options of every function's bundle. One build with an entry point per function parses the shared
 * library and node_modules once; each output is still a complete, self-contained bundle (cjs has no code splitting).
 */
function bundleOptions(functions, outDir) {
  return {
    entryPoints: Object.fromEntries(functions.map((spec) => [`${spec.name}/index`, join(root, 'functions', spec.name, 'index.ts')])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    // Error class names stay readable in logs (SecretMissingError, HttpError) without a source map lookup.
    keepNames: true,
    // Mappings only: stack traces resolve to file and line (node --enable-source-maps) without shipping every
    // dependency's source a second time in each deployed archive.
    sourcemap: true,
    sourcesContent: false,
    tsconfig,
    external: EXTERNAL,
    logLevel: 'warning',
  };
}

/**
 * The functions framework's exact version: the one package-lock.json pins, so the deployed function runs the framework
 * the tests ran against rather than whatever "^5" means on the day Cloud Functions builds it.
 */
function lockedFrameworkVersion() {
  if (!rootPackage.dependencies?.[FRAMEWORK]) throw new Error(`package.json has no dependency on ${FRAMEWORK}`);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.[`node_modules/${FRAMEWORK}`]?.version;
  if (!version) throw new Error(`package-lock.json does not pin ${FRAMEWORK}; run npm install`);
  return version;
}

/**
 * The lockfile of a deployed package: the root lockfile's entries for the framework and everything it needs, found as
 * Node resolves them (nested node_modules first, then each parent's), at the same paths, so the tree is the one the
 * tests ran with. Dev flags are dropped: in the deployed package these are production dependencies.
 */
function deployLockfile(pkg) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const packages = lock.packages;
  const resolveFrom = (from, dependency) => {
    for (let base = from; ; ) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${dependency}`;
      if (packages[candidate]) return candidate;
      if (!base) return null;
      const parent = base.lastIndexOf('/node_modules/');
      base = parent < 0 ? '' : base.slice(0, parent);
    }
  };
  const closure = new Set();
  const queue = [`node_modules/${FRAMEWORK}`];
  while (queue.length > 0) {
    const path = queue.pop();
    if (closure.has(path)) continue;
    closure.add(path);
    const entry = packages[path];
    for (const [dependency, optional] of [
      ...Object.keys(entry.dependencies ?? {}).map((d) => [d, false]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((d) => [d, true]),
    ]) {
      const found = resolveFrom(path, dependency);
      if (found) queue.push(found);
      else if (!optional) throw new Error(`package-lock.json cannot resolve ${dependency} for ${path}`);
    }
  }
  const entries = [...closure].sort().map((path) => {
    const { dev, devOptional, peer, ...entry } = packages[path];
    return [path, entry];
  });
  return {
    name: pkg.name,
    version: pkg.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: pkg.name, version: pkg.version, dependencies: pkg.dependencies, engines: pkg.engines }, ...Object.fromEntries(entries) },
  };
}

/** The package.json Cloud Functions installs next to the bundle: everything else is already inside index.js. */
function deployPackageJson(spec) {
  const frameworkVersion = lockedFrameworkVersion();
  return {
    name: `${rootPackage.name}-${spec.name}`,
    version: rootPackage.version,
    description: spec.description,
    private: true,
    main: 'index.js',
    engines: { node: '20' },
    scripts: { start: `functions-framework --target=${spec.name}` },
    dependencies: { [FRAMEWORK]: frameworkVersion },
  };
}

function sizes(file) {
  const bytes = readFileSync(file);
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes).length, sourcemapBytes: statSync(`${file}.map`).size };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function printTable(built, out) {
  const rows = [
    ['function', 'trigger', 'bundle', 'gzip', 'source map'],
    ...built.map((f) => [f.name, f.trigger, kb(f.bytes), kb(f.gzipBytes), kb(f.sourcemapBytes)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  out.write([line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n') + '\n');
}

/**
 * Removes the bundles of the previous build and of this one, so a function dropped from the manifest leaves nothing
 * behind. Only folders this script wrote are touched: --outdir may point anywhere.
 */
function cleanPreviousBuild(outDir, names) {
  const previousManifest = join(outDir, 'manifest.json');
  const previous = existsSync(previousManifest) ? JSON.parse(readFileSync(previousManifest, 'utf8')).functions.map((f) => f.name) : [];
  for (const name of new Set([...previous, ...names])) rmSync(join(outDir, name), { recursive: true, force: true });
  rmSync(previousManifest, { force: true });
}

/**
 * Builds every function into outDir/<name> and writes outDir/manifest.json. Resolves with what was built, or with
 * `failed` when esbuild reported errors (it has printed them with their locations already).
 */
async function buildFunctions(outDir) {
  const functions = await loadManifest();
  const missing = functions.filter((spec) => !existsSync(join(root, 'functions', spec.name, 'index.ts')));
  if (missing.length > 0) return { failed: missing.map((spec) => `functions/${spec.name}/index.ts does not exist`) };
  cleanPreviousBuild(outDir, functions.map((f) => f.name));
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  let consoleAssets;
  try {
    await esbuild.build(bundleOptions(functions, outDir));
    if (functions.some((spec) => spec.name === 'console')) consoleAssets = await buildConsoleAssets(outDir);
  } catch (error) {
    return { failed: [error?.errors ? `${error.errors.length} error(s) above` : (error?.message ?? String(error))] };
  }
  const buildMs = Math.round(performance.now() - started);
  const built = functions.map((spec) => {
    const pkg = deployPackageJson(spec);
    writeFileSync(join(outDir, spec.name, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    writeFileSync(join(outDir, spec.name, 'package-lock.json'), JSON.stringify(deployLockfile(pkg), null, 2) + '\n');
    return {
      name: spec.name,
      trigger: spec.trigger.kind,
      ...(spec.trigger.kind === 'topic' ? { topic: spec.trigger.topic } : { paths: spec.trigger.paths }),
      entry: `functions/${spec.name}/index.ts`,
      bundle: `${spec.name}/index.js`,
      ...sizes(join(outDir, spec.name, 'index.js')),
    };
  });
  const manifest = {
    builtAt: new Date().toISOString(),
    buildMs,
    framework: { name: FRAMEWORK, version: lockedFrameworkVersion() },
    functions: built,
    ...(consoleAssets ? { consoleFirstPageGzipBytes: consoleAssets.gzipBytes } : {}),
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { built, buildMs };
}

async function main() {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, quiet: { type: 'boolean' } } });
  const outDir = resolve(root, values.outdir ?? 'dist');
  const { built, buildMs, failed } = await buildFunctions(outDir);
  if (failed) {
    for (const reason of failed) process.stderr.write(`build failed: ${reason}\n`);
    process.exitCode = 1;
    return;
  }
  if (!values.quiet) {
    printTable(built, process.stdout);
    process.stdout.write(`\n${built.length} function(s) built into ${relative(root, outDir) || '.'} in ${buildMs} ms\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`build failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
