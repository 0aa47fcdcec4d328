import { SOURCE_NAMES, type SourceName, connectorFor } from '@shared/sources/registry';
import { startAuthorizeNetEmulator } from '../emulators/authorize-net';
import { startLightspeedEmulator } from '../emulators/lightspeed';
import { startMailCatcher } from '../emulators/mail/catcher';
import { startSquareEmulator } from '../emulators/square';

/** The emulators this process started, and what they stand in for. */
export interface LocalEmulators {
  started: Array<{ name: string; url: string }>;
  close(): Promise<void>;
}

/** A stand-in the local stack starts when a provider has no configured URL, and the settings that point at it. */
interface StandIn {
  /** The setting whose presence means the provider is configured (no emulator then). */
  configuredBy: string;
  start(env: NodeJS.ProcessEnv, port: number): Promise<{ url: string; close(): Promise<void> }>;
}

/**
 * Each source's emulator, typed as total over the connector registry: a new connector does not compile until the
 * local stack can stand in for it.
 */
const SOURCE_EMULATORS: { [Name in SourceName]: StandIn } = {
  square: {
    configuredBy: 'SQUARE_BASE_URL',
    async start(env, port) {
      // Square's webhooks for the emulator's changes go to SQUARE_WEBHOOK_NOTIFICATION_URL, signed with the first key.
      const signatureKey = env.SQUARE_WEBHOOK_SIGNATURE_KEY?.split(/[\s,]+/).find(Boolean);
      const notificationUrl = env.SQUARE_WEBHOOK_NOTIFICATION_URL;
      const square = await startSquareEmulator({ port, webhooks: notificationUrl && signatureKey ? { notificationUrl, signatureKey } : undefined });
      env.SQUARE_BASE_URL = square.url;
      env.SQUARE_ACCESS_TOKEN = square.accessToken;
      return square;
    },
  },
  lightspeed: {
    configuredBy: 'LIGHTSPEED_BASE_URL',
    async start(env, port) {
      const lightspeed = await startLightspeedEmulator({ port });
      env.LIGHTSPEED_BASE_URL = lightspeed.url;
      env.LIGHTSPEED_TOKEN_URL = `${lightspeed.url}/auth/oauth/token`;
      env.LIGHTSPEED_ACCOUNT_ID = lightspeed.accountId;
      env.LIGHTSPEED_CLIENT_ID = lightspeed.oauth.clientId;
      env.LIGHTSPEED_CLIENT_SECRET = lightspeed.oauth.clientSecret;
      env.LIGHTSPEED_REFRESH_TOKEN = lightspeed.currentRefreshToken();
      return lightspeed;
    },
  },
};

/** The payment gateway's stand-in. */
const GATEWAY_EMULATOR: StandIn = {
  configuredBy: 'AUTHORIZE_NET_BASE_URL',
  async start(env, port) {
    const gateway = await startAuthorizeNetEmulator({ port });
    env.AUTHORIZE_NET_BASE_URL = gateway.url;
    env.AUTHORIZE_NET_API_LOGIN_ID = 'emulator-login';
    env.AUTHORIZE_NET_TRANSACTION_KEY = 'emulator-transaction-key';
    return gateway;
  },
};

/** A recipient as the terminal shows it: enough to tell messages apart, not the whole address. */
const maskedRecipient = (address: string) => address.replace(/^(.)[^@]*@/, '$1***@');

/**
 * The embedded SMTP catcher: every notice the local stack sends is kept under .data/mail/ as an .eml file, and
 * announced on the terminal with one line.
 */
const MAIL_CATCHER: StandIn = {
  configuredBy: 'SMTP_URL',
  async start(env, port) {
    const catcher = await startMailCatcher({
      port,
      dir: '.data/mail',
      onMessage: (mail) =>
        process.stderr.write(`mail ${mail.kind ?? 'message'} to ${mail.to.map(maskedRecipient).join(', ')} ${mail.messageId} → ${mail.file}\n`),
    });
    env.SMTP_URL = catcher.url;
    return catcher;
  },
};

/**
 * Starts an emulator for every provider without configured credentials and points the environment at it, so the
 * local stack syncs and charges against honest stand-ins. Must run before the configuration is first read.
 * `basePort` 0 picks free ports; otherwise the sources take basePort, +1, … in registry order (Square, Lightspeed),
 * then Authorize.Net and the SMTP catcher.
 */
export async function startLocalEmulators(env: NodeJS.ProcessEnv, basePort = 0): Promise<LocalEmulators> {
  const standIns = [
    ...SOURCE_NAMES.map((name) => ({ name: connectorFor(name).label, standIn: SOURCE_EMULATORS[name] })),
    { name: 'Authorize.Net', standIn: GATEWAY_EMULATOR },
    { name: 'SMTP catcher (.data/mail)', standIn: MAIL_CATCHER },
  ];
  const started: LocalEmulators['started'] = [];
  const closers: Array<() => Promise<void>> = [];
  for (const [offset, { name, standIn }] of standIns.entries()) {
    if (env[standIn.configuredBy]) continue;
    const emulator = await standIn.start(env, basePort ? basePort + offset : 0);
    started.push({ name, url: emulator.url });
    closers.push(() => emulator.close());
  }
  return {
    started,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
}
