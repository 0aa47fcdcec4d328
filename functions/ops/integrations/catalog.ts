import { AUTHORIZE_NET, probeAuthorizeNet } from '@shared/payments/authorize-net-probe';
import type { Runtime } from '@shared/runtime';
import type { ProbeOptions, ProbeResult } from '@shared/sources/probe';
import { CONNECTORS } from '@shared/sources/registry';
import { WEBHOOK_PROVIDERS } from '@shared/webhooks/providers';

/**
 * One integration as monitoring sees it. Probed ones are asked every minute; push-only ones (Shopify, Zettle) are
 * judged by their webhook deliveries alone.
 */
export interface Integration {
  /** Its id in routes, records and metric labels. */
  name: string;
  label: string;
  /** The authenticated call that says whether it answers; absent for push-only providers. */
  probe?: (rt: Runtime, options: ProbeOptions) => Promise<ProbeResult>;
  /** The sync source whose runs and watermarks count toward its health. */
  syncSource?: string;
  /** Whether the credential in the probe's answer renews itself (an OAuth access token refreshed on use). */
  tokenRenews: boolean;
}

const probed: Integration[] = [
  ...CONNECTORS.map((c) => ({
    name: c.name,
    label: c.label,
    probe: (rt: Runtime, options: ProbeOptions) => c.probe(rt, options),
    syncSource: c.name,
    // Lightspeed's probe reports the OAuth access token it just refreshed: its short life is not a warning.
    tokenRenews: c.writesSecrets.length > 0,
  })),
  { name: AUTHORIZE_NET, label: 'Authorize.Net', probe: probeAuthorizeNet, tokenRenews: false },
];

/**
 * THE list of integrations, derived: every POS connector of the registry and the payment gateway (probed), then every
 * webhook provider that is neither (push-only: judged by its deliveries). A provider that is both, like Square, is
 * one integration whose webhook deliveries count toward its health.
 */
export const INTEGRATIONS: readonly Integration[] = [
  ...probed,
  ...WEBHOOK_PROVIDERS.filter((p) => !probed.some((i) => i.name === p.name)).map((p) => ({ name: p.name, label: p.label, tokenRenews: false })),
];

/** The integration of a name, or undefined. */
export function integrationNamed(name: string): Integration | undefined {
  return INTEGRATIONS.find((i) => i.name === name);
}
