import { HttpError } from '../http/errors';
import type { Runtime } from '../runtime';
import { AuthorizeNetClient } from './authorize-net-client';
import { authorizeNetBaseUrl } from './authorize-net-endpoints';
import { AuthorizeNetGateway } from './authorize-net-gateway';
import type { PaymentGateway } from './gateway';

const gateways = new WeakMap<Runtime, PaymentGateway>();

/**
 * The runtime's payment gateway: Authorize.Net at the configured host (the local emulator when AUTHORIZE_NET_BASE_URL
 * points at it), created on first use and reused. 503 GATEWAY_NOT_CONFIGURED when no API Login ID is set.
 */
export function paymentGateway(rt: Runtime): PaymentGateway {
  const existing = gateways.get(rt);
  if (existing) return existing;
  const apiLoginId = rt.config.AUTHORIZE_NET_API_LOGIN_ID;
  if (!apiLoginId) {
    throw new HttpError(503, 'GATEWAY_NOT_CONFIGURED', 'Payments are not configured (AUTHORIZE_NET_API_LOGIN_ID is not set)');
  }
  const log = rt.log.child({ gateway: 'authorize-net' });
  const gateway = new AuthorizeNetGateway({
    client: new AuthorizeNetClient({
      baseUrl: authorizeNetBaseUrl({ baseUrl: rt.config.AUTHORIZE_NET_BASE_URL, environment: rt.config.AUTHORIZE_NET_ENVIRONMENT }),
      apiLoginId,
      transactionKey: () => rt.secrets.get('authorize-net-transaction-key'),
      timeoutMs: rt.config.AUTHORIZE_NET_TIMEOUT_MS,
    }),
    onWarning: (message, fields) => log.warn(message, fields),
  });
  gateways.set(rt, gateway);
  return gateway;
}

/** Installs a gateway for a runtime in place of the configured one (fault-injection tests, benchmarks). */
export function setPaymentGateway(rt: Runtime, gateway: PaymentGateway): void {
  gateways.set(rt, gateway);
}
