import { CODE_STYLE, markdownToHtml, markdownToText } from './markdown';

/**
 * The body of a message as a list of blocks, rendered once as text and once as HTML so
 * the two parts always say the same thing. Every string in a block except `markdown` is
 * plain text and is escaped in HTML; `markdown` is FAQ content, which staff write.
 */
export type Block =
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'markdown'; markdown: string }
  | { kind: 'fields'; rows: Array<[label: string, value: string]> }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: string[] }
  /** Links, one a line: in HTML the label links to the target; in text the target follows the label. */
  | { kind: 'links'; items: Array<[label: string, href: string]> }
  /** Text to copy as it is (a snippet to paste): kept line for line, escaped in HTML. */
  | { kind: 'code'; text: string };

const HEADING_RULE_MAX = 72;

/**
 * The first `max` items as shown, then one line for the rest ("… and 4 more"): the lines of a
 * list that may grow without bound, each shown only if it is listed.
 */
export function atMost<T>(
  items: readonly T[],
  max: number,
  show: (item: T) => string,
  rest = (count: number) => `… and ${count} more`,
): string[] {
  const shown = items.slice(0, max).map(show);
  return items.length > max ? [...shown, rest(items.length - max)] : shown;
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => `${i === 0 ? first : rest}${line}`.trimEnd())
    .join('\n');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'heading':
      // An underline of "=" rather than "-": a line starting with "--" reads as a signature
      // delimiter to reply parsers, which would hide the rest of a quoted answer.
      return `${block.text}\n${'='.repeat(Math.min(Array.from(block.text).length, HEADING_RULE_MAX))}`;
    case 'markdown':
      return markdownToText(block.markdown);
    case 'fields': {
      const width = Math.max(...block.rows.map(([label]) => label.length)) + 2;
      return block.rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
    }
    case 'quote':
      return indent(block.text, '> ', '> ');
    case 'list':
      return block.items.map((item) => indent(item, '- ', '  ')).join('\n');
    case 'links':
      return block.items.map(([label, href]) => `- ${label}: ${href}`).join('\n');
    case 'code':
      return block.text;
  }
}

export function blocksToText(blocks: Block[]): string {
  return `${blocks.map(blockText).join('\n\n')}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function withBreaks(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>\n');
}

const STYLE = {
  body: "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f1f1f;max-width:720px",
  p: 'margin:0 0 1em',
  muted: 'margin:0 0 1em;color:#6b6b6b;font-size:13px',
  h: 'margin:1.5em 0 .5em;font-size:16px',
  th: 'text-align:left;vertical-align:top;padding:0 1em 0 0;font-weight:600;white-space:nowrap',
  quote: 'margin:0 0 1em;padding:0 0 0 1em;border-left:3px solid #c8c8c8;white-space:pre-wrap',
  code: CODE_STYLE,
};

/**
 * On what holds a writer's words (quotes, field values), whose direction is theirs: the mail flows
 * left to right (English), and there a right-to-left sentence (Hebrew, Arabic) has its punctuation at
 * the wrong end and its start at the wrong edge. `auto` takes the direction of its first strong letter.
 */
const THEIR_DIRECTION = 'dir="auto"';

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'text':
      return `<p style="${block.muted ? STYLE.muted : STYLE.p}">${withBreaks(block.text)}</p>`;
    case 'heading':
      return `<h3 style="${STYLE.h}">${escapeHtml(block.text)}</h3>`;
    case 'markdown':
      return `<div>${markdownToHtml(block.markdown)}</div>`;
    case 'fields':
      return `<table role="presentation" style="border-collapse:collapse;${STYLE.p}">\n${block.rows
        .map(
          ([label, value]) => `<tr><th style="${STYLE.th}">${escapeHtml(label)}</th><td ${THEIR_DIRECTION}>${escapeHtml(value)}</td></tr>`,
        )
        .join('\n')}\n</table>`;
    case 'quote':
      return `<blockquote ${THEIR_DIRECTION} style="${STYLE.quote}">${escapeHtml(block.text)}</blockquote>`;
    case 'list':
      return `<ul style="${STYLE.p}">\n${block.items.map((item) => `<li>${withBreaks(item)}</li>`).join('\n')}\n</ul>`;
    case 'links':
      return `<ul style="${STYLE.p}">\n${block.items
        .map(([label, href]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`)
        .join('\n')}\n</ul>`;
    case 'code':
      return `<pre style="${STYLE.code}">${escapeHtml(block.text)}</pre>`;
  }
}

export function blocksToHtml(blocks: Block[], title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>`,
    `<body style="${STYLE.body}">`,
    ...blocks.map(blockHtml),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
