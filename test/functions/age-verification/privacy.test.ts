import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgeVerificationServer, claim, startAgeVerification } from './support';

/** The test customers' personal data: none of it may reach the warehouse file or a log line. Ids are opaque, as in the shop. */
const people = [
  { id: 'cust-1001', fullName: 'María José Fernández-López', dateOfBirth: '1988-07-23', idNumberLast4: '5820', state: 'TX' },
  { id: 'cust-1002', fullName: 'Ольга Петрова', dateOfBirth: '1979-11-30', idNumberLast4: '6391', state: 'NY' },
  { id: 'cust-1003', fullName: "Liam O'Sullivan", dateOfBirth: '2009-05-17', idNumberLast4: '8462', state: 'CA' },
  { id: 'cust-1004', fullName: 'Nguyễn Văn An', dateOfBirth: '1995-01-04', idNumberLast4: '3957', state: 'WA' },
];
const USER_AGENT = 'privacy-probe-agent/1.0';
const admin = { as: 'admin-1', role: 'admin' as const };

/** Every way a value could be written down: as given, lower-cased, name parts, birth dates in other formats. */
function probes(person: (typeof people)[number]): string[] {
  const [y, m, d] = person.dateOfBirth.split('-');
  const nameParts = person.fullName.split(/[ \-']/).filter((p) => [...p].length >= 4);
  return [
    person.fullName,
    person.fullName.toLowerCase(),
    ...nameParts,
    ...nameParts.map((p) => p.toLowerCase()),
    person.dateOfBirth,
    `${y}${m}${d}`,
    `${m}/${d}/${y}`,
    person.idNumberLast4,
  ];
}

/** Text as the bytes of its UTF-8 encoding, one char per byte, so it can be searched for in a binary file. */
const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('no personal data in the warehouse files or the logs', () => {
  let dir: string;
  let av: AgeVerificationServer;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'av-privacy-'));
    av = await startAgeVerification({ WAREHOUSE: `duckdb:${join(dir, 'warehouse.duckdb')}` });
  });
  afterEach(async () => {
    await av.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('names, birth dates and ID digits appear nowhere; the records still work', async () => {
    const headers = { 'user-agent': USER_AGENT };
    const send = (path: string, person: (typeof people)[number], body = claim(person.id, person)) =>
      av.request('POST', path, { as: person.id, json: body, headers });
    const [maria, olga, liam, an] = people;

    expect((await send('/api/age-verification/verify', maria)).body.verified).toBe(true);
    expect((await send('/api/age-verification/verify', maria)).body.method).toBe('cache');
    expect((await send('/api/age-verification/verify', olga)).body.verified).toBe(true);
    for (let i = 0; i < 4; i++) await send('/api/age-verification/verify', liam);
    await send('/api/age-verification/verify', an);
    await send('/api/age-verification/resubmit', an, claim(an.id, { ...an, dateOfBirth: '2012-01-04' }));
    await av.request('DELETE', `/api/age-verification/${olga.id}`, admin);
    const idCheck = await av.request('POST', `/api/age-verification/${maria.id}/id-check`, { ...admin, json: { idNumberLast4: maria.idNumberLast4 } });
    expect(idCheck.body.matches).toBe(true);
    await av.request('POST', '/api/age-verification/verify', { as: maria.id, json: claim(maria.id, { ...maria, idNumberLast4: 'x' }) });
    await av.request('GET', '/api/age-verification/statistics?days=30', admin);
    await av.request('GET', '/api/compliance/metrics', admin);

    // Values the product generates (ids, hashes, sealed text) are random or opaque; they are taken out of the scan so
    // that four digits occurring by chance inside one cannot pass for a leak.
    const generated = new Set<string>();
    for (const table of ['commerce.age_verifications', 'commerce.age_verification_attempts', 'ops.notification_outbox']) {
      for (const row of await av.rt.warehouse.query<Record<string, unknown>>((d) => `SELECT * FROM ${d.table(table)}`)) {
        for (const value of Object.values(row)) if (typeof value === 'string' && value.length >= 16) generated.add(value);
      }
    }
    const [stored] = await av.rt.warehouse.query<{ sealed: string; name_hash: string }>(
      (d) => `SELECT id_last4_sealed AS sealed, name_hash FROM ${d.table('commerce.age_verifications')} WHERE customer_id = 'cust-1001'`,
    );
    expect(stored.sealed).toMatch(/^v1\./);
    expect(stored.name_hash).toMatch(/^[0-9a-f]{64}$/);

    const scans: Array<[name: string, text: string]> = [];
    const readWarehouseFiles = () => {
      for (const file of ['warehouse.duckdb', 'warehouse.duckdb.wal']) {
        const path = join(dir, file);
        if (existsSync(path)) scans.push([file, readFileSync(path).toString('latin1')]);
      }
    };
    readWarehouseFiles(); // with the write-ahead log
    await av.rt.warehouse.close();
    readWarehouseFiles(); // checkpointed
    const logText = asBytes(JSON.stringify(av.rt.logs))
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '') // request ids
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '') // timestamps
      .replace(/av_[\w-]{20}/g, ''); // verification ids
    scans.push(['logs', logText]);
    expect(av.rt.logs.length).toBeGreaterThan(10);

    // The scan sees stored text: the user agent, kept in the clear as the audit trail requires, is found.
    expect(scans.filter(([name]) => name !== 'logs').some(([, text]) => text.includes(asBytes(USER_AGENT)))).toBe(true);

    const leaks: string[] = [];
    for (const [name, raw] of scans) {
      let text = raw;
      for (const value of generated) text = text.split(asBytes(value)).join('');
      for (const person of people) {
        for (const probe of probes(person)) if (text.includes(asBytes(probe))) leaks.push(`${name}: ${probe}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
