import { ContentError } from './content-error';
import { continuedItem, numberedItem, parseFrontMatter } from './parse-faq';

/**
 * Reads the vocabulary file (`content/synonyms.md`): each bullet is one group of terms
 * that writers use interchangeably, separated by commas or "=", e.g.
 *
 *     - OIN = Okta Integration Network = app catalog
 *
 * Headings and prose around the list are for the staff who edit it and are ignored; a
 * numbered item is refused, as a group meant and left out.
 */
export function parseSynonyms(markdown: string, file: string): string[][] {
  const { body, bodyLine } = parseFrontMatter(markdown, file);
  const groups: string[][] = [];
  let afterItem = false;
  body.split(/\r?\n/).forEach((text, index) => {
    numberedItem(text, file, bodyLine + index);
    continuedItem(text, afterItem, file, bodyLine + index);
    afterItem = /^\s*[-*+]\s+\S/.test(text);
    const item = /^\s*[-*+]\s+(.+)$/.exec(text);
    if (!item) return;
    const terms = item[1].split(/\s*[=,]\s*/).map((term) => term.trim()).filter(Boolean);
    if (terms.length < 2) throw new ContentError(file, bodyLine + index, `a synonym group needs at least two terms separated by "=" or ",", got "${item[1].trim()}"`);
    groups.push(terms);
  });
  return groups;
}
