/**
 * `npm run respond -- [--json | --explain] FILE.eml ...` (`-` reads standard input):
 * what faqmail would do with each message, through the same code as the Lambda; `--explain`
 * adds how it was read and each entry's probability with its main contributions. Verdict headers
 * that SES writes into stored mail stand in for the SES event's verdicts.
 */
import { simpleParser } from 'mailparser';
import { answersOf, escalates, replies, type OutboundMail } from '../../lambda/domain';
import { formatScore } from '../../lambda/match';
import type { Outcome } from '../../lambda/respond';
import { explainOutcome } from './explain-outcome';
import { responderFromEnv, showEach } from './local-responder';
import { runCli, unknownArgument, UsageError } from './run';

const USAGE = 'usage: npm run respond -- [--json | --explain] FILE.eml ...   (- reads standard input)';

const HELP = `
${USAGE}

What faqmail would do with each message, through the same code as the Lambda: the decision,
the FAQ answers with their scores, and the mails it would send. Nothing is sent.

  --json      one JSON line per message (decision, rule, reason, answers with scores; heldBack in shadow mode);
              npm run --silent respond keeps npm's own lines out of it
  --explain   also how the message was read and matched (requests, each entry's probability and its main contributions)
  --help      this text

A file in mbox format (mail clients export a folder so: each message after a "From " line) is
read as its messages, each decided in turn and named FILE#1, FILE#2 ...

The verdicts are those SES wrote into the stored message (X-SES-Spam-Verdict, X-SES-Virus-Verdict,
its Authentication-Results); a file with none is read as ordinary mail, every verdict PASS. A DMARC
failure's policy is read from SES's Authentication-Results where it names one (p=, policy.dmarc=,
action=); a failure whose policy it does not name is dropped, as the Lambda drops one SES gives
no policy for. The reason names the policy and where it was read.

Settings come from FAQMAIL_* variables (docs/settings.md); there is no state here, so a reply
to one of our answers is recognised only by the mark in its quoted text.`;

function asJson(file: string, outcome: Outcome): string {
  const { decision, heldBack } = outcome;
  return JSON.stringify({
    file,
    decision: decision.kind,
    rule: decision.rule,
    // What goes out: in shadow mode the reply the decision calls for goes to staff as a proposal, to no writer.
    reply: replies(decision) && !heldBack,
    escalate: escalates(decision) || heldBack,
    heldBack,
    answers: answersOf(decision).map((a) => ({ question: a.entry.question, answer: a.entry.answer, score: Number(formatScore(a.score)) })),
    reason: decision.reason,
  });
}

async function readable(mail: OutboundMail): Promise<string> {
  const parsed = await simpleParser(mail.raw);
  const header = (name: string): string | undefined => {
    const value = parsed.headers.get(name);
    if (value === undefined) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- of the headers shown only addresses are objects; the rest are text
    return typeof value === 'object' && 'text' in value ? (value as { text: string }).text : String(value);
  };
  const lines = ['from', 'to', 'reply-to', 'subject', 'in-reply-to', 'references', 'auto-submitted']
    .map((name) => [name, header(name)] as const)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name.replace(/(^|-)\w/g, (c) => c.toUpperCase())}: ${value}`);
  const attachments = parsed.attachments.map((a) => `[attached: ${a.filename ?? 'unnamed'} (${a.contentType}, ${a.size} bytes)]`);
  return [...lines, '', (parsed.text ?? '').trimEnd(), ...attachments].join('\n');
}

async function asText(file: string, outcome: Outcome): Promise<string> {
  const { decision, mails, heldBack } = outcome;
  // As npm start logs it: in shadow mode the answers are proposed to staff and sent to no writer.
  const shadow = heldBack ? ' [shadow: no reply sent; proposal to staff]' : '';
  const out = [`== ${file}`, `Decision: ${decision.kind} (${decision.rule})${shadow} — ${decision.reason}`];
  const sent = new Set(answersOf(decision).map((a) => a.entry.id));
  for (const answer of answersOf(decision))
    out.push(`  ${formatScore(answer.score)}  ${answer.entry.question}  (${heldBack ? 'proposed' : 'sent'})`);
  for (const candidate of decision.candidates.filter((c) => !sent.has(c.entry.id)))
    out.push(`  ${formatScore(candidate.score)}  ${candidate.entry.question}`);
  for (const mail of mails) out.push('', `--- ${mail.kind} to ${mail.to.join(', ')} ---`, await readable(mail));
  if (mails.length === 0) out.push('', '(nothing is sent)');
  return `${out.join('\n')}\n`;
}

runCli(async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const explain = args.includes('--explain');
  const files = args.filter((arg) => arg !== '--json' && arg !== '--explain');
  const unknown = files.find((arg) => arg.startsWith('-') && arg !== '-');
  if (unknown) throw unknownArgument(unknown, 'npm run respond');
  if (json && explain) throw new UsageError('faqmail: --json and --explain do not go together (the explanation is text)');
  if (files.length === 0) throw new UsageError(USAGE);
  return showEach(responderFromEnv(), files, async (file, outcome) =>
    json ? `${asJson(file, outcome)}\n` : `${await asText(file, outcome)}${explain ? `\n${explainOutcome(file, outcome)}` : ''}`,
  );
}, HELP);
