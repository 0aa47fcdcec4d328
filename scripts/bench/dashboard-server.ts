import { config } from '@shared/config';
import { createRuntime } from '@shared/runtime';
import { startLocalStack } from '../local/server';

/**
 * The local server for the dashboard benchmark, in its own process so the load generator does not share its event
 * loop: every manifest function under its public paths, configured from the environment the benchmark passes, no
 * scheduler (nothing but the measured requests runs). Prints `listening <url>` when ready; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const cfg = config();
  const stack = await startLocalStack(createRuntime(cfg), cfg.PORT, { scheduler: false });
  process.stdout.write(`listening ${stack.url}\n`);
  process.once('SIGTERM', () => {
    void stack.close().then(() => process.exit(0));
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
