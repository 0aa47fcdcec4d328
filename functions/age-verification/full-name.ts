/*
 * Full-name rules: 2–100 characters, two or more parts, made of letters of any alphabet (with their combining marks),
 * spaces, hyphens and apostrophes. Names are compared only through a keyed hash of their normalized form.
 */

/** The fewest characters a full name may have. */
export const FULL_NAME_MIN_LENGTH = 2;
/** The most characters a full name may have. */
export const FULL_NAME_MAX_LENGTH = 100;

// Letters and combining marks of any script; ASCII and typographic hyphens and apostrophes; plain spaces.
const allowedCharacters = /^[\p{L}\p{M}' \-\u2010\u2019\u02BC]+$/u;
const hasLetter = /\p{L}/u;

/** Why a full name is malformed, or null when it follows the rules. Length counts characters (code points). */
export function fullNameProblem(raw: string): string | null {
  const name = raw.trim();
  const length = [...name].length;
  if (length < FULL_NAME_MIN_LENGTH || length > FULL_NAME_MAX_LENGTH) {
    return `must be between ${FULL_NAME_MIN_LENGTH} and ${FULL_NAME_MAX_LENGTH} characters`;
  }
  if (!allowedCharacters.test(name)) return 'may contain only letters, spaces, hyphens and apostrophes';
  const parts = name.split(/ +/);
  if (parts.length < 2) return 'must have at least two parts (first and last name)';
  if (!parts.every((part) => hasLetter.test(part))) return 'every part of the name must contain a letter';
  return null;
}

/**
 * The form a name is hashed in, so the same person typing it differently matches: Unicode NFKC (composed accents),
 * lower case, one space between parts, one kind of hyphen and apostrophe.
 */
export function normalizeFullName(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/ +/g, ' ')
    .replace(/\u2010/g, '-')
    .replace(/[\u2019\u02BC]/g, "'");
}
