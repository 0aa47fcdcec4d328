import type { Runtime } from '../runtime';
import { type ProbeOptions, type ProbeResult, notConfigured, probeEndpoint } from '../sources/probe';
import type { SourceMode } from '../sources/connector';
import { AUTHORIZE_NET_API_PATH, AUTHORIZE_NET_HOSTS, authorizeNetBaseUrl } from './authorize-net-endpoints';
import { parseAnswer } from './authorize-net-client';

/** The gateway's name in probe records, health and metrics. */
export const AUTHORIZE_NET = 'authorize-net';

/**
 * Authentication failures the API reports in an HTTP 200 answer (Authorize.Net's response code reference):
 * E00007 invalid authentication values, E00008 account or API user inactive, E00124 invalid access token.
 */
const AUTH_REFUSED = new Set(['E00007', 'E00008', 'E00124']);

/** Which Authorize.Net the configuration points at. */
export function authorizeNetMode(rt: Runtime): SourceMode {
  if (!rt.config.AUTHORIZE_NET_API_LOGIN_ID) return 'not-configured';
  const url = authorizeNetBaseUrl({ baseUrl: rt.config.AUTHORIZE_NET_BASE_URL, environment: rt.config.AUTHORIZE_NET_ENVIRONMENT });
  if (url === AUTHORIZE_NET_HOSTS.production) return 'production';
  if (url === AUTHORIZE_NET_HOSTS.sandbox) return 'sandbox';
  return 'emulator';
}

/**
 * The gateway's probe: `authenticateTestRequest`, the API's call that only checks the API Login ID and Transaction
 * Key. The API answers 200 for a refused credential and names it in `messages`, so the body decides the outcome.
 * Authorize.Net publishes no rate-limit headers and its transaction keys do not expire: both stay null.
 */
export async function probeAuthorizeNet(rt: Runtime, options: ProbeOptions = {}): Promise<ProbeResult> {
  const mode = authorizeNetMode(rt);
  const apiLoginId = rt.config.AUTHORIZE_NET_API_LOGIN_ID;
  if (mode === 'not-configured' || !apiLoginId) return notConfigured(AUTHORIZE_NET, rt.clock.now());
  const baseUrl = authorizeNetBaseUrl({ baseUrl: rt.config.AUTHORIZE_NET_BASE_URL, environment: rt.config.AUTHORIZE_NET_ENVIRONMENT });
  return probeEndpoint({
    source: AUTHORIZE_NET,
    mode,
    url: `${baseUrl}${AUTHORIZE_NET_API_PATH}`,
    body: async () =>
      JSON.stringify({
        authenticateTestRequest: { merchantAuthentication: { name: apiLoginId, transactionKey: await rt.secrets.get('authorize-net-transaction-key') } },
      }),
    judgeBody(body) {
      let answer;
      try {
        answer = parseAnswer('authenticateTestRequest', body);
      } catch (error) {
        return { outcome: 'failing', error: (error as Error).message };
      }
      if (answer.messages.resultCode === 'Ok') return null;
      const first = answer.messages.message[0];
      const text = `${first?.code ?? 'no code'}: ${first?.text ?? 'no text'}`;
      return { outcome: first && AUTH_REFUSED.has(first.code) ? 'unauthorized' : 'failing', error: text };
    },
    now: () => rt.clock.now(),
    timeoutMs: options.timeoutMs,
  });
}
