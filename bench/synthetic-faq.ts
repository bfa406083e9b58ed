/**
 * A large FAQ for the benchmark: plausible developer-portal questions and answers built
 * from a fixed vocabulary with a seeded generator, so every run measures the same FAQ.
 */
import seedrandom from 'seedrandom';
import { askedKey, assembleFaq, idOf } from '../lambda/content/load-faq';
import type { Faq } from '../lambda/domain';

const PRODUCTS = ['API', 'SDK', 'dashboard', 'CLI', 'webhook', 'connector', 'plugin', 'gateway', 'sandbox', 'portal', 'widget', 'agent'];
const THINGS = [
  'access token',
  'refresh token',
  'API key',
  'client secret',
  'redirect URI',
  'callback URL',
  'rate limit',
  'quota',
  'invoice',
  'subscription',
  'team member',
  'workspace',
  'project',
  'environment',
  'audit log',
  'event stream',
  'user profile',
  'group membership',
  'role',
  'permission',
  'custom domain',
  'certificate',
  'signing key',
  'session',
  'password policy',
  'MFA factor',
  'SAML assertion',
  'SCIM endpoint',
  'OIDC client',
  'service account',
  'webhook secret',
  'IP allowlist',
  'data export',
  'backup',
  'region',
  'tenant',
  'billing contact',
  'payment method',
  'trial',
  'support plan',
  'release note',
  'changelog',
  'status page',
  'error code',
  'retry policy',
  'timeout',
  'pagination cursor',
  'filter expression',
  'batch job',
  'report',
];
const VERBS = [
  'create',
  'rotate',
  'revoke',
  'configure',
  'export',
  'import',
  'delete',
  'rename',
  'migrate',
  'monitor',
  'enable',
  'disable',
  'limit',
  'share',
  'test',
  'debug',
  'renew',
  'transfer',
  'verify',
  'restore',
];
const QUALIFIERS = [
  'in production',
  'for a single tenant',
  'without downtime',
  'from the CLI',
  'for every environment',
  'on the free plan',
  'per region',
  'automatically',
  'in bulk',
  'for a partner app',
  'during a trial',
  'after a migration',
];
const TEMPLATES = [
  (v: string, t: string, _p: string, q: string) => `How do I ${v} a ${t} ${q}?`,
  (v: string, t: string, p: string, q: string) => `Can I ${v} the ${t} of my ${p} ${q}?`,
  (_v: string, t: string, p: string) => `What is the ${t} limit for the ${p}?`,
  (v: string, t: string, p: string) => `Why can't I ${v} my ${t} in the ${p}?`,
  (_v: string, t: string, p: string, q: string) => `Is there a cost for using the ${p} ${t} ${q}?`,
  (v: string, t: string, p: string) => `Does the ${p} let admins ${v} ${t}s?`,
  (_v: string, t: string, p: string, q: string) => `Where do I find the ${t} settings of the ${p} ${q}?`,
];
const ANSWER_SENTENCES = [
  (v: string, t: string, p: string) => `Open the ${p} settings and choose ${t}; from there you can ${v} it.`,
  (v: string, t: string) => `Only owners can ${v} a ${t}, and the change is logged in the audit log.`,
  (_v: string, t: string, p: string) => `The ${p} keeps each ${t} for 30 days before it is removed.`,
  (v: string, t: string) => `To ${v} many at once, call the bulk endpoint with a list of ${t} IDs.`,
  (_v: string, t: string, p: string) => `See the [${p} guide](/docs/${p.toLowerCase()}/) for examples with a ${t}.`,
  () => 'Contact support if the limit does not fit your use case.',
];

export function syntheticFaq(size: number, seed = 'faqmail-bench', synonyms: string[][] = []): Faq {
  const random = seedrandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const lines = ['---', 'baseUrl: https://developer.example.com', 'title: Synthetic FAQ', '---', ''];
  const seen = new Set<string>();
  const asked = new Set<string>();
  for (let section = 0; lines.length < 10 * size && seen.size < size; section += 1) {
    lines.push(`## ${pick(PRODUCTS)} questions ${section + 1}`, '');
    for (let i = 0; i < 25 && seen.size < size; i += 1) {
      const [v, t, p, q] = [pick(VERBS), pick(THINGS), pick(PRODUCTS), pick(QUALIFIERS)];
      const question = pick(TEMPLATES)(v, t, p, q);
      // The load refuses two questions alike in their first words (one id), and a question another entry asks.
      const key = idOf(question);
      if (seen.has(key) || asked.has(askedKey(question))) continue;
      seen.add(key);
      asked.add(askedKey(question));
      const answer = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(ANSWER_SENTENCES)(v, t, p)).join(' ');
      lines.push(`**Q: ${question}**`, '', answer, '');
      if (random() < 0.5) {
        const phrasing = pick(TEMPLATES)(pick(VERBS), t, p, pick(QUALIFIERS));
        if (!asked.has(askedKey(phrasing))) lines.push('Also asked:', `- ${phrasing}`, '');
        asked.add(askedKey(phrasing));
      }
      lines.push(`Keywords: ${t}, ${p}, ${v}`, '');
    }
  }
  const faq = assembleFaq([{ file: 'synthetic.md', markdown: lines.join('\n') }]);
  return { ...faq, synonyms };
}

/** Questions a writer might send about the synthetic FAQ: some close to an entry, some not. */
export function syntheticQuestions(
  count: number,
  seed = 'faqmail-bench-questions',
): Array<{ subject: string; newText: string; forwardedText: string }> {
  const random = seedrandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, () => {
    const [v, t, p, q] = [pick(VERBS), pick(THINGS), pick(PRODUCTS), pick(QUALIFIERS)];
    const question = pick(TEMPLATES)(v, t, p, q);
    const body = `Hi team,\n\nWe are building an integration with your ${p} and ran into a question. ${question} We also wondered whether we can ${pick(VERBS)} the ${pick(THINGS)} ${pick(QUALIFIERS)}.\n\nThanks,\nAlex`;
    return { subject: `Question about the ${t}`, newText: body, forwardedText: '' };
  });
}
