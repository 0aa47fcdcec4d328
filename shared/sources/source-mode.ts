import type { Config } from '../config';
import { lightspeedApiBaseUrl } from './lightspeed/client';
import { squareBaseUrl } from './square/client';
import type { SourceName } from './stream';

/** Where a source's data comes from: the provider's API, its sandbox, the local emulator, or nowhere yet. */
export type SourceMode = 'production' | 'sandbox' | 'emulator' | 'not-configured';

/** How each source is configured, from the same settings its client reads. */
export function sourceMode(cfg: Config, source: SourceName): SourceMode {
  if (source === 'square') {
    const url = squareBaseUrl(cfg);
    if (url === 'https://connect.squareup.com') return 'production';
    if (url === 'https://connect.squareupsandbox.com') return 'sandbox';
    return 'emulator';
  }
  if (!cfg.LIGHTSPEED_ACCOUNT_ID) return 'not-configured';
  return lightspeedApiBaseUrl(cfg) === 'https://api.lightspeedapp.com' ? 'production' : 'emulator';
}
