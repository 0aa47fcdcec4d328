import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCHMARKS } from '../../../scripts/bench/benchmarks';

const root = join(__dirname, '../../..');

describe('npm run bench', () => {
  test('--only with a name no benchmark has lists the known ones and exits 2, without a stack trace', () => {
    const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['--tsconfig', join(root, 'tsconfig.json'), join(root, 'scripts/bench/index.ts'), '--only', 'nonexistent'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No benchmark matches --only nonexistent');
    for (const benchmark of BENCHMARKS) expect(result.stderr).toContain(`  ${benchmark.name}\n`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });
});
