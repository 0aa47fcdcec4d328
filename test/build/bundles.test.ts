import { execFile, fork } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { FUNCTIONS } from '@shared/manifest';

const root = join(__dirname, '..', '..');
const lockfile = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const FRAMEWORK = '@google-cloud/functions-framework';
const JWT_SECRET = 'bundle-test-jwt-secret-0123456789abcdef0123456789';

interface BuiltFunction {
  name: string;
  trigger: 'http' | 'topic';
  bytes: number;
}

interface ProbeReport {
  registered: boolean;
  duckdbResolvable: boolean;
  response?: { status: number; contentType?: string; text: string };
  error?: string;
}

/** Loads one bundle folder in a fresh node process (its own functions-framework registry) and reports back. */
function probe(dir: string, name: string, env: Record<string, string>, request?: { method: string; path: string }): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'bundle-probe.cjs'), [JSON.stringify({ dir, name, request })], {
      env: { PATH: process.env.PATH ?? '', ...env },
      execArgv: [],
      silent: true,
    });
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    let report: ProbeReport | undefined;
    child.on('message', (m) => (report = m as ProbeReport));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (report?.error) reject(new Error(`${name}: ${report.error}\n${output}`));
      else if (report) resolve(report);
      else reject(new Error(`${name}: probe exited with ${code} and no report\n${output}`));
    });
  });
}

/** Production settings: loading a bundle must not need any of the embedded adapters (DuckDB above all). */
const productionEnv = {
  NODE_ENV: 'production',
  WAREHOUSE: 'bigquery',
  KV: 'upstash',
  UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
  BUS: 'pubsub',
  SECRETS: 'secret-manager',
  GCP_PROJECT_ID: 'bundle-test',
};

/** The local stack's settings, under which a bundle serves requests from embedded adapters. */
const embeddedEnv = { WAREHOUSE: 'duckdb::memory:', KV: 'memory', BUS: 'local', SECRETS: 'env', JWT_SECRET };

describe('function bundles (npm run build)', () => {
  let work: string;
  let repoDist: string;
  let deployed: string;
  let built: BuiltFunction[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'bundles-'));
    // Bundles next to the repository's node_modules, as the local stack and the benchmarks run them.
    repoDist = join(work, 'repo', 'dist');
    mkdirSync(dirname(repoDist), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(work, 'repo', 'node_modules'), 'dir');
    await promisify(execFile)(process.execPath, ['esbuild.config.mjs', '--outdir', repoDist, '--quiet'], { cwd: root });
    built = JSON.parse(readFileSync(join(repoDist, 'manifest.json'), 'utf8')).functions;

    // Each bundle as Cloud Functions deploys it: its folder plus only the dependencies its package.json names.
    deployed = join(work, 'deployed');
    for (const spec of FUNCTIONS) {
      const dir = join(deployed, spec.name);
      cpSync(join(repoDist, spec.name), dir, { recursive: true });
      const { dependencies } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      for (const dependency of Object.keys(dependencies)) {
        const link = join(dir, 'node_modules', dependency);
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(join(root, 'node_modules', dependency), link, 'dir');
      }
    }
  }, 90_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('builds exactly the functions of the manifest and records their sizes', () => {
    expect(built.map((f) => f.name).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
    for (const f of built) expect(f.bytes).toBeGreaterThan(1000);
  });

  describe.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
    it('has a package.json that depends on the functions framework only, at the version the lockfile installs, and starts this function', () => {
      const pkg = JSON.parse(readFileSync(join(repoDist, name, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({
        private: true,
        main: 'index.js',
        engines: { node: '20' },
        scripts: { start: `functions-framework --target=${name}` },
      });
      const locked = lockfile.packages[`node_modules/${FRAMEWORK}`].version;
      expect(pkg.dependencies).toEqual({ [FRAMEWORK]: locked });
      expect(locked).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('ships the framework\'s part of package-lock.json, so Cloud Functions installs the tested versions with npm ci', () => {
      const pkg = JSON.parse(readFileSync(join(repoDist, name, 'package.json'), 'utf8'));
      const deployedLock = JSON.parse(readFileSync(join(repoDist, name, 'package-lock.json'), 'utf8'));
      expect(deployedLock).toMatchObject({ name: pkg.name, version: pkg.version, lockfileVersion: 3 });
      expect(deployedLock.packages[''].dependencies).toEqual(pkg.dependencies);
      const paths = Object.keys(deployedLock.packages).filter((path) => path !== '');
      expect(paths).toContain(`node_modules/${FRAMEWORK}`);
      for (const path of paths) {
        // The same package at the same place as in the tested tree, and every dependency it needs is in the lock.
        expect({ path, version: deployedLock.packages[path].version }).toEqual({ path, version: lockfile.packages[path].version });
        expect(deployedLock.packages[path]).not.toHaveProperty('dev');
        for (const dependency of Object.keys(deployedLock.packages[path].dependencies ?? {})) {
          const candidates = [];
          for (let base = path; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
            candidates.push(`${base ? `${base}/` : ''}node_modules/${dependency}`);
            if (!base) break;
          }
          expect({ path, dependency, found: candidates.some((c) => c in deployedLock.packages) }).toEqual({ path, dependency, found: true });
        }
      }
    });

    it('registers under its manifest name when loaded with only its declared dependencies (no DuckDB)', async () => {
      const report = await probe(join(deployed, name), name, productionEnv);
      expect(report.duckdbResolvable).toBe(false);
      expect(report.registered).toBe(true);
    });

    if (spec.trigger.kind === 'http') {
      const request = { method: 'GET', path: spec.trigger.paths[0] };
      it(`serves GET ${request.path} through the functions framework with the JSON envelope`, async () => {
        const report = await probe(join(repoDist, name), name, embeddedEnv, request);
        expect(report.registered).toBe(true);
        const response = report.response!;
        expect(response.contentType).toMatch(/^application\/json/);
        expect(response.status).toBeLessThan(500);
        const body = JSON.parse(response.text);
        expect(typeof body.success).toBe('boolean');
        expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
      });
    }
  });

  it('console serves its page and the script npm run build wrote beside it, within the first page budget', async () => {
    const page = (await probe(join(repoDist, 'console'), 'console', embeddedEnv, { method: 'GET', path: '/' })).response!;
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    const script = (await probe(join(repoDist, 'console'), 'console', embeddedEnv, { method: 'GET', path: '/console/assets/app.js' })).response!;
    expect(script.status).toBe(200);
    expect(script.contentType).toMatch(/^text\/javascript/);
    expect(script.text).toContain('sessionStorage');
    const manifest = JSON.parse(readFileSync(join(repoDist, 'manifest.json'), 'utf8'));
    expect(manifest.consoleFirstPageGzipBytes).toBeLessThan(150 * 1024);
  });

  it('ops answers GET /health with 200, healthy, and every embedded port up', async () => {
    const report = await probe(join(repoDist, 'ops'), 'ops', embeddedEnv, { method: 'GET', path: '/health' });
    const response = report.response!;
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({ success: true, status: 'healthy', service: 'commerce-backend' });
    expect(body.ports.warehouse).toMatchObject({ status: 'up', backend: 'duckdb' });
    expect(body.ports.kv).toMatchObject({ status: 'up', backend: 'memory' });
  });
});
