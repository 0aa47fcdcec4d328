/** A Cloud Build config as the tests read it: substitutions and steps in order (our files' own YAML subset). */
export interface CloudbuildConfig {
  substitutions: Record<string, string>;
  steps: Array<{ id: string; name: string; script: string; text: string }>;
}

/**
 * Reads `substitutions:` (one `_NAME: value` per line) and `steps:` (each `- id:` with its `name:` and `script:`,
 * inline or a `|` block). Enough for cloudbuild.yaml as written here; anything else fails the tests that use it.
 */
export function cloudbuildSteps(text: string): CloudbuildConfig {
  const substitutionBlock = /^substitutions:\n((?:  .*\n|\s*\n)*)/m.exec(text)?.[1] ?? '';
  const substitutions = Object.fromEntries(
    [...substitutionBlock.matchAll(/^  (_[A-Z0-9_]+):\s*('[^']*'|[^\s#]*)/gm)].map((m) => [m[1], m[2].replace(/^'|'$/g, '')]),
  );
  const stepsText = text.slice(text.indexOf('\nsteps:\n'));
  const steps = stepsText
    .split(/\n  - (?=id: )/)
    .slice(1)
    .map((chunk) => {
      const stepText = chunk.split(/\n(?=\S)/)[0];
      const block = /\n    script: \|\n((?:      .*\n?|\s*\n)*)/.exec(stepText + '\n')?.[1];
      const script = block !== undefined ? block.replace(/^      /gm, '').trim() : (/\n    script: (.*)/.exec(stepText)?.[1] ?? '').trim();
      return { id: /^id: (\S+)/.exec(stepText)![1], name: /\n    name: (\S+)/.exec(stepText)?.[1] ?? '', script, text: stepText };
    });
  return { substitutions, steps };
}
