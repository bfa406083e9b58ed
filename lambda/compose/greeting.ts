import { oneLine } from '../one-line';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'herr', 'frau', 'mme', 'mlle']);

/**
 * Display names of roles, systems and companies ("Acme Inc."), which no one would greet by name.
 * Whole words by Unicode letters: `\b` knows only ASCII, and would find "ag" in "Agüero".
 */
const ROLE =
  /(?<![\p{L}\p{M}\p{N}])(?:team|support|info|admin|administrator|sales|developers?|hello|contact|no[- ]?reply|office|service|billing|help|helpdesk|desk|notifications?|mailer|postmaster|engineering|it|hr|accounts?|security|ops|marketing|customers?|inc|llc|ltd|limited|gmbh|corp|corporation|plc|pty|srl|sarl|bv|ag)(?![\p{L}\p{M}\p{N}])/iu;

function capitalise(word: string): string {
  return word
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/**
 * The first name in a display name, when it plainly holds one: "Marco Bellini",
 * "Bellini, Marco" and "Dr. Marco Bellini" give "Marco"; "IT Support", "jdoe42" and an
 * address give nothing, and the greeting stays neutral.
 */
export function firstName(displayName: string): string | undefined {
  let name = oneLine(displayName, 100)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .trim();
  if (!name || name.includes('@') || ROLE.test(name)) return undefined;
  const lastFirst = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (lastFirst) name = lastFirst[2];
  const first = name.split(/\s+/).find((token) => !TITLES.has(token.toLowerCase().replace(/\.$/, '')));
  if (!first || Array.from(first).length < 2 || !/^\p{L}[\p{L}\p{M}'’-]*$/u.test(first)) return undefined;
  const oneCase = first === first.toUpperCase() || first === first.toLowerCase();
  return oneCase ? capitalise(first) : first;
}
