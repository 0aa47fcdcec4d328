import { WEBHOOK_PROVIDERS, webhookProvider } from '@shared/webhooks/providers';
import { loadDevSecrets } from './local/dev-secrets';

/**
 * `npm run webhook -- <provider> <event type>`: sends a signed sample event to the local server (PORT, default 8080),
 * signed with the same development key `npm start` verifies with, and prints the answer.
 */
async function main(): Promise<void> {
  const [providerName, eventType] = process.argv.slice(2);
  const provider = providerName ? webhookProvider(providerName) : undefined;
  if (!provider || !eventType || !provider.sampleTypes.includes(eventType)) {
    const lines = WEBHOOK_PROVIDERS.map((p) => `  ${p.name}: ${p.sampleTypes.join(', ')}`);
    console.error(['Usage: npm run webhook -- <provider> <event type>', 'Samples:', ...lines].join('\n'));
    process.exit(2);
  }
  loadDevSecrets();
  const port = Number(process.env.PORT || 8080);
  const url = `http://127.0.0.1:${port}/api/webhooks/${provider.name}`;
  const envName = provider.secret.toUpperCase().replace(/-/g, '_');
  const key = (process.env[envName] ?? '').split(/[\s,]+/).filter(Boolean)[0];
  if (!key) throw new Error(`${envName} is not set`);
  const nowMs = Date.now();
  const { body, eventId } = provider.sample(eventType, nowMs);
  const text = JSON.stringify(body);
  const notificationUrl = process.env.SQUARE_WEBHOOK_NOTIFICATION_URL || `http://127.0.0.1:${port}/api/webhooks/square`;
  const headers = provider.sign({ body: text, key, nowMs, notificationUrl, eventId, eventType });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
  console.log(`${res.status} ${await res.text()}`);
  if (!res.ok) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
