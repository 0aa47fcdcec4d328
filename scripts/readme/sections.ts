/** How a file writes a comment line: `<!-- … -->` in markdown, `# …` in YAML. */
export type CommentStyle = (text: string) => string;

export const markdownComment: CommentStyle = (text) => `<!-- ${text} -->`;
export const yamlComment: CommentStyle = (text) => `# ${text}`;

/** The comment lines that enclose a generated part of a file. */
export function sectionMarkers(name: string, comment: CommentStyle = markdownComment): { start: string; end: string } {
  return {
    start: comment(`generated:${name} by \`npm run generate\`; edit the code, not this table`),
    end: comment(`/generated:${name}`),
  };
}

/**
 * The text with the named generated section replaced by `content`; throws when the markers are missing. The end
 * marker keeps its line's indentation (a YAML section sits inside a mapping).
 */
export function withSection(text: string, name: string, content: string, comment: CommentStyle = markdownComment): string {
  const { start, end } = sectionMarkers(name, comment);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`The markers of the generated section ${name} are missing: ${start} … ${end}`);
  const endLine = text.lastIndexOf('\n', to) + 1;
  return `${text.slice(0, from + start.length)}\n${content.trimEnd()}\n${text.slice(endLine)}`;
}
