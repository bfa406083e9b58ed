import type { HandoverKind, HandoverRule } from '../domain';
import { tellsApart } from '../match/handover';
import { ContentError } from './content-error';
import { continuedItem, numberedItem, parseFrontMatter } from './parse-faq';

const TELLS_NOTHING =
  'would send nearly every mail to staff: words like "the", "we", "please" (lambda/match/stopwords.ts) tell nothing alone ' +
  'or with "..." between; add the word that tells ("legal team"), or write words said together in a row ("look into")';

const KINDS: readonly HandoverKind[] = ['state', 'wish', 'opinion', 'fragment'];

/**
 * Reads `content/handover.md`: what makes a message one that only a person can deal
 * with. Each `##` heading is the reason staff are told; the bullets under it are
 * phrases that signal it, e.g.
 *
 *     ## The writer asks us to speed something up
 *     - expedite*
 *     - speed/hurry ... up
 *
 * In a phrase, `a/b` means either word, a word ending in `*` matches any ending, and
 * `...` allows up to three words in between; a phrase ending in `?` matches only at the end of a sentence. Case,
 * accents and apostrophes are ignored. A `Kind:` line under a heading (`state`, `wish`, `opinion`, `fragment`) says
 * how its phrases are read beyond matching (`HandoverKind`): a mark, not the heading's words, so staff may reword a
 * reason freely.
 */
export function parseHandover(markdown: string, file: string): HandoverRule[] {
  const { body, bodyLine } = parseFrontMatter(markdown, file);
  const rules: HandoverRule[] = [];
  let afterItem = false;
  body.split(/\r?\n/).forEach((text, index) => {
    const line = bodyLine + index;
    const continues = afterItem;
    afterItem = /^\s*[-*+]\s+\S/.test(text);
    const heading = /^ {0,3}##\s+(.+?)\s*#*\s*$/.exec(text);
    if (heading) {
      rules.push({ reason: heading[1], cues: [], source: { file, line, cues: [] } });
      return;
    }
    // Under a reason, any other heading would lend its phrases to the reason above it, which staff are shown.
    if (rules.length > 0 && /^ {0,3}#{1,6}\s/.test(text))
      throw new ContentError(file, line, `"${text.trim()}": a hand-over reason is a "## " heading (one reason each, its phrases under it)`);
    const kind = /^\s*Kind:\s*(.*?)\s*$/i.exec(text);
    if (kind) {
      const rule = rules[rules.length - 1];
      if (!rule) throw new ContentError(file, line, `"${text.trim()}": a kind belongs under a "## reason" heading`);
      const value = kind[1].toLowerCase() as HandoverKind;
      if (!KINDS.includes(value)) throw new ContentError(file, line, `the kind "${kind[1]}" is none of ${KINDS.join(', ')}`);
      if (rule.kind !== undefined) throw new ContentError(file, line, `the reason "${rule.reason}" already has the kind ${rule.kind}`);
      rule.kind = value;
      return;
    }
    numberedItem(text, file, line);
    continuedItem(text, continues, file, line);
    const item = /^\s*[-*+]\s+(.+)$/.exec(text);
    if (!item) return;
    const rule = rules[rules.length - 1];
    if (!rule) throw new ContentError(file, line, 'a hand-over phrase must come under a "## reason" heading');
    const cue = item[1].trim().replace(/^`|`$/g, '');
    if (!/[a-z0-9]/i.test(cue)) throw new ContentError(file, line, `the phrase "${cue}" has no words`);
    if (/^\.\.\.|\.\.\.$/.test(cue)) throw new ContentError(file, line, `the phrase "${cue}" must not start or end with "..."`);
    // "can/ someone" or "a//b": the empty alternative was dropped unseen, leaving a phrase nobody wrote ("a/" alone matched every "a").
    const halfAlternative = cue.split(/\s+/).find((token) => token.includes('/') && token.split('/').some((a) => !/[a-z0-9]/i.test(a)));
    if (halfAlternative !== undefined)
      throw new ContentError(file, line, `the phrase "${cue}" has "${halfAlternative}": write a word on each side of "/" (can/could)`);
    if (!tellsApart(cue)) throw new ContentError(file, line, `the phrase "${cue}" ${TELLS_NOTHING}`);
    rule.cues.push(cue);
    rule.source.cues?.push(line);
  });
  for (const rule of rules) {
    if (rule.cues.length === 0) throw new ContentError(file, rule.source.line, `the reason "${rule.reason}" has no phrases under it`);
  }
  return rules;
}
