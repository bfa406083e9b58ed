import { decide } from '../lambda/decide';
import { answersOf, replies, type Decision, type History, type InboundMessage, type Receipt } from '../lambda/domain';
import { buildIndex } from '../lambda/match';
import { address, ANSWERED_IN_PART, inboundMessage, OPEN_SENTENCE, passingReceipt, testConfig } from './support/messages';
import { loadSampleFaq } from './support/sample-faq';

const INDEX = buildIndex(loadSampleFaq());
const CONFIG = testConfig();
const PASSING: Receipt = passingReceipt();
const FRESH: History = { repliesToOurAnswer: false };

/** The decision and the match it rests on, for tests that read the match's verdicts. */
function decideFully(message: Partial<InboundMessage>, receipt: Partial<Receipt> = {}, history: Partial<History> = {}) {
  return decide(
    { message: inboundMessage(message), receipt: { ...PASSING, ...receipt }, history: { ...FRESH, ...history } },
    INDEX,
    CONFIG,
  );
}

function decideOn(message: Partial<InboundMessage>, receipt: Partial<Receipt> = {}, history: Partial<History> = {}) {
  return decideFully(message, receipt, history).decision;
}

const answerTo = (d: Decision) => (replies(d) ? d.answerTo : undefined);

const COST_QUESTION = {
  subject: 'Fees for listing?',
  newText: 'Hi, is there any fee to list our app in the Okta Integration Network? Thanks, Ana',
};

describe('decide', () => {
  it('answers a question the FAQ answers, with the entry and its score', () => {
    const d = decideOn(COST_QUESTION);
    expect(d).toMatchObject({ kind: 'answer', rule: 'matched' });
    expect(answersOf(d)[0].entry.question).toMatch(/cost associated with joining the OIN/);
    expect(answersOf(d)[0].score).toBeGreaterThanOrEqual(CONFIG.answerThreshold);
    expect(d.reason).toMatch(/^Answered "Is there a cost/);
  });

  it("answers a request for pointers on whether Okta's permission is needed before building", () => {
    const d = decideOn({
      subject: 'Building our integration',
      newText:
        'Hi, we build a payroll product and customers want it in the OIN. Would appreciate any pointers, in particular whether we need permission or a sign-off from Okta before we start building.',
    });
    expect(d).toMatchObject({ kind: 'answer', rule: 'matched' });
    expect(answersOf(d)[0].entry.question).toMatch(/Do I need to contact Okta first/);
  });

  // Written here (devmonth7 probe round): a nudge over the writer's own earlier mail asks that mail's question again.
  it.each([
    [
      'Hi, ping on this?\n\nMarco',
      'On Mon, 7 Dec 2026 at 09:00, Marco Bellini <marco@quaderno.example> wrote:\n> Hello,\n>\n> Is there any fee to list our app in the OIN?\n>\n> Marco',
    ],
    ['Any news on this? See below.', '> Hi, is there a listing fee for the Okta Integration Network?\n> Thanks, Marco'],
  ])('reads the quoted earlier mail under the nudge %j', (newText, quotedText) => {
    const d = decideOn({ subject: 'Re: our app', newText, quotedText });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/cost associated with joining the OIN/)]);
  });

  it('does not read a quoted mail an attribution gives to someone else, nor one under a note that asks its own thing', () => {
    const someoneElse = decideOn({
      subject: 'Re: our app',
      newText: 'ping on this?',
      quotedText: 'On Mon, 7 Dec 2026 at 09:00, Dana Park <dana@elsewhere.example> wrote:\n> Is there any fee to list our app in the OIN?',
    });
    expect(answersOf(someoneElse)).toEqual([]);
    const ownQuestion = decideOn({
      subject: 'Re: our app',
      newText: 'Thanks, that helps. How do we update the logo of our existing listing?',
      quotedText: '> Is there any fee to list our app in the OIN?',
    });
    expect(answersOf(ownQuestion).map((a) => a.entry.question)).not.toContainEqual(expect.stringMatching(/cost associated/));
  });

  it('hands over what the FAQ does not answer, with candidates for staff but no answers', () => {
    const d = decideOn({
      subject: 'Invoice copy',
      newText: 'Could you resend the invoice for our March order? Our accounts team lost it.',
    });
    expect(d).toMatchObject({ kind: 'escalate', rule: 'no-match' });
    expect(d.reason).toMatch(/No FAQ entry answers/);
  });

  it('sends no answer when one everyday word is all the message says', () => {
    for (const subject of ['Test', 'Re: Test', 'OIN']) {
      expect(decideOn({ subject, newText: 'Hello' })).toMatchObject({ kind: 'escalate' });
    }
  });

  it('ignores automatic mail before matching anything', () => {
    const d = decideOn({ ...COST_QUESTION, headers: new Map([['auto-submitted', ['auto-replied']]]) });
    expect(d).toMatchObject({ kind: 'ignore', candidates: [] });
  });

  it('drops mail the inbound service flagged', () => {
    expect(decideOn(COST_QUESTION, { spam: 'FAIL' })).toMatchObject({ kind: 'ignore' });
    expect(decideOn(COST_QUESTION, { dmarc: 'FAIL' })).toMatchObject({ kind: 'ignore' });
  });

  it('sends a follow-up to our answer to a person, never the bot again', () => {
    expect(decideOn(COST_QUESTION, {}, { repliesToOurAnswer: true })).toMatchObject({ kind: 'escalate' });
  });

  it('answers only an address the authentication vouches for: SPF and DKIM failing without DMARC goes to a person', () => {
    // Before: only DMARC FAIL stopped an answer, so this forged message was answered.
    const d = decideOn({ ...COST_QUESTION, replyTo: [address('victim@elsewhere.example')] }, { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' });
    expect(d).toMatchObject({ kind: 'escalate', rule: 'unauthenticated' });
    expect(replies(d)).toBe(false);
    expect(d.reason).toMatch(/SPF FAIL, DKIM FAIL, DMARC GRAY/);
    expect(d.candidates.length).toBeGreaterThan(0);
  });

  it('answers From, not a Reply-To, whatever its organization', () => {
    expect(answerTo(decideOn({ ...COST_QUESTION, replyTo: [address('victim@elsewhere.example')] }))?.address).toBe(
      'marco@quaderno.example',
    );
    expect(answerTo(decideOn({ ...COST_QUESTION, replyTo: [address('team@mail.quaderno.example', 'Team')] }))?.address).toBe(
      'marco@quaderno.example',
    );
  });

  it('names what needs a person when no entry answers either', () => {
    const d = decideOn({ subject: 'Our review', newText: 'Could you please expedite the review of our submission?' });
    expect(d).toMatchObject({ kind: 'escalate', rule: 'no-match' });
    expect(d.reason).toMatch(/^No FAQ entry answers .*\. The writer asks us to [^.;]+\.$/);
  });

  // Written here (needs round): a change to their account or listing, stated as a need rather than asked of us.
  it.each([
    'We also need our listing moved from our old company account to our new one.',
    'We need the two developer accounts merged before the launch.',
  ])('hands a need for something moved or merged to a person: "%s"', (sentence) => {
    const d = decideOn({ subject: 'Our account', newText: `Hi, ${sentence} Thanks, Ana` });
    expect(d.kind).toBe('escalate');
    expect(d.reason).toMatch(/The writer asks us to change, add or remove something for them/);
  });

  it('hands over mail with no address it could safely answer', () => {
    expect(decideOn({ ...COST_QUESTION, from: address('bad<>@x.example'), replyTo: [] })).toMatchObject({
      kind: 'escalate',
      rule: 'no-reply-address',
    });
    expect(decideOn({ ...COST_QUESTION, from: undefined, replyTo: [address('marco@quaderno.example')] })).toMatchObject({
      kind: 'escalate',
      rule: 'no-reply-address',
    });
  });

  it('hands over mail that is not in English', () => {
    const d = decideOn({
      subject: 'Costo de publicación',
      newText: 'Hola, ¿cuánto cuesta publicar nuestra aplicación en la red de integraciones de Okta? Gracias, un saludo cordial.',
    });
    expect(d).toMatchObject({ kind: 'escalate', rule: 'not-english' });
  });

  it('hands over a wish to talk that asks no question, beside the question it answers', () => {
    const d = decideOn({
      subject: 'SLO and a reseller deal',
      newText: "Hi, does Okta support SAML single logout? And we'd like to discuss a reseller agreement with your partnerships team.",
    });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'needs-person' });
    expect(d.reason).toMatch(/The writer asks to talk to a person/);
  });

  it.each([
    [
      "a customer's IT folks as its administrators",
      'People at our customers get signed out after a couple of hours. Is that something their IT folks can change for our app alone?',
      /session time out/,
    ],
    [
      'getting an account as signing up',
      'My manager wants us ready to build the part that lets Okta customers use our tool. Where do we go to get an account for that?',
      /Where can I sign up/,
    ],
    [
      'the setup wizard as the App Wizard',
      'One of our products signs people in with WS-Federation, not SAML. Are we still able to use your setup wizard?',
      /WS-FED/,
    ],
    [
      'money as what the cost entry is about',
      'We are planning next year. Does it take any money to have our app appear in the Okta catalog?',
      /cost associated/,
    ],
    [
      '"is there anywhere", "somewhere" and "be able to" as how a question is put, not what it asks',
      "I'm in sales and know little about Okta so far. Is there anywhere I could go to pick up the basics before our developers start?",
      /get familiar/,
    ],
    [
      // Written here (regional probe round): "get my team up to speed", an object between "get" and "up to speed".
      '"up to speed" as getting familiar, with the team between "get" and it',
      "Quick question for you: what's the best way to get my team up to speed on Okta?",
      /get familiar/,
    ],
    [
      '"is it mandatory to" as "do we need to"',
      'Is it mandatory to take approval from Okta before starting the SAML integration? Please confirm the same.',
      /contact Okta first/,
    ],
    [
      '"send in" as submitting, with its object between verb and particle',
      'We sent our app in last week. What happens now?',
      /process after I have submitted/,
    ],
    [
      '"web address" as a URL',
      'Each of our customers has their own web address. How do we set that up in the App Wizard?',
      /different domains for each customer/,
    ],
    [
      // Written here (promotion probe round): a marketer's words for what a listing costs.
      '"commission" as a cost of the listing',
      'Does Okta take a commission when customers start using our product through the OIN? Finance wants to model it.',
      /cost associated/,
    ],
    [
      '"commercial model" as what the listing costs',
      "What's the commercial model for being listed in the Okta catalog? Is there a fee to be in the catalog?",
      /cost associated/,
    ],
    [
      // Written here (timeline probe round): "how soon" asks the same time as "how long".
      '"how soon" as asking the review time',
      'Once the review is finished, how soon does the integration appear in the public catalog?',
      /process after I have submitted/,
    ],
    [
      'how long people "stay logged in" as the session length',
      'How long do people stay logged in before they must sign in again, and who sets that?',
      /session time out/,
    ],
  ])('reads %s', (_what, newText, question) => {
    expect(answersOf(decideOn({ subject: 'A question', newText })).map((a) => a.entry.question)).toEqual([expect.stringMatching(question)]);
  });

  it('reads shortening the session as changing it, beside a second question joined to it', () => {
    const newText =
      "Two questions from our security team: can a customer's Okta admin shorten the session, and does Okta support single logout?";
    const questions = answersOf(decideOn({ subject: 'Security review', newText })).map((a) => a.entry.question);
    expect(questions).toEqual(expect.arrayContaining([expect.stringMatching(/session time out/), expect.stringMatching(/single logout/)]));
  });

  // Written here (devmonth2 probe round): a second question joined by ", and" asks "how many weeks"; the review entry
  // answers that as it answers "how long", so nothing is left open for a person.
  it('reads "how many weeks" as asking the review time, in a question joined to the one before', () => {
    const newText =
      'Once we submit in the OIN Manager, what does the process look like on your end, and how many weeks should I pencil in before the app shows up in the catalog?';
    const d = decideOn({ subject: 'After we hit submit', newText });
    expect(d).toMatchObject({ kind: 'answer', rule: 'matched' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/process after I have submitted/)]);
  });

  it('sends no entry for a refresh token lifetime asked in days, with "how many days" read as "how long"', () => {
    const newText = 'How many days does a refresh token stay valid for our OIDC app?';
    expect(answersOf(decideOn({ subject: 'Tokens', newText }))).toEqual([]);
  });

  it('reads a price per person or per seat as the price per user the cost entry is not about', () => {
    for (const newText of [
      'We would like to roll out Okta to our 80 employees as well. Roughly what does it cost per person each year?',
      'For our own staff, how much would Okta cost per seat?',
    ]) {
      expect(answersOf(decideOn({ subject: 'Okta for us', newText }))).toEqual([]);
    }
  });

  // Written here (plainmonth12 probe round): Okta for the writer's own few people priced by the month.
  it('reads a cost a month for some people as the licence price the cost entry is not about', () => {
    for (const newText of [
      'Separate from the app, we are thinking of using Okta ourselves in the office. What would that cost us a month for four people?',
      'Not about the app this time: how much would Okta cost a month for 3 people to log into our own stuff?',
    ]) {
      expect(answersOf(decideOn({ subject: 'Okta for us', newText }))).toEqual([]);
    }
  });

  // Written here (quantity probe round): the session entry gives the default and says an admin can change it, never a
  // bound: a request for the longest or shortest session it allows goes to a person; the default is still answered.
  it('sends no session entry to a request for the maximum or minimum session timeout, and answers the default', () => {
    for (const newText of [
      "What's the maximum session lifetime an Okta admin can configure? One of our customers wants their users to stay signed in for 24 hours.",
      'What is the minimum session timeout an admin can set? Can it go down to 5 minutes for our clinical users?',
    ]) {
      expect(answersOf(decideOn({ subject: 'Session', newText }))).toEqual([]);
    }
    const questions = answersOf(decideOn({ subject: 'Session', newText: 'Hi, what is the default session timeout in Okta?' }));
    expect(questions.map((a) => a.entry.question)).toEqual([expect.stringMatching(/session time out/)]);
  });

  it('reads customers complaining to the writer as part of the question, and the writer complaining to us as a complaint', () => {
    const question =
      'Our customers complain that they get logged out of our app after two hours. Can their Okta admin change the session timeout?';
    const d = decideOn({ subject: 'Session timeout', newText: question });
    expect(d.kind).toBe('answer');
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/session time out/)]);
    const complaint = decideOn({ subject: 'Session timeout', newText: `I want to complain: we asked twice already. ${question}` });
    expect(complaint.reason).toMatch(/The writer complains/);
  });

  it('hands a request for a quote to a person, not to the contact entry', () => {
    const d = decideOn({ subject: 'Contact Okta sales', newText: 'Who do I contact to get a quote for Okta SSO for our 300 staff?' });
    expect(d.kind).toBe('escalate');
    expect(d.reason).toMatch(/A sales or purchasing matter/);
  });

  it('reads a hand-over phrase written with an apostrophe, "what\'s going on", as the phrase', () => {
    const d = decideOn({ subject: 'Our review', newText: "We submitted our app in the OIN Manager. What's going on with it?" });
    expect(d.kind).toMatch(/escalate/);
    expect(d.reason).toMatch(/The writer asks us to check or look into something/);
  });

  it('hands asking what holds up their submission to a person, as a request to look into it', () => {
    const d = decideOn({
      subject: 'Our submission',
      newText: "We submitted our app to the OIN a month ago and nothing has moved. What's holding it up?",
    });
    expect(d.kind).toMatch(/escalate/);
    expect(d.reason).toMatch(/The writer asks us to check or look into something/);
  });

  // Written here (nearfix7 fix round): a figure about others, the past or a time to come the FAQ does not give.
  it.each([
    ['How many vendors join the OIN every year?', /a figure about others/],
    ['What percentage of listed apps use SCIM provisioning?', /a figure about others/],
    ['Were OIN reviews always this slow?', /how things were before/],
    ['Since when has the App Wizard offered SAML?', /how things were before/],
    ['Will the OIN accept OIDC apps at some point in the future?', /Okta's plans/],
  ])('hands "%s" to a person', (newText, reason) => {
    const d = decideOn({ subject: 'A question', newText });
    expect(d.kind).toMatch(/escalate/);
    expect(d.reason).toMatch(reason);
  });

  it.each(['How many login fields can an SWA app have?', 'Is the OIN always free?'])(
    'does not read "%s" as asking for a figure or the past',
    (newText) => {
      const d = decideOn({ subject: 'A question', newText });
      expect(d.reason).not.toMatch(/a figure about others|how things were before/);
    },
  );

  it('hands a refund to a person, not to the cost entry', () => {
    const d = decideOn({
      subject: 'Charged for nothing',
      newText: 'Our card was charged for an Okta plan we cancelled in May. How do we get that refunded?',
    });
    expect(d.kind).toBe('escalate');
    expect(answersOf(d)).toEqual([]);
    expect(d.reason).toMatch(/A sales or purchasing matter/);
  });

  it.each([
    [
      'asks for their submission to be looked at',
      'How long does the OIN review take? Our board meets on Friday, so it would be great if our app could be looked at before then.',
      /The writer asks us to check or look into something/,
    ],
    [
      'says they were never told why',
      'How do we change the logo on our OIN listing? Our previous submission was turned down and we were never told why.',
      /The writer asks us to check or look into something/,
    ],
    [
      'asks to be moved up the queue',
      'Can we add attributes while our app is in testing? And is there any chance of moving us up the queue?',
      /The writer asks us to hurry or make an exception/,
    ],
    [
      'asks to be let off the review',
      'Can we add attributes while our app is in testing? Also, would Okta let us bypass the QA for this small change?',
      /The writer asks us to hurry or make an exception/,
    ],
    [
      'asks for a deadline to be extended',
      'How often can we republish our app? We would also like to extend the deadline for sending you our test account.',
      /The writer asks us to hurry or make an exception/,
    ],
    [
      'politely says nobody has replied',
      'Where should we send technical questions? We wrote to your team in March and nobody has replied so far.',
      /The writer complains/,
    ],
    [
      'says their template app disappeared',
      'Can our WS-Fed app use the App Wizard? Also, the template app in our org has disappeared overnight.',
      /The writer reports something that is not working/,
    ],
    [
      'says their org was suspended',
      'What is the default Okta session timeout? Our own developer org was suspended yesterday.',
      /The writer reports something that is not working/,
    ],
    [
      'asks Okta to complete a security questionnaire',
      'Will our SCIM integration work with other identity providers? Our compliance team needs you to complete a short vendor questionnaire.',
      /A legal, security or privacy matter/,
    ],
    [
      'mentions their counsel',
      'Is listing in the OIN free? Our counsel wants to read the listing agreement first.',
      /A legal, security or privacy matter/,
    ],
    [
      'wants to talk terms',
      'Do we need to contact Okta before we start building? At some point we will also have to negotiate terms with you.',
      /A sales or purchasing matter/,
    ],
    [
      'asks to set up a call',
      'Could you explain how SWA works for end users? Also, it would be great to set up a short call with your team next week to go over our plan.',
      /The writer asks to talk to a person/,
    ],
    [
      'asks what they are missing in their own setup',
      'Does Okta support SAML single logout? When we test sign-in from our developer org the user lands on our own sign-in page again. What are we missing?',
      /The writer reports something that is not working/,
    ],
    [
      'asks in the passive for their old app to be removed',
      'How often can we republish our app? Also, an old trial version of our app still shows in the catalog, could it be removed?',
      /The writer asks us to change, add or remove something for them/,
    ],
  ])('answers and hands to a person mail that also %s', (_what, newText, reason) => {
    const d = decideOn({ subject: 'Two things', newText });
    expect(d.kind).toBe('answer-and-escalate');
    expect(answersOf(d)).not.toEqual([]);
    expect(d.reason).toMatch(reason);
  });

  it('answers and escalates when the writer also needs a person to act', () => {
    const d = decideOn({
      subject: 'Listing fee and our review',
      newText:
        'Is there a fee to list an app in the OIN? Also, our submission has been stuck in review for six weeks - can someone please check its status?',
    });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'needs-person' });
    expect(d.reason).toMatch(/^Answered "Is there a cost[^;]*\. The writer asks us to check [^.;]+\.$/);
    expect(
      answersOf(d)
        .map((a) => a.entry.question)
        .join(' '),
    ).toMatch(/cost associated/);
    expect(replies(d) ? d.personTakes : undefined).toEqual([
      'Also, our submission has been stuck in review for six weeks - can someone please check its status?',
    ]);
  });

  // Before: the reply quoted the whole request, cut off, the answered sentence first (issue 8).
  it('tells the writer a person will answer only the sentence left open, not the part an entry answered', () => {
    const d = decideOn(ANSWERED_IN_PART);
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(replies(d) ? d.personTakes : undefined).toEqual([OPEN_SENTENCE]);
  });

  // Written here (negation and coordinated probe rounds): the cost entry answered the whole sentence because its second
  // part asks for it, and the first part counted as what the whole asks: neither answered nor handed over.
  it('leaves open the first question of a sentence whose answer the second question earned', () => {
    const d = decideOn({
      subject: 'Before we start',
      newText: 'We have not submitted anything yet. Do we need to contact Okta first, and is it free to be listed?',
    });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/cost associated/)]);
  });

  // Written here (coordinated probe round): "as well as" joins two questions the reader keeps as one; the sent entry answers
  // the setup half, and the training half, which another entry's phrasing fits word for word, was neither sent nor handed over.
  it('hands over the second question of a sentence that another entry fits in words the sent one does not say', () => {
    const { decision, match } = decideFully({
      subject: 'Training and setup',
      newText:
        "Is there training for our team on Okta basics, as well as sample setup instructions for customer admins once we're in the OIN?",
    });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(answersOf(decision).map((a) => a.entry.question)).toEqual([expect.stringMatching(/joint customer administrator/)]);
    expect(match!.questions[0].verdict).toMatch(/also asks what "In general, how can I get familiar with the Okta product\?"/);
    expect(match!.questions[0].open?.best?.entry.question).toMatch(/get familiar/);
  });

  // Written here (andsecond2 fix round, after messymonth7 p20): the entry sent for the second question says the words another
  // entry fits the whole in ("published", "change"); what a sent entry says is answered, so nothing is left for a person.
  it('hands nothing over for words another sent entry says', () => {
    for (const newText of [
      'Can we still add user attributes during testing? And after our app is published, how do we republish it once we change it?',
      'Can our testers add attributes while the app is being reviewed? Also, once the app is published, how often can we republish it after we change things?',
    ]) {
      const d = decideOn({ subject: 'Two questions', newText });
      expect(d.kind).toBe('answer');
      expect(answersOf(d).map((a) => a.entry.question)).toEqual(
        expect.arrayContaining([expect.stringMatching(/add attributes during/), expect.stringMatching(/how do I republish/)]),
      );
    }
  });

  // Written here (andsecond3 fix round): the half of a joined question that another entry leads, in a word the only entry
  // sent (the one answering the whole) does not say, was neither answered nor handed over; it is left open for a person.
  it("hands over the half of a joined question another entry leads when the whole's answer is all that is sent", () => {
    for (const [newText, sent] of [
      [
        'Where do we sign up for a developer account to build the app, and is there any cost to join the OIN for a startup our size?',
        /sign up to join/,
      ],
      [
        'Where do we sign up for a developer account, and do we need a signed contract with Okta before our developers start?',
        /sign up to join/,
      ],
    ] as const) {
      const d = decideOn({ subject: 'Two things', newText });
      expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
      expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(sent)]);
    }
  });

  // Written here (limitfix fix round): an ask whose head is a limit ("is there a maximum number of ...", "a cap on how many")
  // was counted as answered by the entry sent for the question before it, which tells how to set the thing up and speaks of
  // no number or limit; it is left open for a person. An entry that does speak of one (how often to republish) still answers.
  it('hands over a limit asked of a thing the sent entry sets up but gives no number for', () => {
    for (const [newText, sent] of [
      [
        'Can our customers use AD groups to control access to our app through Okta?\n\nAnd is there a maximum number of AD groups one customer can push to our app?',
        /asking for AD/,
      ],
      [
        'We give every tenant its own subdomain. How do we handle that in the SAML App Wizard?\n\nIs there a limit on how many tenant subdomains one app can have?',
        /different domains/,
      ],
    ] as const) {
      const d = decideOn({ subject: 'Two questions', newText });
      expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
      expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(sent)]);
    }
    const d = decideOn({
      subject: 'Republishing',
      newText: 'We add attributes every month. Is there a limit on how often we can republish our app?',
    });
    expect(d).toMatchObject({ kind: 'answer' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/how do I republish/)]);
  });

  // Written here (nearmonth11 probe round): a question on who did a past thing ("Who edited it?", "Who at Okta signed off
  // ...?") was answered by the how-to entry in the same words (updating a listing, Okta's sign-off before starting); it asks
  // about an event, which a person looks up. A present "who" question (who reviews our app) is still answered.
  it('hands over a question on who did a past thing instead of sending the how-to entry in its words', () => {
    for (const newText of [
      'The logo on our OIN listing changed last night, and nobody here submitted anything.\n\nWho changed our listing, and why?',
      'Our auditors want the record of the approval for our app.\n\nWho at Okta signed off on our integration before we started building it?',
    ]) {
      const d = decideOn({ subject: 'A question', newText });
      expect(d.kind).toBe('escalate');
      expect(answersOf(d)).toEqual([]);
    }
    const d = decideOn({ subject: 'Review', newText: 'Who reviews our integration after we submit it in the OIN Manager?' });
    expect(d).toMatchObject({ kind: 'answer' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/process after I have submitted/)]);
  });

  // Written here (eolfix fix round): a question on the lifetime or keeping of the entry's own thing (whether Okta ends
  // WS-Federation, how long submission data is kept) was answered by the entry whose words it fits (WS-Fed, the review),
  // which speaks of no lifetime or keeping; it is left for a person. How long an app is kept in review is a duration, not a
  // keeping of data, and the writer's own thing ending is context, not the ask: both still answered.
  it("hands over a lifetime or retention question about an entry's thing when the entry speaks of no such thing", () => {
    for (const newText of [
      'Our payroll app signs customers in with WS-Fed.\n\nIs Okta planning to discontinue WS-Federation in the next few years?',
      'We sent screenshots and a test account with our OIN submission.\n\nHow long do you retain our submission data once the app is published?',
    ]) {
      const d = decideOn({ subject: 'A question', newText });
      expect(d.kind).toBe('escalate');
      expect(answersOf(d)).toEqual([]);
    }
    for (const [newText, sent] of [
      ['We submitted our app last Friday. How long do you keep an app in review before it is listed?', /process after I have submitted/],
      ['We are retiring our old password login page. Does Okta support single logout for SAML apps?', /single logout/],
    ] as const) {
      const d = decideOn({ subject: 'A question', newText });
      expect(d).toMatchObject({ kind: 'answer' });
      expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(sent)]);
    }
  });

  // Written here (residual fix round): a short question after another, read with it, is restated by the entry sent for the
  // first; the entry whose own question it is, in one word the sent entry does not say, was neither sent nor handed over.
  it('hands over a one-word question another entry asks whole, restated by the entry sent for the question before it', () => {
    const { decision, match } = decideFully({
      subject: 'Two questions',
      newText: 'Is the Okta session timeout global or per app?\n\nAnd what is SWA?',
    });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(match!.questions[1].verdict).toMatch(/also asks what "What is Secure Web Authentication \(SWA\)\?"/);
  });

  // Written here (residual3 fix round): one request of two topics; the entry sent answers the first, and the words it leaves
  // uncovered are the second entry's own, though that entry's phrasing fits the whole under the `alsoAsks` floor.
  it('hands over a second topic named by the words the sent entry leaves uncovered', () => {
    const { decision, match } = decideFully({
      subject: 'Listing',
      newText: 'Is there a fee to be listed? How long until we are in the catalog after we submit?',
    });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(match!.questions[0].verdict).toMatch(/leaves uncovered \(.*\) are that entry's own/);
  });

  // Written here (residual4 fix round): a topic named in a sentence that tells, then a short question about it and a second
  // question joined to it; the second question's entry answers the whole, and the first, too short to be weighed alone, was
  // neither sent nor handed over.
  it('hands over a short first question whose topic its context names, when a later question earned the answer', () => {
    const { decision, match } = decideFully({
      subject: 'Question',
      newText: 'Our service supports WS-Fed only. Will the App Wizard work for us? Do we need to talk to Okta before we start building?',
    });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(match!.questions[0].verdict).toMatch(/its first sentence ".*", too short to weigh alone, names what that entry is about/);
    expect(match!.questions[0].open?.best?.entry.question).toMatch(/WS-FED/);
  });

  it('answers a first sentence that names nothing before the question that earned the answer', () => {
    const d = decideOn({ subject: 'Listing', newText: 'Can you help us? Is listing in the OIN free?' });
    expect(d.kind).toBe('answer');
  });

  it('answers a cost question naming protocols in passing, words several entries own', () => {
    const d = decideOn({ subject: 'Cost', newText: 'Is it free to list our SAML and SCIM app in the OIN?' });
    expect(d.kind).toBe('answer');
  });

  it('answers a question that names a defined term in passing, asking no definition', () => {
    const d = decideOn({
      subject: 'Listing change',
      newText:
        'Our app is listed in the OIN as a SWA app. We now support SAML 2.0. How do we change the existing integration from SWA to SAML?',
    });
    expect(d.kind).toBe('answer');
  });

  it('answers a question whose other close entry fits it only in two everyday words', () => {
    const d = decideOn({
      subject: 'Okta 101',
      newText:
        'We are an app partner and our engineers are new to Okta. Can our team join one of the live Okta 101 sessions, and is there ' +
        'any other training material you would recommend before we start?',
    });
    expect(d).toMatchObject({ kind: 'answer' });
  });

  // Written here (promotion probe round): marketing matters only a person handles, beside a question an entry answers.
  it.each([
    [
      'Once we are published, is there a partner badge we can display? Also, how do we request changes to our listing later on?',
      /already listed in the OIN/,
    ],
    [
      'Our sales team needs to learn the basics of Okta. Are there videos they could watch? Also, we would like to be part of an Okta customer case study.',
      /get familiar/,
    ],
    ['Is it free to list our app in the OIN? We would also like to send out a press release when it goes live.', /cost associated/],
  ])('answers and hands over: %s', (newText, question) => {
    const d = decideOn({ subject: 'Our listing', newText });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'needs-person' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(question)]);
  });

  // Written here (partial probe round): beside a question an entry answers, a document, a meeting or a figure only staff
  // can give, asked or stated as a need.
  it.each([
    [
      'Can we add attributes while our app is being tested? P.S. Our finance team still needs the W-9 form for vendor setup.',
      /add attributes during the testing/,
    ],
    [
      'Will our SAML integration also work with other identity providers? Also, are you free for a quick call on Tuesday to go over our plans?',
      /only works with Okta/,
    ],
    [
      'Can the session timeout differ between applications? We also need the number of active users of our integration last quarter.',
      /session time out/,
    ],
    ['Can we build our WS-Federation app with the App Wizard? We need written confirmation of our partner tier for a tender.', /WS-FED/],
    ['Is there a FAQ for SCIM? I would also appreciate twenty minutes with someone on your partner team.', /^SCIM$/],
  ])('answers and hands over a request only staff meet: %s', (newText, question) => {
    const d = decideOn({ subject: 'Two things', newText });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'needs-person' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(question)]);
  });

  // Written here (indirect4 probe round): someone wanted to check on a thing, a thing needed moved, someone to join a call,
  // each beside a question an entry answers.
  it.each([
    ['Is there a fee to be listed in the OIN? Our submission has not moved, so I would like someone to check on it.', /cost associated/],
    ['How long does the OIN review take? We want somebody to look at why ours is stuck.', /after I have submitted/],
    ['Can we republish often? Our developer account is under an old email and we need it moved to mine.', /republish/],
    ['Is there a FAQ for SCIM? Our two listings are under different accounts and we need them merged.', /^SCIM$/],
    ['Is it free to list our app in the OIN? Could your partner team join a call with our founders?', /cost associated/],
    ['Does Okta support single logout? And would your team join our planning meeting next week?', /single logout/],
  ])("answers and hands over a person's part put as a wish or a need: %s", (newText, question) => {
    const d = decideOn({ subject: 'Two things', newText });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'needs-person' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(question)]);
  });

  // Written here (pointback probe round): a short question after a need told beside an FAQ question points at the need,
  // not at the FAQ question; the entry sent for that one does not answer it by restating it, so a person gets the need.
  it.each([
    'Is there any fee to get our app listed in the OIN?\n\nOur old admin left and we need his developer org moved to me. Is that something you can do for us?',
    'Can we add more attributes while our app is in testing?\n\nWe would like all future notifications to come to me instead. Can you set that up?',
    'Will our integration only work with Okta, or with other identity providers too? Our parent company also needs the partner agreement moved to its name. Who handles that?',
  ])('hands over a need a short question points at, beside the answer: %s', (newText) => {
    const d = decideOn({ subject: 'Two things', newText });
    expect(d).toMatchObject({ kind: 'answer-and-escalate' });
    expect(answersOf(d)).toHaveLength(1);
  });

  it('counts a short question after a need answered when it asks nothing of a person', () => {
    const d = decideOn({
      subject: 'Listing fee',
      newText: 'Is there a fee to list an app in the OIN? Our finance team needs to know. Is that right?',
    });
    expect(d).toMatchObject({ kind: 'answer', rule: 'matched' });
  });

  // Written here (promotion probe round): "I mean what ..." puts the question before it again; the entry that answers
  // the two together answers the first too, and nothing is left for a person.
  it('answers a question the next sentence restates with "I mean"', () => {
    const d = decideOn({
      subject: 'Customer onboarding',
      newText:
        "What does onboarding look like for our customers once we're in the catalog? I mean what their IT admins actually have to do in Okta to switch on single sign-on and provisioning for our app.",
    });
    expect(d).toMatchObject({ kind: 'answer', rule: 'matched' });
    expect(answersOf(d).map((a) => a.entry.question)).toEqual([expect.stringMatching(/joint customer administrator/)]);
  });

  // Written here (entrylost fix round): a question whose own words weigh under the vague floor, with nothing in the body
  // around it but a greeting, was neither answered nor handed over beside the answered one ("not left open: vague").
  it.each([
    ['A few questions', 'Hi,\n\n1. Is there a fee to list our app?\n2. Who do we talk to with technical questions?'],
    ['Listing', 'Hi,\n\n- Is the OIN listing free?\n- Who should we contact for technical help?'],
  ])('hands over a question of little-weighing words of its own that points nowhere (%s)', (subject, newText) => {
    const { decision, match } = decideFully({ subject, newText });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(answersOf(decision).map((a) => a.entry.question)).toEqual([expect.stringMatching(/cost associated/)]);
    expect(match!.questions.find((q) => /technical/.test(q.text))?.verdict).toMatch(/left open, so a person answers it/);
  });

  it.each([
    ['Two things', 'Is there a fee to list an app in the OIN?\n\nAny thoughts on this?'],
    ['Two things', 'Is there a fee to list an app in the OIN?\n\nIs that possible?'],
  ])('answers beside a vague question that points back (%s: %s)', (subject, newText) => {
    expect(decideOn({ subject, newText }).kind).toBe('answer');
  });

  // Written here (andask fix round): a later whole question of its own in the same paragraph, naming what no sent entry
  // speaks to, was counted answered by the entry sent for the question before it (the restate rule over the whole).
  it.each([
    ['Two questions', 'Hi,\n\nWhere do we register for the OIN? What is the process once we have submitted?'],
    ['Getting started', 'Hello,\n\nWhere do we register as a developer? What is the process once our app is submitted?'],
  ])('hands over a later question whose words no sent entry speaks to (%s)', (subject, newText) => {
    const { decision, match } = decideFully({ subject, newText });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    expect(answersOf(decision)).toHaveLength(1);
    expect(match!.questions[0]?.verdict).toMatch(/still open/);
  });

  it.each([
    ['Listing', 'Hi,\n\nIs there a fee to list our app in the OIN? Is it the same for a free app?'],
    ['Review', 'Hello,\n\nHow long does the OIN review take? Does that include the testing?'],
  ])('answers a later question that points back at the first (%s)', (subject, newText) => {
    expect(decideOn({ subject, newText }).kind).toBe('answer');
  });

  it('says why a question left beside an answer takes the mail to a person', () => {
    const { decision, match } = decideFully({
      subject: 'Two things',
      newText: 'Is there a fee to list an app in the OIN?\n\nWhich barcode printers do your warehouse teams prefer?',
    });
    expect(decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    const verdicts = match!.questions.map((q) => [q.text, q.verdict] as const);
    expect(verdicts.find(([text]) => /barcode/.test(text))?.[1]).toMatch(/left open, so a person answers it: no sent entry is among/);
    expect(verdicts.find(([text]) => /fee/.test(text))?.[1]).not.toMatch(/left open/);
  });
});

// Written here (messymonth3 probe round): a person's calendar invitation or reply goes to a person, and a question
// typed in its note is answered from the FAQ beside the hand-over.
describe('calendar mail with a note', () => {
  const CALENDAR = ['text/plain', 'text/calendar'];

  it.each([
    [
      'an invitation',
      'Invitation: OIN listing call',
      'Sending an invite for a short call. Quick question before the call: is there a fee to list our app in the OIN?',
      /cost associated/,
    ],
    [
      'a tentative reply',
      'Tentative: Okta partner onboarding',
      'Tentative. Where can our team learn the basics of Okta before then?',
      /familiar with the Okta product/,
    ],
  ])('answers the question in %s and still hands it to a person', (_kind, subject, newText, entry) => {
    const d = decideOn({ subject, newText, partTypes: CALENDAR });
    expect(d).toMatchObject({ kind: 'answer-and-escalate', rule: 'calendar' });
    expect(
      answersOf(d)
        .map((a) => a.entry.question)
        .join(' '),
    ).toMatch(entry);
  });

  it.each([
    ['an acceptance with no note', 'Accepted: OIN sync', ''],
    ['an invitation that asks only for the meeting', 'Invitation: intro call', 'Looking forward to our call on Friday.'],
  ])('hands a person %s, answering nothing', (_kind, subject, newText) => {
    expect(decideOn({ subject, newText, partTypes: CALENDAR })).toMatchObject({ kind: 'escalate', rule: 'calendar' });
  });
});
