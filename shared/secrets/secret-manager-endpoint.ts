import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';

/** The Secret Manager client's constructor options. */
export type SecretManagerClientOptions = NonNullable<ConstructorParameters<typeof SecretManagerServiceClient>[0]>;

/**
 * Client options for an endpoint override, read the way the Pub/Sub client reads its own: `host`, `host:port` or a URL.
 * A googleapis.com host (a regional endpoint) keeps TLS and credentials; any other host is a local stand-in, reached
 * over plaintext without credentials. No override means production.
 */
export function secretManagerEndpoint(apiEndpoint: string | undefined): SecretManagerClientOptions {
  if (!apiEndpoint) return {};
  const hostAndPort = apiEndpoint.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const [host, port] = hostAndPort.split(':');
  const explicitPort = port ? Number(port) : undefined;
  if (host.endsWith('.googleapis.com')) return { apiEndpoint: host, ...(explicitPort ? { port: explicitPort } : {}) };
  // The insecure credentials must come from the same gRPC module the client uses, which is google-gax's.
  const { grpc } = require('google-gax') as typeof import('google-gax');
  return {
    apiEndpoint: host,
    port: explicitPort ?? (apiEndpoint.startsWith('https') ? 443 : 80),
    sslCreds: grpc.credentials.createInsecure(),
    // Naming the universe keeps the client from probing the GCE metadata server for it, which it does even then.
    universeDomain: 'googleapis.com',
  };
}
