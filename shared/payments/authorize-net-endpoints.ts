/**
 * Authorize.Net's API hosts, from its developer documentation: the sandbox at apitest.authorize.net and live
 * payments at api.authorize.net. Requests go to `<host>/xml/v1/request.api` (the JSON API shares the XML path).
 */
export const AUTHORIZE_NET_HOSTS = {
  sandbox: 'https://apitest.authorize.net',
  production: 'https://api.authorize.net',
} as const;

/** The path of every API method. */
export const AUTHORIZE_NET_API_PATH = '/xml/v1/request.api';

/** The base URL to call: an explicit one (the local emulator) wins over the environment's host. */
export function authorizeNetBaseUrl(settings: { baseUrl?: string; environment: keyof typeof AUTHORIZE_NET_HOSTS }): string {
  return (settings.baseUrl ?? AUTHORIZE_NET_HOSTS[settings.environment]).replace(/\/+$/, '');
}
