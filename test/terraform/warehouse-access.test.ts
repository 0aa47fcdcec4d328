import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '@shared/manifest';
import { STAGING_DATASET } from '@shared/warehouse/bigquery-staging';
import { TABLES } from '@shared/warehouse/schema';
import { codeAccess } from './code-access';

const generated = JSON.parse(readFileSync(join(__dirname, '..', '..', 'terraform', 'generated', 'functions.json'), 'utf8'))
  .functions as Array<{ name: string; grants: { datasets: Array<{ dataset: string; role: string }>; tables: Array<{ table: string; role: string }> } }>;
const dataEditor = 'roles/bigquery.dataEditor';

/** Append-only tables (no version column): the business ledgers and the notification outbox. */
const LEDGERS = TABLES.filter((t) => !t.version).map((t) => t.id);
const access = new Map(FUNCTIONS.map((f) => [f.name, codeAccess(f.name)]));

describe("each function's declared warehouse access matches what its code does", () => {
  it.each(FUNCTIONS.map((f) => [f.name, f] as const))('%s writes exactly the tables its access names', (name, spec) => {
    const code = access.get(name)!;
    expect(code.unresolved).toEqual([]);
    expect(spec.access.writes.map((t) => t.id).sort()).toEqual([...code.writes].sort());
  });

  it.each(FUNCTIONS.map((f) => [f.name, f] as const))('%s may read every dataset its queries (and their views) read', (name, spec) => {
    const needed = new Set([...access.get(name)!.reads].map((id) => id.split('.')[0]));
    expect([...needed].filter((d) => !(spec.access.reads as readonly string[]).includes(d))).toEqual([]);
  });

  it('finds writes in the idioms the code uses: appends, upserts, stream tables and DML', () => {
    expect([...access.get('age-verification')!.writes]).toContain('commerce.age_verifications');
    expect([...access.get('sync')!.writes]).toEqual(expect.arrayContaining(['commerce.square_payments', 'commerce.lightspeed_transactions', 'ops.sync_runs']));
    // The retention job's only write to the attempts ledger is a DELETE.
    expect([...access.get('jobs')!.writes]).toContain('commerce.age_verification_attempts');
  });
});

describe('ledgers apart: only the functions that append to a ledger may write it', () => {
  it.each(LEDGERS)('%s: the functions granted write are exactly those whose code writes it', (table) => {
    const granted = generated.filter((f) => f.grants.tables.some((g) => g.table === table && g.role === dataEditor)).map((f) => f.name);
    const writers = FUNCTIONS.filter((f) => access.get(f.name)!.writes.has(table)).map((f) => f.name);
    expect(granted.sort()).toEqual(writers.sort());
    expect(granted.length).toBeGreaterThan(0);
  });

  it('gives no function write access to a whole dataset of real tables (only to the staging dataset)', () => {
    for (const f of generated) {
      const datasetWrites = f.grants.datasets.filter((g) => g.role !== 'roles/bigquery.dataViewer').map((g) => `${g.dataset} ${g.role}`);
      expect(datasetWrites.every((g) => g === `${STAGING_DATASET} ${dataEditor}`)).toBe(true);
    }
  });

  it('leaves sync, the dashboard and ops unable to change the age-verification, membership and payment ledgers', () => {
    const ledgers = ['commerce.age_verifications', 'commerce.age_verification_attempts', 'commerce.membership_events', 'commerce.payments_taken'];
    for (const name of ['sync', 'dashboard', 'ops']) {
      const tables = generated.find((f) => f.name === name)!.grants.tables.map((g) => g.table);
      expect(tables.filter((t) => ledgers.includes(t))).toEqual([]);
    }
  });
});
