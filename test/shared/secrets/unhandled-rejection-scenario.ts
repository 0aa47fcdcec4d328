/**
 * Runs failing Secret Manager reads and writes in a plain Node process with a process-level 'unhandledRejection'
 * listener (Jest intercepts that event, so the check has to live outside it), then prints what every call did and
 * which rejections went unhandled. `control` also leaves one rejection unhandled on purpose, proving the listener works.
 */
import { status } from '@grpc/grpc-js';
import { SecretManagerSecrets } from '@shared/secrets/secret-manager';
import { SecretManagerFake } from '../../support/secret-manager-fake';

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason instanceof Error ? reason.message : String(reason)));

const settle = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => `rejected: ${error.name}: ${error.message}`,
  );
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(mode: string): Promise<void> {
  if (mode === 'control') {
    void Promise.reject(new Error('left unhandled on purpose'));
    await pause(100);
    process.stdout.write(JSON.stringify({ outcomes: [], unhandled }) + '\n');
    return;
  }
  const fake = await SecretManagerFake.start({ projectId: 'shop-prod' });
  const secrets = new SecretManagerSecrets({ projectId: 'shop-prod', apiEndpoint: fake.endpoint });
  const outcomes: string[] = [];

  fake.addVersion('jwt-secret', 'value');
  fake.failNext('AccessSecretVersion', 1, status.PERMISSION_DENIED);
  outcomes.push(...(await Promise.all([secrets.get('jwt-secret'), secrets.getOptional('jwt-secret')].map(settle))));
  outcomes.push(await settle(secrets.get('pii-pepper')));
  fake.failNext('AddSecretVersion', 1, status.PERMISSION_DENIED);
  outcomes.push(await settle(secrets.put('jwt-secret', 'next')));

  const gone = new SecretManagerSecrets({ projectId: 'shop-prod', apiEndpoint: '127.0.0.1:1', timeoutMs: 300 });
  outcomes.push(await settle(gone.get('jwt-secret')), await settle(gone.put('jwt-secret', 'next')), await settle(gone.ping()));

  await pause(100);
  await Promise.all([secrets.close(), gone.close(), fake.stop()]);
  process.stdout.write(JSON.stringify({ outcomes, unhandled }) + '\n');
}

main(process.argv[2] ?? 'adapter').catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exitCode = 1;
});
