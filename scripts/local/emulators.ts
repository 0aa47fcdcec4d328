import { startAuthorizeNetEmulator } from '../emulators/authorize-net';
import { startLightspeedEmulator } from '../emulators/lightspeed';
import { startSquareEmulator } from '../emulators/square';

/** The emulators this process started, and what they stand in for. */
export interface LocalEmulators {
  started: Array<{ name: string; url: string }>;
  close(): Promise<void>;
}

/**
 * Starts an emulator for every provider without configured credentials and points the environment at it, so the
 * local stack syncs and charges against honest stand-ins. Must run before the configuration is first read.
 * `basePort` 0 picks free ports; otherwise Square, Lightspeed and Authorize.Net take basePort, +1 and +2.
 */
export async function startLocalEmulators(env: NodeJS.ProcessEnv, basePort = 0): Promise<LocalEmulators> {
  const port = (offset: number) => (basePort ? basePort + offset : 0);
  const started: LocalEmulators['started'] = [];
  const closers: Array<() => Promise<void>> = [];

  if (!env.SQUARE_BASE_URL) {
    const square = await startSquareEmulator({ port: port(0) });
    env.SQUARE_BASE_URL = square.url;
    env.SQUARE_ACCESS_TOKEN = square.accessToken;
    started.push({ name: 'Square', url: square.url });
    closers.push(() => square.close());
  }
  if (!env.LIGHTSPEED_BASE_URL) {
    const lightspeed = await startLightspeedEmulator({ port: port(1) });
    env.LIGHTSPEED_BASE_URL = lightspeed.url;
    env.LIGHTSPEED_TOKEN_URL = `${lightspeed.url}/auth/oauth/token`;
    env.LIGHTSPEED_ACCOUNT_ID = lightspeed.accountId;
    env.LIGHTSPEED_CLIENT_ID = lightspeed.oauth.clientId;
    env.LIGHTSPEED_CLIENT_SECRET = lightspeed.oauth.clientSecret;
    env.LIGHTSPEED_REFRESH_TOKEN = lightspeed.currentRefreshToken();
    started.push({ name: 'Lightspeed', url: lightspeed.url });
    closers.push(() => lightspeed.close());
  }
  if (!env.AUTHORIZE_NET_BASE_URL) {
    const gateway = await startAuthorizeNetEmulator({ port: port(2) });
    env.AUTHORIZE_NET_BASE_URL = gateway.url;
    env.AUTHORIZE_NET_API_LOGIN_ID = 'emulator-login';
    env.AUTHORIZE_NET_TRANSACTION_KEY = 'emulator-transaction-key';
    started.push({ name: 'Authorize.Net', url: gateway.url });
    closers.push(() => gateway.close());
  }
  return {
    started,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
