import type { VerificationMethod } from '../../../functions/age-verification/verification-method';
import { verificationRequestSchema } from '../../../functions/age-verification/verification-request';
import { verifyAge } from '../../../functions/age-verification/verify';
import { type TestRuntime, createTestRuntime } from '../../support/runtime';
import { claim } from './support';

describe('the verification method port', () => {
  let rt: TestRuntime;

  beforeEach(() => {
    rt = createTestRuntime();
  });
  afterEach(() => rt.warehouse.close());

  const input = (customerId: string, method?: VerificationMethod) => ({
    request: verificationRequestSchema.parse(claim(customerId)),
    kind: 'verify' as const,
    actor: 'customer',
    ip: '203.0.113.9',
    userAgent: 'test',
    log: rt.log,
    method,
  });

  test('another provider plugs in: its verdict is applied and its name recorded with the verification', async () => {
    const seen: string[] = [];
    const documentScan: VerificationMethod = {
      provider: 'document_scan',
      async evaluate(claimed, context) {
        seen.push(`${claimed.state} ${context.timeZone}`);
        return { passed: true, age: 35 };
      },
    };
    const result = await verifyAge(rt, input('doc-1', documentScan));
    expect(result).toMatchObject({ verified: true, method: 'full_verification', age: 35 });
    expect(seen).toEqual(['TX America/Chicago']);
    const [row] = await rt.warehouse.query<{ provider: string }>(
      (d) => `SELECT provider FROM ${d.table('commerce.age_verifications')} WHERE customer_id = 'doc-1'`,
    );
    expect(row.provider).toBe('document_scan');
  });

  test('a provider that errors gives the attempt slot back and records no attempt', async () => {
    const down: VerificationMethod = {
      provider: 'document_scan',
      async evaluate() {
        throw new Error('provider unreachable');
      },
    };
    for (let i = 0; i < 4; i++) await expect(verifyAge(rt, input('doc-2', down))).rejects.toThrow('provider unreachable');
    expect(await verifyAge(rt, input('doc-2'))).toMatchObject({ verified: true, method: 'full_verification' });
  });

  test('self-attestation is the method in use', async () => {
    await verifyAge(rt, input('self-1'));
    const [row] = await rt.warehouse.query<{ provider: string; outcome: string }>(
      (d) => `SELECT provider, outcome FROM ${d.table('commerce.age_verification_attempts')} WHERE customer_id = 'self-1'`,
    );
    expect(row).toEqual({ provider: 'self_attestation', outcome: 'passed' });
  });
});
