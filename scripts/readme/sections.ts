/** The comment lines that enclose a generated part of a markdown file. */
export function sectionMarkers(name: string): { start: string; end: string } {
  return {
    start: `<!-- generated:${name} by \`npm run generate\`; edit the code, not this table -->`,
    end: `<!-- /generated:${name} -->`,
  };
}

/** The text with the named generated section replaced by `content`; throws when the markers are missing. */
export function withSection(text: string, name: string, content: string): string {
  const { start, end } = sectionMarkers(name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`The markers of the generated section ${name} are missing: ${start} … ${end}`);
  return `${text.slice(0, from + start.length)}\n${content.trimEnd()}\n${text.slice(to)}`;
}
