/**
 * Replies to our automatic answers, recognised from the message itself for when no record
 * of what we sent is at hand (the CLI, an expired record): our answer mark in the quote,
 * a quote attribution naming our inbox, or a reply to an SES-sent message whose quote
 * names our inbox. SES replaces the Message-ID of what it sends with
 * `<id@REGION.amazonses.com>` (`<id@email.amazonses.com>` in us-east-1).
 */
import { comparable } from '../comparable-address';
import { escapePattern } from '../escape-pattern';
import { oneLine } from '../one-line';
import type { Config } from '../config';
import { inReplyToIds, type InboundMessage } from '../domain';
import { hasAnswerMark } from '../mail/answer-mark';
import { receivingAddresses } from './addresses';

/** Our answer, marked when composed, sits in the quoted history (or anywhere, where the quote was not recognised as one). */
export function quotesOurAnswerMark(message: InboundMessage): string | undefined {
  if (hasAnswerMark(message.quotedText)) return 'our answer mark in the quoted text';
  if (hasAnswerMark(message.text) || hasAnswerMark(message.forwardedText)) return 'our answer mark in the text';
  return undefined;
}

/** The verb of a reply attribution in the languages mail clients write it in. */
const WROTE = [
  'wrote',
  'writes',
  'schrieb',
  'a écrit',
  'escribió',
  'ha scritto',
  'schreef',
  'skrev',
  'kirjoitti',
  'napisał(?:\\(a\\))?',
  'napsal',
  'escreveu',
  'írta',
  'написал(?:\\(а\\))?',
].join('|');
/** The first and following fields of the header block Outlook and others put above a quote. */
const BLOCK_FROM = /^(?:from|von|de|da|van|från|fra|od|от|feladó|lähettäjä|kimden)\s*:\s*(.+)$/i;
const BLOCK_FIELD =
  /^(?:sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|à|objet|enviado|fecha|para|asunto|inviato|data|a|oggetto|verzonden|aan|onderwerp|skickat|till|ämne|sendt|til|emne)\s*:/i;
/** How attribution lines start, so a wrapped one is joined with its own continuation only. */
const ATTRIBUTION_START = /^(?:on|am|le|el|il|op|den|em|w dniu|dne|в)\s/i;

/** Attribution lines and header-block fields are short; longer lines are never read. */
const MAX_LINE = 1000;

function unquote(line: string): string {
  return line.replace(/^[\s>|]+/, '').trimEnd();
}

interface UsPatterns {
  mentions: RegExp;
  attribution: RegExp;
  fromValue: RegExp;
}

/** Patterns for "we wrote:" and for a quoted header block's From value naming us. */
function buildUsPatterns(config: Config): UsPatterns {
  const addresses = [...receivingAddresses(config)].map(escape).join('|');
  const names = config.inboxName.trim() === '' ? [] : [escapePattern(config.inboxName.trim())];
  const us = [`<?(?:${addresses})>?`, ...names].join('|');
  const optionalName = names.length > 0 ? `(?:(?:${names.join('|')})["']?\\s*)?` : '';
  const closing = `["')\\]]*\\s*`;
  return {
    // Where to look closely: the lines that name us.
    mentions: new RegExp([addresses, ...names].join('|'), 'i'),
    attribution: new RegExp(
      // "…, Developer Relations <developers@example.com> wrote:", "Le …, <developers@…> a écrit :"
      `(?:${us})${closing}(?:${WROTE})\\s*:\\s*$` +
        // "Am … schrieb Developer Relations <developers@example.com>:"
        `|(?:${WROTE})\\s+["']?${optionalName}(?:${us})${closing}:\\s*$`,
      'i',
    ),
    // "developers@example.com <developers@example.com>", "Developer Relations [mailto:developers@…]", "Developer Relations"
    fromValue: new RegExp(
      `(?:^|[<\\s\\[:"'])(?:${addresses})(?:$|[>\\s\\]"'])${names.length > 0 ? `|^["']?(?:${names.join('|')})["']?$` : ''}`,
      'i',
    ),
  };
}

/** Built once per configuration, not for every message screened: a deployment's addresses do not change. */
const patternsOf = new WeakMap<Config, UsPatterns>();

function usPatterns(config: Config): UsPatterns {
  let patterns = patternsOf.get(config);
  if (!patterns) patternsOf.set(config, (patterns = buildUsPatterns(config)));
  return patterns;
}

/**
 * A quote attribution naming us: `On <date>, Developer Relations <developers@example.com> wrote:`
 * (also wrapped over two lines, or in other languages), or a quoted header block whose From
 * is us (`From: Developer Relations <developers@example.com>` followed by Sent/To/Subject
 * lines, as after `-----Original Message-----`).
 */
export function attributionNamesUs(message: InboundMessage, config: Config): string | undefined {
  const { mentions, attribution, fromValue } = usPatterns(config);
  const text = message.forwardedText ? `${message.text}\n${message.forwardedText}` : message.text;
  for (const { line, following } of linesMentioning(text, mentions)) {
    const next = following[0] ?? '';
    const candidates = ATTRIBUTION_START.test(line) && next !== '' ? [line, `${line} ${next}`] : [line];
    const found = candidates.find((candidate) => attribution.test(candidate));
    if (found) return `"${oneLine(found, 80)}"`;
    const from = BLOCK_FROM.exec(line);
    if (from && fromValue.test(from[1].trim()) && following.some((field) => BLOCK_FIELD.test(field))) return `"${oneLine(line, 80)}"`;
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/**
 * Each short line that names us (quote marks removed), with the four lines after it. Found
 * by searching for our names rather than by splitting the text, so a 20 MB body of empty
 * lines costs one scan and no array of millions of strings.
 */
function* linesMentioning(text: string, mentions: RegExp): Generator<{ line: string; following: string[] }> {
  const finder = new RegExp(mentions.source, 'gi');
  for (let hit = finder.exec(text); hit !== null; hit = finder.exec(text)) {
    const start = text.lastIndexOf('\n', hit.index) + 1;
    const end = lineEnd(text, hit.index);
    finder.lastIndex = end + 1;
    if (end - start > MAX_LINE) continue;
    const following: string[] = [];
    for (let from = end + 1; following.length < 4 && from <= text.length;) {
      const to = lineEnd(text, from);
      following.push(unquote(text.slice(from, Math.min(to, from + MAX_LINE))));
      from = to + 1;
    }
    yield { line: unquote(text.slice(start, end)), following };
  }
}

const SES_MESSAGE_ID = /@(?:email|[a-z]{2}(?:-[a-z]+)+-\d)\.amazonses\.com>?$/i;

/**
 * The first id in In-Reply-To or References that SES made: every mail faqmail sends has one, so a
 * thread without any names no mail of ours.
 */
export function sesThreadId(message: InboundMessage): string | undefined {
  return [...inReplyToIds(message), ...message.references].find((id) => SES_MESSAGE_ID.test(id));
}

/**
 * In reply to an SES-sent message, with our inbox address in the quoted history; or, where the writer
 * quoted nothing (a phone client that cuts the quote, a reply typed fresh), a reply sent To our inbox
 * whose In-Reply-To itself names an SES-sent message: the mail it answers came from our inbox. A quote
 * that names neither our address nor our mark is someone else's mail, and tells against it.
 */
export function sesThreadNamesUs(message: InboundMessage, config: Config): string | undefined {
  const sesId = sesThreadId(message);
  if (!sesId) return undefined;
  const receiving = receivingAddresses(config);
  const quoted = (message.quotedText || message.text).toLowerCase();
  const address = [...receiving].find((a) => quoted.includes(a));
  if (address) return `In-Reply-To/References ${sesId} and ${address} in the quoted text`;
  const parent = inReplyToIds(message).find((id) => SES_MESSAGE_ID.test(id));
  const toUs = message.to.find(({ address: to }) => receiving.has(comparable(to)));
  if (parent === undefined || toUs === undefined || message.quotedText !== '' || message.forwardedText !== '') return undefined;
  return `In-Reply-To ${parent}, sent To ${toUs.address} with nothing quoted`;
}
