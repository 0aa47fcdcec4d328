import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckdbWarehouse } from '@shared/warehouse/duckdb';
import { TABLES, VIEWS } from '@shared/warehouse/schema';

const root = join(__dirname, '../../..');

/** Runs a local script to its end (or kills it after `timeoutMs`), returning its exit code and everything it printed. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['--tsconfig', join(root, 'tsconfig.json'), join(root, script), ...args], {
      cwd: mkdtempSync(join(tmpdir(), 'in-use-')),
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGINT'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

describe('a second process on the local warehouse file', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'held-')), 'warehouse.duckdb');
  const holder = new DuckdbWarehouse(file, TABLES, VIEWS);

  beforeAll(() => holder.ping());
  afterAll(() => holder.close());

  test.each([
    ['npm start', 'scripts/start.ts', [], { PORT: String(9100 + Math.floor(Math.random() * 800)) }],
    ['npm run sync', 'scripts/sync.ts', ['--source', 'square', '--stream', 'locations'], {}],
  ])('%s stops at once with what to do, without a stack trace', async (_name, script, args, env) => {
    const { code, output, ms } = await runScript(script, args, { WAREHOUSE: `duckdb:${file}`, LOG_FORMAT: 'json', ...env }, 25_000);
    expect(code).toBe(1);
    expect(output).toContain(`The warehouse file ${file} is in use by another process (PID ${process.pid})`);
    expect(output).toContain('/api/sync/square');
    // Nothing started: no server, no token, no emulators; and no stack trace after the message.
    expect(output).not.toMatch(/running at|TOKEN=|emulator at/);
    expect(output).not.toMatch(/^\s+at |triggerUncaughtException|Node\.js v/m);
    expect(ms).toBeLessThan(20_000);
  }, 40_000);
});
