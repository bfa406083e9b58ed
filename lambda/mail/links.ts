import { Parser } from 'htmlparser2';
import type { Link } from '../domain';
import { HTML_LIMIT, linksOnly, nestsTooDeep } from './body-text';

/** Staff need a handful to spot a disguised target; a newsletter's hundred links would drown them. */
export const MAX_LINKS = 20;
const MAX_TEXT = 200;

/** Leading scheme, `www.`, trailing slash and case do not make two addresses differ for a reader. */
function bare(target: string): string {
  return target
    .trim()
    .toLowerCase()
    .replace(/^(?:https?:\/\/|mailto:)/, '')
    .replace(/^www\./, '')
    .replace(/\/$/, '');
}

/**
 * The links of an HTML body whose text differs from their target, in order, each once: the
 * text-only copy staff read drops every `href`, and a link that reads "billing.example.com"
 * but leads elsewhere is what a phishing message relies on. htmlparser2 (the parser
 * html-to-text uses) reads the HTML, cut at the same bound as the text conversion; HTML
 * nested too deep for the conversion is read as its links alone (a megabyte of `<b>` took
 * htmlparser2 minutes).
 */
export function disguisedLinks(html: string): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  let open: { href: string; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a' && attributes.href) open = { href: attributes.href.trim(), text: '' };
      },
      ontext(text) {
        if (open && open.text.length < MAX_TEXT) open.text += text;
      },
      onclosetag(name) {
        if (name !== 'a' || !open) return;
        const text = open.text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
        const key = `${text}\n${open.href}`;
        if (text && bare(text) !== bare(open.href) && !seen.has(key) && links.length < MAX_LINKS) {
          seen.add(key);
          links.push({ text, href: open.href });
        }
        open = undefined;
      },
    },
    { decodeEntities: true },
  );
  const capped = html.slice(0, HTML_LIMIT);
  parser.write(nestsTooDeep(capped) ? linksOnly(capped) : capped);
  parser.end();
  return links;
}
