import { oneLine } from '../one-line';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'herr', 'frau', 'mme', 'mlle']);

/**
 * Display names of roles, systems and companies ("Acme Inc."), which no one would greet by name.
 * Whole words by Unicode letters: `\b` knows only ASCII, and would find "ag" in "Agüero".
 */
const ROLE =
  /(?<![\p{L}\p{M}\p{N}])(?:team|support|info|admin|administrator|sales|developers?|hello|contact|no[- ]?reply|office|service|billing|help|helpdesk|desk|notifications?|mailer|postmaster|engineering|it|hr|accounts?|security|ops|marketing|customers?|inc|llc|ltd|limited|gmbh|corp|corporation|plc|pty|srl|sarl|bv|ag)(?![\p{L}\p{M}\p{N}])/iu;

/** Two cased letters, or consonants alone: initials ("JP", "AJ", "JRR") at least as often as a name. */
const INITIALS = /^(?:[\p{Lu}\p{Ll}]{2}|[b-df-hj-np-tv-xz]{2,4})$/iu;
const CONSONANTS = /^[b-df-hj-np-tv-xz]+$/i;

/**
 * A first word that may be initials, written in one case, as the greeting names it: as written when
 * in capitals by choice ("JP Morgan", where the rest is not in capitals) or when no name could be
 * so ("JP", consonants alone); otherwise ("AJ SMITH", "ED SMITH", "jp morgan") no name, since
 * "Hello Aj," would misspell initials and "Hello AJ," a name.
 */
function initials(word: string, name: string): string | undefined {
  const chosen = word === word.toUpperCase() && (name !== name.toUpperCase() || CONSONANTS.test(word));
  return chosen ? word : undefined;
}

function capitalise(word: string): string {
  return word
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/**
 * A display name that only repeats the writer's `address`: its local part in one case ("jdoe" or
 * "JDOE" on jdoe@…), what a mail client shows when no name was set, a user name (someone who typed
 * their name on such an address wrote it capitalised, "Priya" on priya@…, and is greeted by it); or
 * one word that is a name in its domain ("Slack" on feedback@slack.com), an organisation's or a
 * shared mailbox's.
 */
function addressName(name: string, address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const [local, domain] = [address.slice(0, at), address.slice(at + 1).toLowerCase()];
  const lower = name.toLowerCase();
  const oneCase = name === lower || name === name.toUpperCase();
  if (oneCase && local !== '' && lower === local.toLowerCase()) return true;
  return !/\s/.test(name) && domain.split('.').slice(0, -1).includes(lower);
}

/**
 * The first name in a display name, when it plainly holds one: "Marco Bellini",
 * "Bellini, Marco" and "Dr. Marco Bellini" give "Marco", "JP Morgan" "JP"; "IT Support", "Dr. Smith", "jdoe42", an
 * address, and a name that only repeats the writer's `address` ("jdoe" on jdoe@…, "Slack" on
 * feedback@slack.com) give nothing, and the greeting stays neutral.
 */
export function firstName(displayName: string, address = ''): string | undefined {
  let name = oneLine(displayName, 100)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .trim();
  if (!name || name.includes('@') || ROLE.test(name) || addressName(name, address)) return undefined;
  const whole = name;
  const lastFirst = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (lastFirst) name = lastFirst[2];
  const words = name.split(/\s+/);
  const at = words.findIndex((token) => !TITLES.has(token.toLowerCase().replace(/\.$/, '')));
  // A title before one word ("Dr. Smith", "Frau Müller") names a family name, no one's to greet by.
  if (!lastFirst && at > 0 && at === words.length - 1) return undefined;
  const first = words[at];
  if (!first || Array.from(first).length < 2 || !/^\p{L}[\p{L}\p{M}'’-]*$/u.test(first)) return undefined;
  const oneCase = first === first.toUpperCase() || first === first.toLowerCase();
  if (oneCase && INITIALS.test(first)) return initials(first, whole);
  return oneCase ? capitalise(first) : first;
}
