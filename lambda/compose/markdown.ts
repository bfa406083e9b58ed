import type MarkdownIt from 'markdown-it';

/**
 * FAQ answers are Markdown written by staff. Raw HTML in them is shown as text rather than
 * trusted, and bare URLs stay as written: only explicit links become links. Loaded and made
 * at first use: a function that loads its answers already rendered (lambda/precomputed.ts)
 * never runs markdown-it's module code, nor compiles its patterns, at a cold start.
 */
/** Code as mail shows it: wrapped rather than scrolled sideways, readable on a phone, and still copies line for line. */
export const CODE_STYLE = 'margin:0 0 1em;padding:.5em;background:#f4f4f4;font-size:13px;white-space:pre-wrap;overflow-wrap:anywhere';
/** Mail clients draw a bare table's cells edge to edge ("PlanPrice"): cells get room and lines. */
const TABLE_STYLE = 'border-collapse:collapse;margin:0 0 1em';
const CELL_STYLE = 'padding:.25em .75em;border:1px solid #d0d0d0;vertical-align:top';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/** Adds to a token's style attribute, after what markdown-it set (a column's text-align). */
function addStyle(token: Token, style: string): void {
  const own = token.attrGet('style');
  token.attrSet('style', own ? `${own};${style}` : style);
}

function create() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use on purpose (above)
  const Markdown = require('markdown-it') as typeof MarkdownIt;
  const markdown = new Markdown('default', { html: false, linkify: false, typographer: false });
  // Inline styles: many mail clients drop a <style> sheet, and give tables and <pre> none of their own.
  markdown.core.ruler.push('mail_styles', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'table_open') addStyle(token, TABLE_STYLE);
      else if (token.type === 'th_open' || token.type === 'td_open') addStyle(token, CELL_STYLE);
    }
  });
  for (const rule of ['fence', 'code_block'] as const) {
    const render = markdown.renderer.rules[rule];
    if (!render) throw new Error(`markdown-it has no ${rule} renderer to style`);
    markdown.renderer.rules[rule] = (...args) => render(...args).replace(/^<pre>/, `<pre style="${CODE_STYLE}">`);
  }
  return markdown;
}
let parser: ReturnType<typeof create> | undefined;
const md = () => (parser ??= create());

/** A Markdown text as both parts of a message show it. */
export interface Rendered {
  html: string;
  text: string;
}

/** Renderings made beforehand (the FAQ's answers, when the function is bundled), by Markdown source. */
let prepared: ReadonlyMap<string, Rendered> = new Map();

/** Both renderings of each text, for `useRendered` in a process that should not render them again. */
export function renderAll(markdowns: Iterable<string>): Map<string, Rendered> {
  const out = new Map<string, Rendered>();
  for (const markdown of markdowns) out.set(markdown, { html: markdownToHtml(markdown), text: markdownToText(markdown) });
  return out;
}

/** Serves these renderings instead of parsing their Markdown again (see renderAll). */
export function useRendered(rendered: ReadonlyMap<string, Rendered>): void {
  prepared = rendered;
}

export function markdownToHtml(markdown: string): string {
  return prepared.get(markdown)?.html ?? md().render(markdown).trim();
}

/**
 * The same content for the text/plain part: links as `text <url>`, lists with markers, code
 * indented. Only blank lines are trimmed at the start: an answer may open with code, whose indent is its mark.
 */
export function markdownToText(markdown: string): string {
  return (
    prepared.get(markdown)?.text ??
    renderBlocks(md().parse(markdown, {}), 0)
      .blocks.join('\n\n')
      .replace(/^\s*\n/, '')
      .trimEnd()
  );
}

/** What can make Markdown inline text read otherwise than as written: code, emphasis, links, escapes, entities. */
const INLINE_MARKUP = /[\\`*_[\]<~]|&#?\w+;/;

/**
 * An FAQ question as readers see it, in both parts. Staff write it in Markdown like the answer
 * ("How do I call `/users`?", "SCIM\_v2"), but it stands as a heading and as text that a writer
 * may quote back: its words only, no markup and no link targets. Plain questions need no parser.
 */
export function questionText(question: string): string {
  if (!INLINE_MARKUP.test(question)) return question;
  return inlineText(md().parseInline(question, {})[0]?.children ?? [], false);
}

/** A link's label already shows its target when it is the URL or the mailto address itself. */
function linkTarget(label: string, href: string): string {
  const address = href.replace(/^mailto:/i, '');
  const shown = label.trim();
  if (shown === href || shown === address || shown === md().normalizeLinkText(href)) return '';
  return ` <${href.toLowerCase().startsWith('mailto:') ? address : href}>`;
}

/** `targets`: whether a link's or image's target follows its label (as `<url>`). */
function inlineText(tokens: Token[], targets = true): string {
  let out = '';
  const open: Array<{ href: string; start: number }> = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        out += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'link_open':
        open.push({ href: String(token.attrGet('href') ?? ''), start: out.length });
        break;
      case 'link_close': {
        const link = open.pop();
        if (link?.href && targets) out += linkTarget(out.slice(link.start), link.href);
        break;
      }
      case 'image': {
        const src = String(token.attrGet('src') ?? '');
        out += `${inlineText(token.children ?? [], targets)}${src && targets ? ` <${src}>` : ''}`;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd())
    .join('\n');
}

/** Renders block tokens from `start` until the token of type `close` (or the end). */
function renderBlocks(tokens: Token[], start: number, close?: string): { blocks: string[]; next: number } {
  const blocks: string[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.type === close) return { blocks, next: i + 1 };
    switch (token.type) {
      case 'inline':
        blocks.push(inlineText(token.children ?? []));
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const end = ordered ? 'ordered_list_close' : 'bullet_list_close';
        let n = Number(token.attrGet('start') ?? 1);
        const items: string[] = [];
        i += 1;
        while (i < tokens.length && tokens[i].type !== end) {
          const item = renderBlocks(tokens, i + 1, 'list_item_close');
          const marker = ordered ? `${n++}. ` : '- ';
          items.push(prefixLines(item.blocks.join('\n'), marker, ' '.repeat(marker.length)));
          i = item.next;
        }
        blocks.push(items.join('\n'));
        break;
      }
      case 'blockquote_open': {
        const quote = renderBlocks(tokens, i + 1, 'blockquote_close');
        blocks.push(prefixLines(quote.blocks.join('\n\n'), '> ', '> '));
        i = quote.next;
        continue;
      }
      case 'fence':
      case 'code_block':
        blocks.push(prefixLines(token.content.replace(/\n$/, ''), '    ', '    '));
        break;
      case 'hr':
        blocks.push('* * *');
        break;
      case 'table_open': {
        const rows: string[] = [];
        let cells: string[] = [];
        for (i += 1; i < tokens.length && tokens[i].type !== 'table_close'; i += 1) {
          if (tokens[i].type === 'inline') cells.push(inlineText(tokens[i].children ?? []));
          if (tokens[i].type === 'tr_close') {
            rows.push(cells.join(' | '));
            cells = [];
          }
        }
        blocks.push(rows.join('\n'));
        break;
      }
      default:
        break;
    }
    i += 1;
  }
  return { blocks, next: i };
}
