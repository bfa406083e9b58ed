import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from '../lambda/content/content-error';
import { assembleFaq, loadFaq } from '../lambda/content/load-faq';
import { parseFaq, parseFrontMatter } from '../lambda/content/parse-faq';
import { parseHandover } from '../lambda/content/parse-handover';
import { parseSynonyms } from '../lambda/content/parse-synonyms';
import { ANSWER_MODEL } from '../lambda/match/answer-model';
import { buildIndex, matchInquiry, type MatchOptions } from '../lambda/match';
import { loadSampleFaq } from './support/sample-faq';
import { tempDir } from './support/temp-dir';

const CONTENT_DIR = path.resolve(__dirname, '../content');
const OPTIONS: MatchOptions = { answerThreshold: ANSWER_MODEL.threshold, maxAnswers: 3 };

function expectContentError(run: () => unknown, file: string, line: number | undefined, text: RegExp): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ContentError);
  const error = thrown as ContentError;
  expect({ file: error.file, line: error.line }).toEqual({ file, line });
  expect(error.message).toMatch(text);
}

// content/ is the deploying team's own: whatever FAQ it holds must load and index, and nothing more is asked of it here.
describe('the FAQ in content/', () => {
  it('loads, with entries of unique ids, and indexes', () => {
    const faq = loadFaq(CONTENT_DIR);
    expect(faq.entries.length).toBeGreaterThan(0);
    expect(new Set(faq.entries.map((e) => e.id)).size).toBe(faq.entries.length);
    expect(() => buildIndex(faq)).not.toThrow();
  });
});

describe('the sample FAQ (its fixed copy, test/fixtures/sample-faq)', () => {
  const faq = loadSampleFaq();

  it('loads every question of the customer FAQ, and the SCIM pointer section as one entry', () => {
    const questions = faq.entries.map((e) => e.question);
    expect(questions).toContain('Where can I sign up to join the Okta Integration Network (OIN)?');
    expect(questions).toContain('SCIM');
    expect(questions).toContain('My app currently supports WS-FED for single sign-on. Can I use the App Wizard?');
    expect(faq.entries.length).toBeGreaterThanOrEqual(19);
  });

  // Written here (usname code-quality round): the owner's name is content, as the base URL is.
  it("takes the FAQ owner's name from the front matter", () => {
    expect(faq.owner).toBe('Okta');
    // Written here (vendorname2 fix round): and its own programme's name.
    expect(faq.ownerTerms).toEqual(['Okta Integration Network']);
  });

  it('resolves relative links against the front matter base URL', () => {
    const scim = faq.entries.find((e) => e.question === 'SCIM')!;
    expect(scim.answer).toContain('(https://developer.okta.com/docs/concepts/scim/faqs/)');
    expect(faq.entries.every((e) => !/\]\(\//.test(e.answer))).toBe(true);
  });

  it('gives every entry a unique id, its section and its source line', () => {
    expect(new Set(faq.entries.map((e) => e.id)).size).toBe(faq.entries.length);
    const slo = faq.entries.find((e) => e.question.startsWith('Does Okta support single logout'))!;
    expect(slo.section).toEqual(['OIN Technical Questions', 'SAML']);
    expect(slo.source.file).toMatch(/faq\.md$/);
    expect(slo.source.line).toBeGreaterThan(1);
  });

  it('keeps staff phrasings and keywords out of the answers', () => {
    for (const entry of faq.entries) expect(entry.answer).not.toMatch(/^(Also asked|Keywords):/im);
  });

  // Mail written here, each row with the kind of hand-over phrase it needs.
  it.each([
    // A nudge in a thread asks for news of the writer's own case.
    ['Any update on this?', 'asks for news'],
    ['Any news regarding our submission?', 'asks for news'],
    ['Just following up on my question from last week.', 'asks for news'],
    // Where the writer's own submission stands, or its status has not moved: news only a person has.
    ['Can you tell us where our submission stands?', 'asks for news'],
    ['We have no idea where things stand with our review.', 'asks for news'],
    ["We submitted on the 20th and haven't seen any change in the OIN Manager since.", 'asks for news'],
    ['We have not seen any progress on our review in three weeks.', 'asks for news'],
    // Written here (translated probe round): "nothing moved" ("nichts bewegt", "nada mudou") says their case has not.
    ['We sent our app on 12 November and until now nothing moved.', 'asks for news'],
    ['Nothing has progressed in the OIN Manager since we submitted.', 'asks for news'],
    ['We submitted our app on November 3rd. It has been a month now. Where is it?', 'asks for news'],
    ["It's been over 2 weeks since we sent our submission.", 'asks for news'],
    // "Any update?" closing a sentence asks for news of something of theirs.
    ['We submitted our app three weeks ago. Any update?', 'asks for news'],
    ['Hi again, any news yet?', 'asks for news'],
    // Something of theirs that does not show or appear; "haven't gotten" is "haven't got" in American English.
    ["The new attributes don't show up for customers yet.", 'a fault report'],
    ["Our app doesn't appear in the catalog search.", 'a fault report'],
    ['The new logo has not appeared on our listing.', 'a fault report'],
    ["I replied with the credentials but haven't gotten an acknowledgement.", 'a fault report'],
    // Withdrawing, cancelling or discarding something of theirs asks us to act, as "remove" does.
    ['Please withdraw our current submission.', 'a request to act'],
    ['Can you cancel the duplicate we sent yesterday?', 'a request to act'],
    ['Please discard the older submission.', 'a request to act'],
    // Sending something again is an act of ours, as "reset" and "reactivate" are.
    ['Could you resend the activation email for my developer account?', 'a request to act'],
    ['Please resend the confirmation link.', 'a request to act'],
    // Written here (plainmonth5): "needs moving" asks for the move as "needs our account moved" does.
    ['The developer account needs transferring to our new office manager.', 'a request to act'],
    // Phone mail spells "please" "pls" or "plz"; "kindly" asks as "please" does.
    ['pls check ours, we submitted 3 weeks ago', 'as with "please"'],
    ['plz take a look at our listing', 'as with "please"'],
    ['pls update the logo on our listing', 'as with "please"'],
    ['Kindly look into this issue on priority.', 'as with "please"'],
    ['Kindly check our submission status.', 'as with "please"'],
    ['Kindly update the logo on our listing.', 'as with "please"'],
    // The catalog named between "from the" and "catalog".
    ['We want that our app is removed from the OIN catalog.', 'a request to remove it'],
    ['Please remove our integration from the Okta app catalog.', 'a request to remove it'],
    ['Our product is closing, it should be deleted from the OIN.', 'a request to remove it'],
    // "Give us a call" asks for a call, as "call us" does.
    ['Please give us a call to go over our plans.', 'a wish to talk'],
    ['Could someone give me a ring this week?', 'a wish to talk'],
    // Written here (plainmonth4): "phone me" and "ring me" ask for a call, as "call me" does.
    ['Would someone be able to phone me about our listing please?', 'a wish to talk'],
    ['Can somebody ring us tomorrow morning?', 'a wish to talk'],
    // Written here (plainmonth5): "telephone me" asks for a call as "phone me" does.
    ['Could someone telephone us on Thursday about the listing?', 'a wish to talk'],
    // Nobody "got back" to the writer, as nobody "replied".
    ['Nobody has got back to us in a month.', 'a complaint'],
    ['No one has gotten back to me about our submission.', 'a complaint'],
    // An earlier mail that got no answer, in the words anyone uses for it.
    ["I still haven't had a reply to my mail from last week.", 'a complaint'],
    ['We have not had any response to our earlier question.', 'a complaint'],
    ['My previous message seems to have gone unanswered.', 'a complaint'],
    ["Your colleague said she would check, but I haven't heard from her since.", 'a complaint'],
    ['We got no answer to the mail we sent in October.', 'a complaint'],
    // Written here (reminder probe round): a reminder, bump or resend of an earlier mail says it went unanswered.
    ['Just bumping this.', 'a complaint'],
    ['Bumping my question from last week.', 'a complaint'],
    ['Circling back on the question below.', 'a complaint'],
    ['Gentle reminder: can an Okta admin change the session timeout?', 'a complaint'],
    ['Resending in case this got lost.', 'a complaint'],
    ["I asked this a while ago but didn't hear back.", 'a complaint'],
    ['Sorry to chase, but did anyone get to our request?', 'a complaint'],
    ['Pinging again on this.', 'a complaint'],
    ['Still hoping for an answer on this one.', 'a complaint'],
    // "Take ... off" the catalog, as "take ... out of" it.
    ["We're shutting down, so we'd like to take our app off your marketplace.", 'a request to remove it'],
    ['Please take our integration off the OIN catalog.', 'a request to remove it'],
    // How long something has waited, said with "since" for the length of time.
    ['Our submission is pending since 6 weeks.', 'a request to look into it'],
    ['We are waiting since 3 weeks for the review.', 'a request to look into it'],
    // Asked to look at something, as to look into it (written here, pasted-output probe round).
    ['Could someone look at why the wizard rejects our field name?', 'a request to look into it'],
    ['Can you please look at the log below and tell us what Okta sent?', 'a request to look into it'],
    ['Could someone see why our submission page will not open?', 'a request to look into it'],
    // A quotation is a quote.
    ['Kindly share the quotation for 50 users.', 'a sales matter'],
    ['We need a quotation for Okta for our staff.', 'a sales matter'],
    ['Please send us the quotation.', 'a sales matter'],
    // Written here (translated probe round): an invoice sent, sent again or corrected is staff's, as a quotation is;
    // "eliminate" is how Romance-language writers say remove (eliminar, eliminare, éliminer).
    ['Please send us the invoice of the Okta 101 session again.', 'a sales matter'],
    ['We need a corrected invoice with our VAT number.', 'a sales matter'],
    ['Please eliminate the old version of our app from the catalog.', 'a request to remove it'],
    ['Can you eliminate our duplicated listing?', 'a request to act'],
    // "login" written as one word, and "not able to", where a writer cannot sign in.
    ['We are unable to login to the OIN Manager.', 'a fault report'],
    ['We are not able to login in developer account.', 'a fault report'],
    ['I cannot login to my dev org.', 'a fault report'],
    // An error named without an article, and a step that "is not happening".
    ['We are getting error while login.', 'a fault report'],
    ['It is showing 404 error on the callback.', 'a fault report'],
    ['Login is not happening in our dev org since yesterday.', 'a fault report'],
    // "We are facing (an) issue" is how many writers report a fault.
    ['Actually we are facing issue in SCIM provisioning, users are not created.', 'a fault report'],
    ['We are facing some problems with the SAML login.', 'a fault report'],
    // Asking for a job at Okta, in the words of anyone looking for one.
    ['Is your team hiring?', 'a job question'],
    ['I wonder whether the developer relations team is hiring.', 'a job question'],
    ['Are there any job openings for SAML engineers?', 'a job question'],
    ['Please let me know about open positions in identity.', 'a job question'],
    ['Where can I hear about roles on the OIN team?', 'a job question'],
    ['Do you offer internships for students?', 'a job question'],
    // "Would you be interested" offers something to us: a pitch, not a question about the OIN.
    ['Would your team be interested in trying our tool for free?', 'an offer'],
    ['Would you be interested in a free SEO audit of your catalog pages?', 'an offer'],
    // Written here (outreach probe round): a partnership proposed or asked about is for a person, not the entry that says
    // no partnership agreement is needed to build.
    ['What would a partnership look like on your side?', 'an offer'],
    ["We'd love to explore a deeper partnership with Okta.", 'an offer'],
    // Written here (hobbyist probe round): money asked for the writer's own project or event.
    ['Would Okta consider sponsoring our open-source project?', 'an offer'],
    ['Could you sponsor us on GitHub Sponsors?', 'an offer'],
    ['Can we book a call to discuss a partnership between our companies?', 'an offer'],
    // An opinion, or what other vendors usually do: the FAQ states how things work, never either.
    ['In your opinion, should we start with OIDC or with SAML?', 'an opinion'],
    ['What do other vendors charge their customers for SSO?', 'what others do'],
    ['Which do most ISVs build first, SCIM or SAML?', 'what others do'],
    ['We only plan SAML for now; is that what most companies do?', 'what others do'],
    ['Do enterprise customers tend to prefer SCIM over JIT?', 'what others do'],
    // Written here (pm probe round): which things are most asked for or used is a figure staff know.
    ['Which integrations are most requested?', 'what others do'],
    ['What are the most popular provisioning features among Okta customers?', 'what others do'],
    ['Is it normal to put SSO on the enterprise plan only?', 'what others do'],
    ["What's the best practice for naming custom attributes?", 'an opinion'],
    ['Would you advise going live before or after our security audit?', 'an opinion'],
    ['What would you suggest for a team of two?', 'an opinion'],
    // A promise of a date or an outcome is staff's to give, asked of us however the mail is framed.
    ['We plan to go live in March. Can you guarantee our app will be in the catalog by then?', 'a promise'],
    ['If we submit by June, would you be able to promise a review date?', 'a promise'],
    // A person of ours named to the writer's project: a person, as a call is.
    ['Could a partner manager be assigned to us for the rollout?', 'a person assigned'],
    ['Would you assign us a technical contact for the integration?', 'a person assigned'],
    // Written here (outreach and partial probe rounds): asking whether we are free for a call is asking for one; "free" is no
    // price here.
    ['Are you free for a quick call next Tuesday?', 'a call'],
    ['Is anyone free to chat this week?', 'a call'],
    // Feedback and feature requests: a change only staff can make or pass on, though in an entry's words.
    ['Feature request: a dark mode for the OIN Manager.', 'a feature request'],
    ['One small suggestion for the SAML guide: put the ACS URL step first.', 'a suggestion'],
    ['It would be nice if the review emails included the tester name.', 'a wish'],
    ['It would help if we could republish attribute changes without a full QA pass.', 'a wish'],
    ['We would love to see OIDC apps in the App Wizard.', 'a wish'],
    // Written here (hedged probe round): a wish with a condition of another kind still suggests.
    ['We would love to see OIDC apps in the App Wizard if there is any plan for it.', 'a wish'],
    ['Please consider a shorter review for logo changes.', 'a suggestion'],
    ['Please add SCIM 2.0 group support to the wizard.', 'a feature request'],
    ['I wish there were a sandbox for testing SWA apps.', 'a wish'],
    ['Please keep us posted, and let us know once the feature ships.', 'a request to be told'],
    ['The App Wizard should support custom domains.', 'a suggestion'],
    ['The provisioning guide should explain which attributes are required.', 'a docs suggestion'],
    ['Some honest feedback: the submission form is long.', 'feedback'],
    ['There is a typo in step three of the SCIM guide.', 'a docs fix'],
    ['The review timeline might be worth clarifying in the FAQ.', 'a docs fix'],
    ['Here are my answers to the survey.', 'survey answers'],
    ['Suggestion: list the tested identity providers on the SCIM page.', 'a suggestion'],
    ["I'd suggest a checklist for the submission form.", 'a suggestion'],
    ['+1 for per-app session timeouts.', 'a vote for a feature'],
    ['Big +1 to the idea of an API for the OIN Manager.', 'a vote for a feature'],
    // Booking a call, a slot or a place on a session with us is a person's to arrange.
    ['Could we book a slot with your team next week?', 'a call'],
    ['We would like to book a place on the next Okta 101 session.', 'a session'],
    // Written here (pm probe round): asking whether the writer may book or reserve something with us, however many words
    // name what is booked.
    ['And can we book a live Okta 101 session for five of us on 12 January?', 'a session'],
    ['Could we reserve two hours with your partner team in March?', 'a call'],
    // Written here (tagq probe round): a booking whose object is told by where it goes, more than three words on.
    ['Separately, please book our team into an Okta 101 session in January.', 'a session'],
    ['Could you book both our engineers onto the next one?', 'a session'],
    // Written here (innocent2 fix round): "booking" as a request names whom it books.
    ['Any chance of booking our two engineers onto the January session?', 'a session'],
    // Written here (plainmonth12 probe round): the people booked named as "the three of us", more words than a gap spans
    // before "onto".
    ['Could you please book the three of us onto one?', 'a session'],
    ['Would you book the two of us on the January Okta 101 session?', 'a session'],
    // Written here (devmonth probe round): enrolling someone asked with "please", as "can you sign ... up" and "please
    // register" already are.
    ['Please sign them up: three engineers for the January Okta 101 session.', 'a session'],
    ['Kindly sign our new developers up for the next one.', 'a session'],
    // Written here (enrol fix round): enrolling someone asked as "book ... in" or "put ... down for", or a place someone
    // was to get for the writer's people on the next session.
    ['Could you book them in?', 'a session'],
    ['Can you book us in for the January Okta 101 session?', 'a session'],
    ['Could you put them down for the January one?', 'a session'],
    ['Please put me down on the list for the next Okta 101 session.', 'a session'],
    ['She was going to get two of us on the next one.', 'a session'],
    // Written here (plainmonth6 probe round): the people enrolled named at length, more words than a gap spans, before
    // "down for the next" session.
    ['Can you put me and our club secretary Sam Hughes down for the next one?', 'a session'],
    ['Could you put our new head coach and both assistants down for the next session?', 'a session'],
    // Written here (plainmonth11 probe round), from general English: "book ... on the next" one asks for a booking, as
    // "get ... on the next" one does.
    ['Please book both of them on the next one.', 'a session'],
    ['Could you book my two colleagues on the next Okta 101?', 'a session'],
    // Written here (devmonth4 probe round): the writer would like people of theirs registered with us, as "please
    // register" already asks; registering is a person's to do.
    ["We'd like to register two developers for the February Okta 101 session.", 'a session'],
    ['We would like to enrol our new QA engineers (Ana and Luis) in the next live training.', 'a session'],
    // Written here (messymonth4 probe round), from general English: "also" between "please" and "register" asks as
    // "please register" does.
    ['Please also register three of our engineers for the next Okta 101 session.', 'a session'],
    ['Kindly also enrol our two new developers in the January live training.', 'a session'],
    // A customer's escalation passed on to us, told as "escalate to" or "escalate it" as well as "escalate this".
    ['They asked us to escalate to Okta.', 'a complaint'],
    ['Could you escalate it internally?', 'a complaint'],
    // An account or an app deactivated on the writer is a fault for a person.
    ['Our developer account was deactivated last night.', 'a fault report'],
    ['Someone deactivated our app without warning.', 'a fault report'],
    // Written here (near-miss probe round): a named person of ours, or the date of our next session, is staff's to give.
    ['Could you tell us the name of the reviewer working on our submission?', 'a named person'],
    ['Who on your team will test our app this time? Could we get a name?', 'a named person'],
    ['When is the next partner webinar, and can two of us attend?', 'a date only staff know'],
    // The writer asks what a setup got wrong: a fault to look into.
    ['The admin assigned our app to everyone but users land on a blank page. What did the admin miss?', 'a fault report'],
    // Written here (attachments probe round): questions said to be in an attachment are read only by a person.
    ['How long does the OIN review usually take? The rest of our questions are in the attached document.', 'questions in an attachment'],
    ['Attached our questions (PDF). In short: can we republish our app each time we add attributes?', 'questions in an attachment'],
    [
      'Where do we sign up for an OIN developer account? Our other questions are in the attached spreadsheet.',
      'questions in an attachment',
    ],
    ["I've attached the questionnaire from our security team. Is the OIN free to join?", 'a questionnaire'],
    // Written here (hedged probe round): whether mail the writer sent us reached us only a person can say.
    ['We emailed a screenshot of our template app last week. Would someone be able to confirm you received it?', 'a receipt'],
    ['Could you check the screenshot arrived?', 'a receipt'],
    // Written here (frustrated probe round): an inbox nobody answers, said in the present as in the past.
    ['Nobody answers this inbox, so trying once more.', 'a complaint'],
    ['No one ever replies to our emails.', 'a complaint'],
    // A named person of ours asked for with "an" as with "a".
    ['Can you give me the name of an actual partner manager I can reach?', 'a named person'],
    ['What is the name of an engineer we can talk to?', 'a named person'],
    // Written here (status probe round): the writer's own submission asked after, which only staff can look up.
    ['We sent our app in last week - did you get it?', 'a receipt'],
    ['Did you receive our submission for the SCIM app?', 'a receipt'],
    // Written here (messymonth probe round): what the writer sent named in the plural, as "it" names one thing.
    ['We emailed the two new attributes to developers@ last week, did you receive them?', 'a receipt'],
    ['The screenshots went out on Monday. Have you received them?', 'a receipt'],
    ['How long do reviews take? And where is ours?', 'their own review'],
    ['We would like to know who has ours at the moment.', 'their own review'],
    ['We resubmitted with two new attributes. When will our update be republished?', 'a date only staff know'],
    ['We submitted in November and have heard nothing since.', 'a complaint'],
    // Written here (implicit probe round): a fact about the writer's own bill, reviewer or agreement that asks no one, yet
    // only a person can act on it.
    ['There are two identical payments to Okta on our December statement.', 'a billing matter'],
    ['We see duplicate charges for the same subscription.', 'a billing matter'],
    ['Our contact on the review team stopped responding after the first test round.', 'a complaint'],
    ['The partner manager stops answering whenever we mention the agreement.', 'a complaint'],
    ['The partner agreement still needs your countersignature.', 'an agreement to sign'],
    ['Our procurement team is waiting for your signature on the agreement.', 'an agreement to sign'],
    // Written here (messymonth9 probe round), a plainly general reading of English: to countersign is to sign an
    // agreement for Okta, which only a person does.
    ['We sent our signed partner agreement on 20 November; please countersign it and send it back.', 'an agreement to sign'],
    ['Could you countersign the order form by Friday?', 'an agreement to sign'],
    // Written here (devmonth5 probe round), from general English: asking whether something is wrong with the writer's
    // own thing asks someone to look at it, as "what is wrong" does.
    ['Ours has been in review five weeks - is something wrong with it?', 'a fault to look at'],
    ['Was anything wrong with our submission? We heard nothing back.', 'a fault to look at'],
    // Written here (devmonth6 probe round), from general English: "did you receive the ..." asks whether something the
    // writer sent reached us, as "did you receive our ..." does; "is it possible to get a call" asks for one.
    ['Quick sanity check: did you receive the screenshot of our WS-Fed template app?', 'a receipt'],
    ['Have you received the signed form we sent on Friday?', 'a receipt'],
    ['Is it possible to get a call with someone from the OIN team this week?', 'a call'],
    ['Would it be possible to get a meeting with your partner team in January?', 'a call'],
  ])('hands "%s" to a person (%s)', (newText) => {
    const result = matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS);
    expect(result.needsPerson).toBeDefined();
  });

  // The same words in a question about how the process works go to no person.
  it.each([
    'Can we still add attributes while the app is still in review?',
    'Where can we see the status of our submission?',
    'Will our app appear in the catalog as soon as the review is complete?',
    'Can we withdraw a submission ourselves in the OIN Manager?',
    // Looking at something ourselves, or a customer's admin looking: no one is asked to look for the writer.
    'Can we look at the status of our submission in the OIN Manager?',
    // Written here (devmonth4 probe round): registering for an account themselves, not people for a session.
    'We would like to register for a developer account. Where do we go?',
    'Will any update we make to the listing need a new review?',
    'Our app is in the catalog and it has been live for a few months; how do we update its logo?',
    // Following up on a conversation is where the question comes from; following up on a mail chases it.
    'Following up on our chat at the conference, where do we sign up for a developer account?',
    'Following up on our call yesterday, is there a cost to list our app in the OIN?',
    // Having had no problem is not an unanswered mail.
    "We haven't had any problems with SAML so far; does Okta support single logout?",
    // Hiring and interest said of the writer's own team or customers.
    'We are hiring a contractor to build our SCIM integration; is there a cost to join the OIN?',
    // Written here (outreach probe round): the partnership the FAQ settles is no proposal.
    'Do we need a partnership agreement with Okta to build an integration?',
    // Written here (hobbyist probe round): a sponsor of the writer's own asks nothing of us.
    'Our hackathon sponsor asked for SSO; is there a cost to list our app in the OIN?',
    'Our customers are interested in SSO; is the OIN free for them?',
    // Other identity providers, and a recommendation the FAQ itself makes, are the FAQ's questions.
    'Will our SAML integration also work with other identity providers?',
    'What other options do we have for a WS-Fed app?',
    'Would you recommend we republish every time we add an attribute?',
    'Could you advise where we sign up for a developer account?',
    // A promise the writer makes, and users assigned to an app, ask nothing of a person.
    'We promised our customers SSO this year; is it free to list our app in the OIN?',
    // Written here (pm probe round): the writer's own most requested feature asks nothing of a person.
    'Okta SSO is our most requested feature; is it free to list our app in the OIN?',
    'When users are assigned to our app in Okta, can their admin use AD groups to decide who gets access?',
    // A polite request for information is a question, not a wish for a change.
    'It would be great if you could tell us how long the review takes.',
    // Written here (status probe round): the same process asked in general, and "ours" in a comparison.
    'Will you let us know when the review of our app is complete?',
    'Does each republish go through the review again?',
    'Is the review process for a small company like ours the same?',
    'It would be helpful to know whether we can republish often.',
    'We wish to join the OIN; where do we sign up?',
    'Will you let us know when the review is complete?',
    'I should mention we already have a dev org: do we need to contact Okta first?',
    'How do we add support for single logout, and does Okta support it?',
    'You can reach me on +1 415 555 0100. Is there a cost to join the OIN?',
    // Written here (pasted-output probe round): pasted config and log lines report nothing by their words.
    'Our compose file:\n\nservices:\n  web:\n    restart: on-failure\n    environment:\n      LOG_LEVEL: error\n      SESSION_MAX_ERRORS: 3\n\nDoes Okta support single logout?',
    'Our access log:\n\n10.1.2.3 - - [01/Mar/2026:10:00:00 +0000] "GET /scim/v2/Users HTTP/1.1" 200 512\nHTTP/1.1 200 OK\nX-Failed-Logins: 0\n\nHow long does the review take after we submit?',
    // Booking something in the writer's own business is their story, not a request to us.
    'Our dispatchers are logged out while booking a truck; can the session timeout be changed per app?',
    // Deactivated users are a provisioning topic, not a fault.
    'Is there an FAQ on SCIM that covers how deactivated users are sent to our server?',
    // What almost or nearly happened did not happen.
    'Since we added SAML, password reset tickets have almost disappeared. Is it free to list our app in the OIN?',
    'Our first build nearly failed the security audit, but we fixed it. Does Okta support single logout?',
    // A name that is an attribute, and the next step of a process, ask for no person or date of ours.
    'Which attribute carries the name of the user, and can we add it while our app is in testing?',
    'When is the next step, once we have submitted our app in the OIN Manager?',
    // Written here (attachments probe round): an attachment that only shows what the question in the body asks about.
    'Does Okta support single logout? I attached our SAML metadata in case it matters.',
    'Can we add attributes during the testing phase? The attributes we want to add are in the attached CSV.',
    'Do we need to contact Okta before we start building our SAML integration? Our requirements doc is attached for context.',
    'We have a question about the fields in the attached screenshot of our login page: can a SWA app have extra login fields?',
    // Written here (hedged probe round): a wish for a thing that may already exist asks for it, not for a change.
    "I'm a bit unsure what the setup will look like for our customers' admins. Would love to see a sample configuration guide if there is one",
    'We would love to see an example of the admin setup if one exists.',
    // Written here (reminder probe round): bumping a library, circling back inside the team, a reminder to colleagues.
    'After bumping our SAML toolkit to the latest version we are ready. Do we need to contact Okta first?',
    'We circled back with our security team. What is SWA exactly?',
    'As a reminder for the team, our app is SAML-only for now. Does Okta support single logout?',
    // Written here (enrol fix round): booking in the writer's own business, and the FAQ's "put it down to", tell.
    'We book them in our app weeks ahead. Does Okta support single logout?',
    'We put it down to a caching issue on our side. Does Okta support single logout?',
    // Written here (innocent2 fix round): "booking" right before a noun names the writer's product, not a request to book.
    "Does it cost us anything to get our repair booking app into Okta's app catalogue?",
    'We are moving our booking system onto SAML next year. Is it free to list our app in the OIN?',
  ])('does not hand "%s" to a person', (newText) => {
    const result = matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS);
    expect(result.needsPerson).toBeUndefined();
  });
});

// Written here: phone mail shortens "attributes".
describe('the sample vocabulary', () => {
  const faq = loadSampleFaq();

  it.each(['can we add attrs while our app is in testing', 'can we add a new attr during review'])(
    'reads "%s" as about attributes',
    (newText) => {
      const result = matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS);
      expect(result.answers.map((a) => a.entry.question)).toEqual([
        'If I submit my app with a set of attributes, can I then add attributes during the testing phase of the app?',
      ]);
    },
  );
});

// Written here (near-miss probe round): the sign-up entry is about joining as a developer, not about an app's own users.
describe("the sample FAQ's Not about lines", () => {
  const faq = loadSampleFaq();
  const SIGN_UP = 'Where can I sign up to join the Okta Integration Network (OIN)?';
  const answered = (newText: string) =>
    matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS).answers.map((a) => a.entry.question);

  it.each([
    'We want new users of our app to sign up by themselves. Is self-registration possible for end users of an OIN app?',
    'Is end user registration possible for an app in the OIN?',
    'Where do end users sign up for an app listed in the OIN?',
    // Written here (inbox3 probe round): self-registration in the words of a writer who does not know the term.
    'When our customers use Okta with our app, can new users sign themselves up for our app through the Okta page?',
    'Can users register themselves for our app from their Okta dashboard?',
    // Written here (plainmonth8 probe round): signing up "by themselves" or "on their own" is self-registration too.
    'Can students sign up by themselves through Okta when they open our app, or does the school add each of them?',
    'Could our members register on their own through the Okta page, without the club adding them?',
  ])('does not send the sign-up entry for "%s"', (newText) => {
    expect(answered(newText)).not.toContain(SIGN_UP);
  });

  it('still sends it to a developer who asks where to register', () => {
    expect(answered('Where do I register for a developer account to build our OIN integration?')).toEqual([SIGN_UP]);
  });

  // Written here (nearmiss2 probe round): an entry's words about a neighbouring thing it does not answer.
  it.each([
    ['How do we log a user out of Okta from our Android app?', 'Does Okta support single logout'],
    ['When a user signs out in our iOS app, how do we sign them out of Okta too?', 'Does Okta support single logout'],
    // Written here (indirect4 probe round): an iPhone or iPad app is an iOS app.
    ['Does logging out of our iPhone app also log people out of Okta?', 'Does Okta support single logout'],
    ['When someone signs out of our iPad app, are they signed out of Okta as well?', 'Does Okta support single logout'],
    ['Can the Okta admin change the timeout of an API token, or is it global?', 'Is the IdP session time out a setting'],
    [
      'Is there a checklist your reviewers use to review an integration before it is submitted?',
      "What's the process after I have submitted my app",
    ],
    ['After we submit our app, which test plan do your reviewers follow?', "What's the process after I have submitted my app"],
    ['Can the OneLogin app wizard handle a company ID field besides username and password?', 'has fields on the login page'],
    ['Does the JumpCloud app wizard support an extra tenant field on the login form?', 'has fields on the login page'],
    // Written here (nearmiss3 probe round): signing up for an event or a newsletter, an exam's fee, a university course.
    ['Where do I register for Oktane this year?', 'Where can I sign up to join'],
    ['Where can I register for the Okta developer conference?', 'Where can I sign up to join'],
    ['How do I sign up for your developer newsletter?', 'Where can I sign up to join'],
    ['What is the fee for the Okta certification exam?', 'Is there a cost associated with joining the OIN'],
    ['Is there a university course where our team can learn the basics of Okta?', 'how can I get familiar with the Okta product'],
    // Written here (otherstores fix round): another vendor's store, asked about in the cost and review entries' words.
    ['Is there a fee to be listed in the Microsoft Entra app gallery?', 'Is there a cost associated with joining the OIN'],
    ['Does Salesforce charge anything to publish an app on AppExchange?', 'Is there a cost associated with joining the OIN'],
    ['How long does the Google Workspace Marketplace review take for a new app?', "What's the process after I have submitted my app"],
    // Written here (nearmonth2 probe round): a hook's time-out is a call's wait, not the IdP session.
    ['How long does Okta wait for an event hook endpoint to answer before it times out?', 'Is the IdP session time out a setting'],
    ['Can an admin change the timeout of an inline hook call?', 'Is the IdP session time out a setting'],
    // Written here (nearctx fix round): a longer question pointing back ("there", "their") at the store named before it.
    [
      'Our next step is the Microsoft Entra app gallery. How much would it cost us to get our app listed there?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'We sent our add-on to the Google Workspace Marketplace on Monday. How many days does their review usually take?',
      "What's the process after I have submitted my app",
    ],
    // Written here (formalask fix round): how long an access token lasts is its lifetime, which the session entry is not about.
    ['Our developer asks how long the access token lasts before the app needs a new one.', 'Is the IdP session time out a setting'],
    ['How long does an access token last before our app has to fetch another?', 'Is the IdP session time out a setting'],
    // Written here (plainmonth7 probe round): "that one" closing the question points back as "that" does.
    [
      'We also want to be in the Microsoft Entra app gallery. Is there a fee for that one?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'Our shop plugin is going on Salesforce AppExchange next. Do we have to pay anything to get on to that one?',
      'Is there a cost associated with joining the OIN',
    ],
    // Written here (plainmonth10 probe round): a price per member of staff is one per user; "that" or "it" after a
    // preposition closing a clause ("to go to that and ...") points back as at the question's end.
    ['What would Okta cost per member of staff for our own office?', 'Is there a cost associated with joining the OIN'],
    ['How much is Okta per employee each year for our own team?', 'Is there a cost associated with joining the OIN'],
    [
      'My wife says there is a big Okta conference called Oktane. Where do I sign up to go to that and how much are tickets?',
      'Where can I sign up to join',
    ],
    [
      'Our founder wants to attend Oktane in September. How do we register for it, and is there a discount for partners?',
      'Where can I sign up to join',
    ],
    // Written here (nearmonth3 probe round): the price of Okta's other products, a bug bounty's reward, Google's own review.
    ['Do we have to pay extra for Okta Workflows, or is it part of our plan?', 'Is there a cost associated with joining the OIN'],
    ['How much does Okta Identity Governance cost on top of SSO?', 'Is there a cost associated with joining the OIN'],
    ['Is OIG included for Okta customers or charged separately?', 'Is there a cost associated with joining the OIN'],
    ['How much does Okta pay out under its bug bounty for an XSS?', 'Is there a cost associated with joining the OIN'],
    ['Does Okta pay a bounty for a security report?', 'Is there a cost associated with joining the OIN'],
    ['How long does Google take to review a SAML app for its catalog?', "What's the process after I have submitted my app"],
    ["We applied to Google last week; how long is Google's review, typically?", "What's the process after I have submitted my app"],
    // Written here (devmonth3 probe round): moving a listing to another company's account, or changing its owner, is an
    // ownership matter for staff, not a change to the integration the listing entry tells how to submit.
    [
      "Can our OIN listing be moved under our new parent company's account, with the publisher name changed?",
      'How do I request changes or updates to the existing integration',
    ],
    [
      "Can the ownership of our OIN listing be changed to our sister company, and the listing's publisher updated?",
      'How do I request changes or updates to the existing integration',
    ],
    // Written here (nearmonth6 probe round): another Okta product line's own session setting (an Auth0 tenant, Okta
    // Device Access), asked in the session entry's words.
    ['Is the session timeout in an Auth0 tenant set per application, or for the whole tenant?', 'Is the IdP session time out a setting'],
    ['How long does a session last in our Auth0 tenant, and can each app have its own?', 'Is the IdP session time out a setting'],
    ['Does Okta Device Access follow the two-hour session timeout, or does it have its own?', 'Is the IdP session time out a setting'],
    ['Can the admin change the session length for Device Access sign-in on our laptops?', 'Is the IdP session time out a setting'],
    // Written here (costfix fix round): a monthly price of using Okta itself, for the writer's own people, is Okta's own
    // price; "that" or "this" as what would cost points back at what was said before it.
    ['How much would it cost each month for our bakery to use Okta for the logins?', 'Is there a cost associated with joining the OIN'],
    [
      'We are a small charity. What would it cost per month for us to use Okta ourselves?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'We have nine staff at the garage. Could they all sign in once with Okta? What would that cost us each month?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'Our office has twenty staff who forget their passwords. How much does this cost a month if they sign in through Okta?',
      'Is there a cost associated with joining the OIN',
    ],
  ])('does not send the neighbouring entry for "%s"', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(false);
  });

  it.each([
    ['Does Okta support SAML single logout for our app?', 'Does Okta support single logout'],
    ['Can the Okta admin change the session timeout for one app only?', 'Is the IdP session time out a setting'],
    ['What happens after we submit our app, and how long does the review take?', "What's the process after I have submitted my app"],
    ['Can the App Wizard handle a company ID field besides username and password?', 'has fields on the login page'],
    [
      'We met your team at a conference. Where do we sign up for a developer account to build our integration?',
      'Where can I sign up to join',
    ],
    ['Is there a fee to list our app in the OIN?', 'Is there a cost associated with joining the OIN'],
    // Written here (nearmonth8 probe round): the review and a listing's update asked in plain words, still sent.
    ['Our gift shop app is submitted. How long does the OIN review take?', "What's the process after I have submitted my app"],
    ['How do we update the logo on our existing OIN listing?', 'How do I request changes or updates to the existing integration'],
    // Written here (nearmonth3 probe round): the OIN asked about beside Okta Workflows or Google named as context.
    ['We already use Okta Workflows internally. Is it free to list our app in the OIN?', 'Is there a cost associated with joining the OIN'],
    [
      'Google approved our Workspace app last month. How long does the OIN review take after we submit?',
      "What's the process after I have submitted my app",
    ],
    ['Is there a course or training material on the basics of Okta?', 'how can I get familiar with the Okta product'],
    // Written here (otherstores fix round): the other store named as context beside a question about the OIN.
    [
      'We are on the Google Workspace Marketplace already. Is there a fee to be listed in the OIN as well?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'Our app passed the Microsoft Entra app gallery review last month. How long does the OIN review take once we submit?',
      "What's the process after I have submitted my app",
    ],
    // Written here (nearctx fix round): the same pointing questions after a sentence naming the OIN.
    [
      'Our next step is the Okta Integration Network. How much would it cost us to get our app listed there?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'We sent our app to the Okta Integration Network on Monday. How many days does their review usually take?',
      "What's the process after I have submitted my app",
    ],
    // Written here (plainmonth7 probe round): "that one" pointing back at the OIN.
    ['We also want to be in the Okta Integration Network. Is there a fee for that one?', 'Is there a cost associated with joining the OIN'],
    // Written here (plainmonth10 probe round): the same, pointing back at the OIN with "that" or "it" closing a clause.
    [
      'We want our booking app in the Okta Integration Network. Is there a fee for that, and how long is the review?',
      'Is there a cost associated with joining the OIN',
    ],
    [
      'Our developers are building for the Okta Integration Network. Where do they sign up for it and get an account?',
      'Where can I sign up to join',
    ],
    // Written here (devmonth3 probe round): a change to a listed app's own name or logo is still the listing entry's.
    [
      'Our app is already listed in the OIN. How do we change its name and logo?',
      'How do I request changes or updates to the existing integration',
    ],
    // Written here (nearmonth6 probe round): the same entry asked about an Okta org.
    ['Can the Okta admin set the session timeout per application, or is it global?', 'Is the IdP session time out a setting'],
  ])('still sends the entry for "%s"', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(true);
  });

  // Written here (vendorname2 fix round): another vendor named as the one who charges, approves or is to be contacted
  // asks about that vendor's own process, not the OIN's; the owner's name or a typo of it is still ours.
  it.each([
    ['Does Atlassian charge anything to have an integration listed?', 'Is there a cost associated with joining the OIN?'],
    ['How long does Zendesk take to approve a submitted app?', "What's the process after I have submitted my app"],
    ['Do we need to contact Salesforce first to start integrating our application?', 'Do I need to contact Okta first'],
  ])('does not send the entry about the owner\'s own one for "%s"', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(false);
  });

  it.each([
    ['Does Okta charge anything to have an integration listed?', 'Is there a cost associated with joining the OIN?'],
    [
      'We also list with Zendesk. How long does the OIN take to approve a submitted app?',
      "What's the process after I have submitted my app",
    ],
    ['Do we need to contact Octa first to start integrating our application?', 'Do I need to contact Okta first'],
  ])('still sends the entry for "%s"', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(true);
  });

  // Written here (nearmonth7 probe round): another vendor named as the owner of the asked thing ("GitHub's review") or
  // framing the whole question ("In Freshworks, ..."); the owner's own name there, or no name, is still ours.
  it.each([
    ["How long is GitHub's review usually after we submit our app?", "What's the process after I have submitted my app"],
    ["Is Asana's app certification free, or is there a cost to join it?", 'Is there a cost associated with joining the OIN?'],
    ['Also, in Freshworks, do vendors pay anything to have their app listed?', 'Is there a cost associated with joining the OIN?'],
  ])('does not send the entry about the owner\'s own one for "%s" (a possessive or framing name)', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(false);
  });

  it.each([
    ["How long is Okta's review usually after we submit our app?", "What's the process after I have submitted my app"],
    ['In short, is there a cost associated with joining the OIN?', 'Is there a cost associated with joining the OIN?'],
    [
      "Our login page has a Company ID field, like Salesforce's old login had. Can an SWA app with that extra field be configured using the App Wizard?",
      'has fields on the login page in addition to the standard username and password',
    ],
  ])('still sends the entry for "%s" (no other vendor owns the asked thing)', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(true);
  });

  // Written here (nearfix7 fix round): the entry's own question names the owner ("... that an Okta administrator can
  // change?") where its best-fitting phrasing does not ("Can the session length be set per application?"): another
  // vendor named in the question asks about that vendor's own setting.
  it.each([
    ['In Freshworks, is the session timeout one global setting, or can it be set per application?', 'Is the IdP session time out'],
    ["Can the session length in Zoho's admin console be set per application?", 'Is the IdP session time out'],
  ])('does not send the entry about the owner\'s own one for "%s" (the entry\'s question names the owner)', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(false);
  });

  it.each([
    ['Is the session timeout one global setting, or can it be set per application?', 'Is the IdP session time out'],
    ['We also use Zoho. Can the session length be set per application?', 'Is the IdP session time out'],
  ])('still sends the entry for "%s" (no other vendor owns the setting)', (newText, question) => {
    expect(answered(newText).some((q) => q.includes(question))).toBe(true);
  });

  // Written here (nearfix7 fix round): the writer says the owner plays no part in what they describe; a question that
  // names the owner itself is still the FAQ's.
  it.each([
    'Our intranet has its own small login and it has nothing to do with Okta. Can the session length be set per application?',
    'Our help desk tool keeps its own sessions; Okta is not involved. Is the session timeout global or per application?',
  ])('does not send the session entry for "%s" (the owner not involved)', (newText) => {
    expect(answered(newText).some((q) => q.includes('Is the IdP session time out'))).toBe(false);
  });

  it.each([
    'Our intranet has nothing to do with Okta. Is the Okta session timeout global or per application?',
    'Okta is involved in our sign-in. Can the session length be set per application?',
  ])('still sends the session entry for "%s"', (newText) => {
    expect(answered(newText).some((q) => q.includes('Is the IdP session time out'))).toBe(true);
  });

  // Written here (elliptic probe round): the entry answers the first sentence; the clipped one after it asks what the
  // entry is not about, which only the whole question says.
  // Written here (nearmonth2 probe round): the session half is answered, the hook half goes to a person.
  it('answers the session question beside a hook time-out and leaves the hook open', () => {
    const newText =
      'Is the Okta session timeout global or per application? How long does Okta wait for an event hook endpoint to answer before it times out?';
    const result = matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS);
    expect(result.answers.map((a) => a.entry.question)).toEqual([expect.stringContaining('Is the IdP session time out a setting')]);
    expect(result.unanswered).toHaveLength(1);
  });

  // Written here (nearmonth8 probe round): a "token of appreciation" is a gift, not the review; a customer's star rating
  // of a listing is no change to the listing. Each asked after the entry's own question goes to a person.
  it.each([
    [
      'How long is the review after we submit our app?\n\nAnd may we send your reviewers a token of appreciation when it is over?',
      "What's the process after I have submitted my app",
    ],
    [
      'Who reviews our integration after submission? Would they accept a token of appreciation from us once it is done?',
      "What's the process after I have submitted my app",
    ],
    [
      'How can we change the description of our OIN listing?\n\nAnd can customers give our listing a star rating?',
      'How do I request changes or updates to the existing integration',
    ],
    [
      "How do we update our listing's description in the OIN?\n\nAnd do listings get a star rating from customers?",
      'How do I request changes or updates to the existing integration',
    ],
  ])('answers "%s" and leaves the other thing open', (newText, question) => {
    const result = matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS);
    expect(result.answers.map((a) => a.entry.question)).toEqual([expect.stringContaining(question)]);
    expect(result.unanswered).toHaveLength(1);
  });

  it('answers a sentence and leaves open what its entry is not about', () => {
    const inquiry = { subject: '', newText: 'Can an Okta admin change the session timeout? Up to what maximum?', forwardedText: '' };
    const result = matchInquiry(buildIndex(faq), inquiry, OPTIONS);
    expect(result.answers.map((a) => a.entry.question)).toEqual([expect.stringContaining('Is the IdP session time out a setting')]);
    expect(result.unanswered).toEqual(['Can an Okta admin change the session timeout? Up to what maximum?']);
  });
});

// Written here (indirect-wording probe round): plain words a writer who is no engineer uses for an FAQ term.
describe('the sample vocabulary in plain words', () => {
  const faq = loadSampleFaq();
  it.each([
    ['Will you inform us when the review of our app is finished?', "What's the process after I have submitted my app"],
    ['Is prior approval from Okta required to begin?', 'Do I need to contact Okta first'],
    ['Our login screen has a company code field as well. Can the Okta setup tool handle this?', 'has fields on the login page in addition'],
    ['How long until users have to log in again, and who decides it?', 'Is the IdP session time out a setting'],
    // Written here (translated probe round): "inscription" is registration in French, Spanish and Italian.
    ['Where we must do the inscription as developers for the Okta Integration Network?', 'Where can I sign up to join'],
    [
      "What must our customers' IT people do to switch on user creation for our app?",
      'what is the user experience for a joint customer administrator',
    ],
    // Written here (plainwords probe round): a writer who does not know the product's words describes the thing.
    ['Do we need a green light from Okta before we start building the sign-in?', 'Do I need to contact Okta first'],
    // Written here (plainmonth5 probe round): "the nod" is a go-ahead, "make an account" signs up.
    ['Must somebody at Okta give us the nod before our developer begins?', 'Do I need to contact Okta first'],
    ['Where does our developer make an account to start on the Okta work?', 'Where can I sign up to join'],
    [
      'Every customer gets their own web address. We use the step-by-step builder on your site to set up the sign-in. ' +
        'How do we deal with each customer having a different address?',
      'we have different domains for each customer',
    ],
    [
      'We want Okta to create and remove accounts in our app when people join or leave our customers. ' +
        'Is there a page of common questions and answers about that part specifically?',
      'SCIM',
    ],
    ['Can you explain how Okta fills in the username and password for users on apps like ours?', 'What is Secure Web Authentication'],
    [
      "Can our customers' Okta admin decide how long someone can sit idle before they're logged out?",
      'Is the IdP session time out a setting',
    ],
    // Written here (anaphora probe round): the thing described, then a question that only points at it.
    ['Okta fills in passwords for some older apps. What is that and how does it work?', 'What is Secure Web Authentication'],
    // Written here (plainmonth2 probe round): Okta's own builder named in plain words is the App Wizard.
    [
      'Our collections app signs people in with WS-Federation, not SAML. Can we build it with the Okta app builder, ' +
        'and if not, how would other museums get to use it through Okta?',
      'My app currently supports WS-FED',
    ],
    // Written here (plainmonth3 probe round): the App Wizard as "step-by-step tool", beside "step-by-step builder".
    [
      'Our portal signs people in with something our consultant calls WS-Fed. ' +
        "Can he use Okta's step-by-step tool for that, or is there another way?",
      'My app currently supports WS-FED',
    ],
    // Written here (plaincause fix round): password vaulting described as Okta remembering passwords and filling them in.
    [
      'A volunteer says Okta remembers passwords for our older sites and fills them in when staff click. ' +
        'What is this feature and how does it work?',
      'What is Secure Web Authentication',
    ],
    [
      'Our treasurer says there is an Okta feature that remembers the passwords of older websites and fills them in ' +
        'for people. What is it and how does it work?',
      'What is Secure Web Authentication',
    ],
    // Written here (plaincause2 fix round): the directory account named as the login to the office network.
    ['Can Okta connect our portal to the network logins our customers already give their staff?', 'My customer is asking for AD'],
    ['Can Okta connect our app to the network accounts our customers already have for their staff?', 'My customer is asking for AD'],
    // Written here (plaincause3 fix round): a submitted app "being checked", and "the checking" of it, is the review.
    ['We sent our app to Okta last month. How long does the checking usually take?', "What's the process after I have submitted my app"],
    [
      'We sent our booking app in last week. Is it all right to add a date of birth attribute while it is being checked?',
      'If I submit my app with a set of attributes',
    ],
    // Written here (plaincause3 fix round): writing to Okta, "tied to your company" is "tied to you".
    [
      'A customer asked us to connect our shop system to Okta. If we build it your way, are we then tied to your company?',
      'only works with Okta',
    ],
    ['Will the sign-in our developer builds from your guide leave us tied to your company for good?', 'only works with Okta'],
    // Written here (devsymptom probe round): "idle" alone is the inactivity that ends a session.
    ["Who sets how long an idle user keeps access in the customer's Okta, and where?", 'Is the IdP session time out a setting'],
    ['Is the idle limit in Okta the same for every app, or can it differ per app?', 'Is the IdP session time out a setting'],
    // Written here (devsymptom probe round): wa=wsignin1.0 in a log line is the WS-Federation sign-in request.
    [
      "Our sign-in log is full of wa=wsignin1.0 from our customers' systems. How do we get an app like ours into Okta?",
      'My app currently supports WS-FED',
    ],
    [
      'Our request logs are full of wsignin1.0 calls from the customer side. What are our options for an app like that in Okta?',
      'My app currently supports WS-FED',
    ],
    // Written here (devsymptom4 probe round): a username and password that fill or type themselves in are vaulted ones.
    [
      "On a customer's Okta dashboard the username and password for our portal fill themselves in. What is that and how does it work?",
      'What is Secure Web Authentication',
    ],
    [
      'When staff open our app from their Okta dashboard, the username and password are typed in by themselves. How does that work?',
      'What is Secure Web Authentication',
    ],
    // Written here (plainmonth15 probe round): an app put or sent "through again", or put "out again", after it is
    // published is republished.
    [
      'Our app is already published. When we add a new attribute for the van number, how often may we put it through again?',
      'how do I republish my app',
    ],
    [
      'Once our published app gets a new attribute, do we send the app through again, and can we do that every month?',
      'how do I republish my app',
    ],
    ['After we add extra attributes to our published app, how do we put the app out again?', 'how do I republish my app'],
    // Written here (plainmonth15 probe round): an integration "locked to Okta" is one that only works with Okta.
    ['If we build the sign-in your way, is our booking system then locked to Okta?', 'only works with Okta'],
    ['Would the SAML sign-in our developer builds from your guides be locked to you for good?', 'only works with Okta'],
    // Written here (plainmonth16 probe round): to "put one's name down" for something is to sign up for it.
    ['Our developer needs one of your accounts for building the Okta sign-in. Where does he put his name down?', 'Where can I sign up'],
    ['We want our booking site in the Okta Integration Network. How do we put our names down for it?', 'Where can I sign up'],
    // Written here (plainmonth17 probe round): "only ever works with Okta", the intensifier "ever" in "only works with Okta".
    ['If our developer builds the sign-in your way, will it only ever work with Okta?', 'only works with Okta'],
    ['Does the sign-in our developer builds from your guides only ever work with Okta?', 'only works with Okta'],
    // Written here (pointback4 fix round): the Windows server an office's logins live on is its on-premise directory.
    [
      'The staff at our customer log in with passwords kept on their Windows server. Could they use those on our app through Okta?',
      'My customer is asking for AD',
    ],
    [
      "Our customer's users all have their passwords on a Windows server at head office. Can they log in to our app with them through Okta?",
      'My customer is asking for AD',
    ],
    // Written here (devsymptom6 probe round): Okta's "app setup screens" are the App Wizard.
    [
      'Our sign-in writes wa=wsignin1.0 in the callback. Can we make an app for this kind of sign-in in your app setup screens?',
      'My app currently supports WS-FED',
    ],
    [
      'Our desktop app signs users in with WS-Federation. Can your app setup screen build that, or is there another way?',
      'My app currently supports WS-FED',
    ],
  ])('reads "%s" as the entry it asks for', (newText, question) => {
    const result = matchInquiry(buildIndex(faq), { subject: '', newText, forwardedText: '' }, OPTIONS);
    expect(result.answers.map((a) => a.entry.question)).toEqual([expect.stringContaining(question)]);
  });
});

describe('parseFaq', () => {
  const sample = [
    '---',
    'title: Billing',
    'baseUrl: https://docs.example.com',
    '---',
    '',
    '## Plans',
    '',
    '**Q: Is there a free plan?**',
    '',
    'Yes, see [pricing](/pricing).',
    '',
    'Second paragraph <support@example.com>.',
    '',
    'Also asked:',
    '- Can I use the API without paying?',
    '- Do you have a free tier?',
    '',
    'Keywords: free tier, trial',
    '',
    '### Invoices',
    '',
    'Invoices are in the [dashboard](/billing).',
  ].join('\n');

  it('reads questions, answers, staff phrasings, keywords and prose-only sections', () => {
    const entries = parseFaq(sample, 'billing.md');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      question: 'Is there a free plan?',
      answer: 'Yes, see [pricing](https://docs.example.com/pricing).\n\nSecond paragraph <support@example.com>.',
      section: ['Plans'],
      phrasings: ['Can I use the API without paying?', 'Do you have a free tier?'],
      keywords: ['free tier', 'trial'],
      source: { file: 'billing.md', line: 8 },
    });
    expect(entries[1]).toMatchObject({
      question: 'Invoices',
      answer: 'Invoices are in the [dashboard](https://docs.example.com/billing).',
      section: ['Plans'],
    });
  });

  it('reads what an entry is not about, apart from its answer', () => {
    const [entry] = parseFaq('**Q: Does it support single logout?**\n\nYes.\n\nNot about: OIDC logout, token revocation\n', 'x.md');
    expect(entry.notAbout).toEqual(['OIDC logout', 'token revocation']);
    expect(entry.answer).toBe('Yes.');
  });

  it('accepts phrasings on the same line, separated by "|"', () => {
    const [entry] = parseFaq(
      '**Q: Can I pay by invoice?**\n\nYes.\n\n*Also asked:* Do you take purchase orders? | Can we be invoiced?\n',
      'x.md',
    );
    expect(entry.phrasings).toEqual(['Do you take purchase orders?', 'Can we be invoiced?']);
    expect(entry.answer).toBe('Yes.');
  });

  it('keeps reading "Also asked:" past an empty bullet, rather than sending the rest of the list as answer text', () => {
    const [entry] = parseFaq('**Q: Free?**\n\nYes.\n\nAlso asked:\n- \n- Is it gratis?\n', 'x.md');
    expect(entry.answer).toBe('Yes.');
    expect(entry.phrasings).toEqual(['Is it gratis?']);
  });

  it('reads a numbered "Also asked:" list as a bulleted one, rather than sending it to writers as answer text', () => {
    const [entry] = parseFaq('**Q: Free?**\n\nYes.\n\nAlso asked:\n1. Do we pay?\n2) Is it gratis?\n', 'x.md');
    expect(entry.answer).toBe('Yes.');
    expect(entry.phrasings).toEqual(['Do we pay?', 'Is it gratis?']);
  });

  it('sends a fenced code block as written: no heading, question or staff line is read in it', () => {
    const code = ['```sh', '# install the CLI', '**Q: not a question**', 'Keyword: value', 'Also asked: nothing', '```'];
    const [entry, next] = parseFaq(
      ['**Q: How do I install it?**', '', 'Run:', '', ...code, '', 'Also asked: Setup?', '', '**Q: Next?**', '', 'Yes.'].join('\n'),
      'x.md',
    );
    expect(entry.answer).toBe(['Run:', '', ...code].join('\n'));
    expect(entry.phrasings).toEqual(['Setup?']);
    expect(entry.keywords).toEqual([]);
    expect(next.question).toBe('Next?');
    const [tilde] = parseFaq('**Q: Longer fence?**\n\n~~~~\n~~~\n# still code\n~~~~\n', 'x.md');
    expect(tilde.answer).toBe('~~~~\n~~~\n# still code\n~~~~');
  });

  it('lets a base URL override the front matter', () => {
    const [entry] = parseFaq('**Q: Where?**\n\n[Here](/x).', 'x.md', 'https://other.example.org');
    expect(entry.answer).toBe('[Here](https://other.example.org/x).');
  });
});

describe('relative links are resolved in prose, not in code', () => {
  it('leaves an HTML sample in a code block or a code span as written, a closing tag being no link', () => {
    // Before: "</div>" was read as a relative autolink, an error without a base URL and "<https://.../div>" with one.
    const markdown =
      '---\nbaseUrl: https://dev.example.com\n---\n**Q: How do I embed it?**\n\n```html\n<div id="w"></div>\n```\n\nClose it with `</div>`; see [the guide](/embed) or </docs>.\n';
    const [entry] = parseFaq(markdown, 'faq.md');
    expect(entry.answer).toBe(
      '```html\n<div id="w"></div>\n```\n\nClose it with `</div>`; see [the guide](https://dev.example.com/embed) or <https://dev.example.com/docs>.',
    );
  });
});

describe('HTML comments are notes for staff, never sent', () => {
  it("reads the digest's Also asked snippet pasted below an entry, comment and all, leaving the answer as it was", () => {
    // Before: the comment line ended the answer, and writers got it as text.
    const snippet = '<!-- add below the entry "Is it free?" (faq.md, line 3) -->\nAlso asked:\n- does it cost money';
    const [entry] = parseFaq(`## Plans\n\n**Q: Is it free?**\n\nYes.\n\n${snippet}\n`, 'faq.md');
    expect(entry).toMatchObject({ answer: 'Yes.', phrasings: ['does it cost money'] });
  });

  it("takes a writer's phrasing that opens with a label as a phrasing, as the digest's snippet pastes it", () => {
    const snippet = 'Also asked:\n- Question: can I pay by invoice\n- Q: does it cost money';
    const [entry] = parseFaq(`## Plans\n\n**Q: Is it free?**\n\nYes.\n\n${snippet}\n`, 'faq.md');
    expect(entry).toMatchObject({ answer: 'Yes.', phrasings: ['Question: can I pay by invoice', 'Q: does it cost money'] });
  });

  it("takes such a phrasing under a pointer section's Also asked too", () => {
    const markdown = '## SCIM\n\nSee the SCIM FAQ.\n\nAlso asked:\n- Question: can I use SCIM\n';
    expect(parseFaq(markdown, 'faq.md')).toEqual([expect.objectContaining({ question: 'SCIM', phrasings: ['Question: can I use SCIM'] })]);
  });

  it('still refuses a whole question line in an Also asked list, which would lose its entry', () => {
    expectContentError(
      () => parseFaq('**Q: Is it free?**\n\nYes.\n\nAlso asked:\n- free?\n- **Q: Refund?**\n\nNo.\n', 'faq.md'),
      'faq.md',
      7,
      /a question line must look like \*\*Q: your question\?\*\*/,
    );
  });

  it('leaves out a comment over several lines, one inside a line, and one before the first heading', () => {
    const markdown =
      '<!-- draft -->\n## Plans\n\n**Q: Is it free?**\n\nYes, <!-- check with sales -->for now.\n\n<!--\n**Q: Refund?**\n\nNo.\n-->\nSee the terms.\n';
    expect(parseFaq(markdown, 'faq.md')).toEqual([
      expect.objectContaining({ question: 'Is it free?', answer: 'Yes, for now.\n\nSee the terms.' }),
    ]);
  });

  it('keeps one inside a code block, which is sent as written', () => {
    const [entry] = parseFaq('**Q: How do I embed it?**\n\n```html\n<!-- the widget -->\n<p>Hi</p>\n```\n', 'faq.md');
    expect(entry.answer).toContain('<!-- the widget -->');
  });

  it('refuses one left open, which would hide every entry after it', () => {
    expectContentError(
      () => parseFaq('**Q: Is it free?**\n\nYes.\n\n<!-- to do\n\n**Q: Refund?**\n\nNo.\n', 'faq.md'),
      'faq.md',
      5,
      /the comment opened here with <!-- is not closed \(end it with -->\)/,
    );
  });
});

describe('content mistakes fail loudly with file and line', () => {
  it('a question with no answer', () => {
    expectContentError(
      () => parseFaq('## A\n\n**Q: Lonely?**\n\n**Q: Next?**\n\nYes.\n', 'faq.md'),
      'faq.md',
      3,
      /"Lonely\?" has no answer/,
    );
  });

  it('a code block left open, which would take every entry after it into one answer', () => {
    expectContentError(
      () => parseFaq('**Q: How?**\n\nRun:\n\n```sh\nnpm start\n\n**Q: Next?**\n\nYes.\n', 'faq.md'),
      'faq.md',
      5,
      /code block opened here with ``` is not closed/,
    );
  });

  it('a "Not about:" line that names nothing', () => {
    expectContentError(() => parseFaq('**Q: Free?**\n\nYes.\n\nNot about:\n', 'faq.md'), 'faq.md', 5, /"Not about:" names no topic/);
  });

  it('a "Not about:" topic of words too common to recognise, located at its own line', () => {
    const faq = assembleFaq([{ file: 'faq.md', markdown: '# FAQ\n\n**Q: Is the OIN free?**\n\nYes.\n\nNot about: the other one\n' }]);
    // Before: line 3, the entry's question, though the line staff must change is 7.
    expectContentError(() => buildIndex(faq), 'faq.md', 7, /"Not about: the other one", and "the other one" has no telling word/);
    // Its own line among several, under front matter, and in a section's prose as in a question's answer.
    const markdown = [
      '---',
      'baseUrl: https://developer.example.com',
      '---',
      '# Prices',
      '',
      'The OIN is free.',
      '',
      'Not about: OIDC logout',
      'Not about: SCIM tokens, the other one',
    ].join('\n');
    expectContentError(
      () => buildIndex(assembleFaq([{ file: 'prices.md', markdown }])),
      'prices.md',
      9,
      /"the other one" has no telling word/,
    );
  });

  it.each([
    ['Keywrods: fee, price', /"Keywrods:" is no staff line: did you mean "Keywords:"\?/],
    ['Keyword: fee', /"Keyword:" is no staff line: did you mean "Keywords:"\?/],
    ['Also-asked: Is it free?', /"Also-asked:" is no staff line: did you mean "Also asked:"\?/],
    ['**Not-about:** OIDC logout', /"Not-about:" is no staff line: did you mean "Not about:"\?/],
  ])('a misspelt staff line (%s), which would be sent to writers as part of the answer', (line, text) => {
    expectContentError(() => parseFaq(`**Q: Free?**\n\nYes.\n\n${line}\n`, 'faq.md'), 'faq.md', 5, text);
  });

  it.each([
    ['Not about OIDC logout', /"Not about" needs its colon: write "Not about: \.\.\."/],
    ['Keywords fee, price', /"Keywords" needs its colon: write "Keywords: \.\.\."/],
    ['**Also asked**', /"Also asked" needs its colon: write "Also asked: \.\.\."/],
  ])('a staff line without its colon (%s), which could as well be a sentence of the answer', (line, text) => {
    expectContentError(() => parseFaq(`**Q: Free?**\n\nYes.\n\n${line}\n`, 'faq.md'), 'faq.md', 5, text);
  });

  // Markdown reads a line indented by up to three spaces as unindented. Before, each of these reached writers as part of
  // the answer, and the entry lacked what staff meant to teach the matcher.
  it.each([
    ['  Not about: OIDC logout', { notAbout: ['OIDC logout'] }],
    ['   Keywords: fee, price', { keywords: ['fee', 'price'] }],
    [' Also asked:\n - Can I pay later?', { phrasings: ['Can I pay later?'] }],
  ])('a staff line indented by up to three spaces (%j) is read as one, not sent', (lines, staff) => {
    const [entry] = parseFaq(`**Q: Free?**\n\nYes.\n\n${lines}\n`, 'faq.md');
    expect(entry).toMatchObject({ answer: 'Yes.', ...staff });
  });

  // Before, the heading went to writers inside the answer above it (and the entry after it was filed under the section
  // before); the question was refused, told to write it as it was written.
  it('a heading or question line indented by up to three spaces is read as one', () => {
    expect(parseFaq('## A\n\n**Q: Free?**\n\nYes.\n\n  ## Other\n\n   **Q: Refund?**\n\nNo.\n', 'faq.md')).toEqual([
      expect.objectContaining({ question: 'Free?', answer: 'Yes.', section: ['A'] }),
      expect.objectContaining({ question: 'Refund?', answer: 'No.', section: ['Other'] }),
    ]);
    const rules = parseHandover('## A complaint\nKind: state\n- complain*\n\n  ## A legal matter\n- lawyer*\n', 'handover.md');
    expect(rules.map((rule) => [rule.reason, rule.kind, rule.cues])).toEqual([
      ['A complaint', 'state', ['complain*']],
      ['A legal matter', undefined, ['lawyer*']],
    ]);
  });

  it.each([
    ['  Keywrods: fee', /"Keywrods:" is no staff line: did you mean "Keywords:"\?/],
    ['  Not about OIDC logout', /"Not about" needs its colon/],
  ])('an indented staff line misspelt or without its colon (%j)', (line, text) => {
    expectContentError(() => parseFaq(`**Q: Free?**\n\nYes.\n\n${line}\n`, 'faq.md'), 'faq.md', 5, text);
  });

  // Before, each was taken as a way writers ask for the entry: the first taught the matcher the very topic staff said
  // the entry is not about.
  it.each([
    ['- Not about: OIDC logout', 'Not about: OIDC logout'],
    ['- Keywords: fee', 'Keywords: fee'],
    ['* **Not about:** OIDC logout', '**Not about:** OIDC logout'],
  ])('a staff line written as a phrasing under "Also asked:" (%j)', (item, written) => {
    expectContentError(
      () => parseFaq(`**Q: Free?**\n\nYes.\n\nAlso asked:\n- Can I pay later?\n${item}\n`, 'faq.md'),
      'faq.md',
      7,
      new RegExp(
        `a staff line is no phrasing: write "${written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" on a line of its own, without the bullet`,
      ),
    );
  });

  // Markdown reads a line straight after a list item or a paragraph as part of it. Before, each second line was read as
  // the answer's prose: sent to writers ("or by invoice?"), with every bullet after it.
  it.each([
    ['Also asked:\n- Can I pay later,\n  or by invoice?\n- Is it free?', 7, 'phrasing under "Also asked:"'],
    ['Also asked:\n- Can I pay later\nor by invoice?', 7, 'phrasing under "Also asked:"'],
    ['Keywords: fee,\n  price', 6, '"Keywords:" line'],
    ['Not about: OIDC logout,\nAPI token lifetime', 6, '"Not about:" line'],
    ['Also asked: Can I pay later,\nor by invoice?', 6, '"Also asked:" line'],
  ])('a phrasing or staff line wrapped onto a second line (%j)', (lines, line, what) => {
    expectContentError(
      () => parseFaq(`**Q: Free?**\n\nYes.\n\n${lines}\n\n**Q: Next?**\n\nNo.\n`, 'faq.md'),
      'faq.md',
      line,
      new RegExp(
        `this line continues the ${what} above \\(Markdown reads the two as one\\), so it would be sent to writers as part of the answer`,
      ),
    );
  });

  it('but a code block may follow a staff line, and the answer go on after it', () => {
    const [entry] = parseFaq('**Q: How?**\n\nRun it.\n\nKeywords: run\n```sh\nnpm start\n```\nThen wait.\n', 'faq.md');
    expect(entry).toMatchObject({ answer: 'Run it.\n\n```sh\nnpm start\n```\nThen wait.', keywords: ['run'] });
  });

  it('but the answer may go on after a staff line and a blank line', () => {
    const [entry] = parseFaq(
      '**Q: Free?**\n\nYes.\n\nAlso asked:\n\n- Is it free?\n\n- No fee?\n\nKeywords: fee\n\nSee pricing.\n',
      'faq.md',
    );
    expect(entry).toMatchObject({ answer: 'Yes.\n\n\nSee pricing.', phrasings: ['Is it free?', 'No fee?'], keywords: ['fee'] });
  });

  it("but a list item of an answer may start like a staff line (a form's fields, say), and is sent as written", () => {
    const answer = 'The form asks for:\n\n- Name: your app\n- Keywords: what writers search for';
    expect(parseFaq(`**Q: What does the form ask?**\n\n${answer}\n`, 'faq.md')[0]).toMatchObject({ answer, keywords: [] });
  });

  it('but not a sentence that merely starts like a label', () => {
    const answer = 'Yes.\n\nAlso see: the pricing page.\nNote: prices exclude tax.\nQuestions: ask sales.\nQ3 prices are lower.';
    expect(parseFaq(`**Q: Free?**\n\n${answer}\n`, 'faq.md')[0].answer).toBe(answer);
  });

  it.each(['**Q: **', '**Q: ?**'])('a question with no words (%s)', (line) => {
    expectContentError(() => parseFaq(`## A\n\n${line}\n\nYes.\n`, 'faq.md'), 'faq.md', 3, /the question has no words/);
  });

  it('a "Keywords:" line that names nothing (a list under it was sent to writers as answer text)', () => {
    expectContentError(
      () => parseFaq('**Q: Free?**\n\nYes.\n\nKeywords:\n- fee\n- price\n', 'faq.md'),
      'faq.md',
      5,
      /"Keywords:" names no keyword \(write them on its line, e\.g\. "Keywords: fee, price"\)/,
    );
  });

  it('a question with no answer at the end of the file', () => {
    expectContentError(() => parseFaq('**Q: Last?**\n\n', 'faq.md'), 'faq.md', 1, /has no answer/);
  });

  it('two identical questions, across files', () => {
    const files = [
      { file: 'a.md', markdown: '**Q: Is it free?**\n\nYes.\n' },
      { file: 'b.md', markdown: '\n**Q: Is it free ?**\n\nNo.\n' },
    ];
    expectContentError(() => assembleFaq(files), 'b.md', 2, /already asked at a\.md:1/);
  });

  it('front matter that is not YAML', () => {
    expectContentError(() => parseFaq('---\ntitle: [unclosed\n---\n**Q: A?**\n\nB.\n', 'faq.md'), 'faq.md', 2, /not valid YAML/);
    // YAML's own "at line 1, column 8:" counted from the front matter, beside the file's line, and ended the message on a colon.
    expectContentError(
      () => parseFaq('---\ntitle: [unclosed\n---\n**Q: A?**\n\nB.\n', 'faq.md'),
      'faq.md',
      2,
      /: front matter is not valid YAML: [^\n]*end with a \]$/,
    );
  });

  it('front matter that never closes', () => {
    expectContentError(() => parseFaq('---\ntitle: x\n**Q: A?**\n\nB.\n', 'faq.md'), 'faq.md', 1, /no closing "---"/);
  });

  it('an unknown front matter key (a typo must not be ignored)', () => {
    expectContentError(
      () => parseFaq('---\ntitle: x\nbaseURL: https://x.example\n---\n', 'faq.md'),
      'faq.md',
      3,
      /unknown front matter key "baseURL"/,
    );
  });

  // Written here (usname code-quality round).
  it("an owner's name writers could not type, at its line", () => {
    expectContentError(
      () => parseFaq('---\ntitle: x\nowner: "Acme!"\n---\n', 'faq.md'),
      'faq.md',
      3,
      /"owner" must be the name writers call you by/,
    );
    expectContentError(() => parseFaq('---\nowner: ""\n---\n', 'faq.md'), 'faq.md', 2, /"owner" must be a non-empty string/);
    expectContentError(() => parseFaq('---\nowner: [Acme, Okta]\n---\n', 'faq.md'), 'faq.md', 2, /"owner" must be a non-empty string/);
  });

  // Written here (vendorname2 fix round): the owner's own programmes are content, as its name is.
  it("takes the owner's own programmes from the front matter, as a list or one name, and only beside an owner", () => {
    const read = (front: string) => parseFrontMatter(`---\n${front}\n---\n`, 'faq.md').frontMatter;
    expect(read('owner: Acme\nownerTerms: [Acme Exchange, Acme Pay]').ownerTerms).toEqual(['Acme Exchange', 'Acme Pay']);
    expect(read('owner: Acme\nownerTerms: Acme Exchange').ownerTerms).toEqual(['Acme Exchange']);
    expect(read('owner: Acme').ownerTerms).toBeUndefined();
    expectContentError(() => parseFaq('---\ntitle: x\nownerTerms: [Acme Exchange]\n---\n', 'faq.md'), 'faq.md', 3, /give "owner" too/);
    expectContentError(
      () => parseFaq('---\nowner: Acme\nownerTerms: []\n---\n', 'faq.md'),
      'faq.md',
      3,
      /"ownerTerms" must be a name or a list/,
    );
    expectContentError(
      () => parseFaq('---\nowner: Acme\nownerTerms: [Acme Pay, ""]\n---\n', 'faq.md'),
      'faq.md',
      3,
      /"ownerTerms" must be a name or a list/,
    );
    const billing = assembleFaq([
      { file: 'b.md', markdown: '---\nowner: Acme\nownerTerms: [Acme Exchange]\n---\n\n**Q: Where do we sign up?**\n\nOnline.\n' },
    ]);
    expect(billing.ownerTerms).toEqual(['Acme Exchange']);
    expect(assembleFaq([{ file: 'b.md', markdown: '**Q: Where do we sign up?**\n\nOnline.\n' }]).ownerTerms).toBeUndefined();
  });

  it("an owner's name given twice, differently", () => {
    const file = (owner: string) => `---\nowner: ${owner}\n---\n\n**Q: Is it free to list with ${owner}?**\n\nYes.\n`;
    expectContentError(
      () =>
        assembleFaq([
          { file: 'a.md', markdown: file('Acme') },
          { file: 'b.md', markdown: file('Acme Corp') },
        ]),
      'b.md',
      undefined,
      /"owner" is "Acme Corp" here but "Acme" in a\.md/,
    );
    const once = assembleFaq([
      { file: 'a.md', markdown: file('Acme Corp') },
      { file: 'b.md', markdown: '**Q: Where do we sign up?**\n\nOnline.\n' },
    ]);
    expect(once.owner).toBe('Acme Corp');
    expect(assembleFaq([{ file: 'b.md', markdown: '**Q: Where do we sign up?**\n\nOnline.\n' }]).owner).toBeUndefined();
  });

  it('a base URL that is not a URL', () => {
    expectContentError(() => parseFaq('---\nbaseUrl: docs.example.com\n---\n', 'faq.md'), 'faq.md', 2, /absolute http\(s\) URL/);
  });

  it('a relative link with no base URL, at its own line', () => {
    expectContentError(
      () => parseFaq('\n**Q: Where?**\n\nSee [docs](/docs/x).\n', 'faq.md'),
      'faq.md',
      4,
      /relative link "\/docs\/x" needs "baseUrl"/,
    );
  });

  it('a question line that is not bold on one line', () => {
    expectContentError(() => parseFaq('**Q: Where is it?\n\nHere.\n', 'faq.md'), 'faq.md', 1, /\*\*Q: your question\?\*\*/);
  });

  it.each(['Q: Is it free?', '__Q: Is it free?__', '*Q: Is it free?*', '_Q: Is it free?_', '**Q:** Is it free?', '- **Q: Is it free?**'])(
    "a question line in another form (%s), which would be sent as part of the section's answer, named with the fix",
    (question) => {
      expectContentError(
        () => parseFaq(`## Pricing\n\n${question}\n\nYes.\n`, 'faq.md'),
        'faq.md',
        3,
        /\*\*Q: your question\?\*\* \(bold, on one line\): write it \*\*Q: Is it free\?\*\*$/,
      );
    },
  );

  it.each([
    '***Q: Is it free?***',
    'Q. Is it free?',
    '**Q.** Is it free?',
    '**Q** Is it free?',
    '**Question:** Is it free?',
    'q: Is it free?',
    '1. **Q: Is it free?**',
  ])(
    "a question line in another form (%s), which was sent to writers as the end of the answer before it, or as the section's",
    (question) => {
      const write = /\*\*Q: your question\?\*\* \(bold, on one line\): write it \*\*Q: Is it free\?\*\*$/;
      expectContentError(() => parseFaq(`## Pricing\n\n**Q: Refund?**\n\nYes.\n\n${question}\n\nYes.\n`, 'faq.md'), 'faq.md', 7, write);
      expectContentError(() => parseFaq(`## Pricing\n\n${question}\n\nYes.\n`, 'faq.md'), 'faq.md', 3, write);
    },
  );

  it.each(['### Q: How do I pay?', '## Q: How do I pay?', '### **Q: How do I pay?**', '### Q. How do I pay?'])(
    'a question written as a heading (%s), which was a section: "Q:" sent to writers in its question, the entries after it filed under it',
    (heading) => {
      expectContentError(
        () => parseFaq(`## Payments\n\n**Q: Refund?**\n\nYes.\n\n${heading}\n\nBy card.\n`, 'faq.md'),
        'faq.md',
        7,
        /a question is no heading: write it \*\*Q: How do I pay\?\*\* on a line of its own, without the #s, under its section's heading$/,
      );
    },
  );

  it.each([
    '> **Q: How do I pay?**',
    '> Q: How do I pay?',
    '>**Q: How do I pay?**',
    '> > **Q: How do I pay?**',
    '  > Question: How do I pay?',
  ])('a question in a blockquote (%s), which was sent to writers, with its answer, as the end of the answer before it', (quoted) => {
    const write = /a question is no quote: write it \*\*Q: How do I pay\?\*\* on a line of its own, without the >$/;
    expectContentError(() => parseFaq(`## Payments\n\n**Q: Refund?**\n\nYes.\n\n${quoted}\n\nBy card.\n`, 'faq.md'), 'faq.md', 7, write);
    expectContentError(() => parseFaq(`## Payments\n\n${quoted}\n\nBy card.\n`, 'faq.md'), 'faq.md', 3, write);
  });

  it('but not a blockquote of answer text, even one that asks a question or holds "Q:" further on', () => {
    const quote = '> **Note:** cards only.\n>\n> **Still stuck?** See Q: 4 of the guide.\n> > Q3 totals are quoted too.';
    const [entry] = parseFaq(`**Q: How do I pay?**\n\nBy card.\n\n${quote}\n`, 'faq.md');
    expect(entry.answer).toBe(`By card.\n\n${quote}`);
  });

  it.each([
    [
      '**Q: How do I pay?** By card.',
      /the answer goes on the lines below its question: write \*\*Q: How do I pay\?\*\* on a line of its own, the answer under it$/,
    ],
    ['**Q: How do I pay?**By **card**.', /: write \*\*Q: How do I pay\?\*\* on a line of its own, the answer under it$/],
    ['**Q:  Is *this* free? ** Yes.', /: write \*\*Q: Is \*this\* free\?\*\* on a line of its own, the answer under it$/],
    // Bold around "Q:" alone, or none: the question ends at its first "?".
    ['**Q:** How do I pay? By card.', /: write \*\*Q: How do I pay\?\*\* on a line of its own, the answer under it$/],
    ['- Q: How do I pay? By card.', /: write \*\*Q: How do I pay\?\*\* on a line of its own, the answer under it$/],
    // Its answer closed in bold too: the question ends at the first "**", not at the line's last.
    ['**Q: How do I pay?** By card.**', /: write \*\*Q: How do I pay\?\*\* on a line of its own, the answer under it$/],
  ])('a question with its answer on its line (%s), named with the line to write rather than only the form', (line, write) => {
    expectContentError(() => parseFaq(`## Pricing\n\n**Q: Refund?**\n\nYes.\n\n${line}\n`, 'faq.md'), 'faq.md', 7, write);
  });

  it('names no rewrite for a question line whose words hold emphasis or are none, and the general form for such a heading', () => {
    // The question is bold in part, or there is nothing to ask: "write it **Q: ...**" would be wrong.
    // Nor is a second question an answer ("**Q: Can I pay?** Or by invoice?"): two questions, not one and its answer.
    for (const line of ['**Q: How** do I pay?', 'Q: ???', '**Q: Can I pay?** Or by invoice?']) {
      expectContentError(() => parseFaq(`## Pricing\n\n${line}\n\nYes.\n`, 'faq.md'), 'faq.md', 3, /\(bold, on one line\)$/);
    }
    expectContentError(
      () => parseFaq('## Payments\n\n### Q: ???\n\nBy card.\n', 'faq.md'),
      'faq.md',
      3,
      /^.*a question is no heading: write it \*\*Q: your question\?\*\* on a line of its own/,
    );
  });

  it('but not a heading that asks a question without "Q:", a pointer section named by it', () => {
    expect(parseFaq('## Payments\n\n### How do I pay?\n\nSee [billing](https://x.example/billing).\n', 'faq.md')).toEqual([
      expect.objectContaining({ question: 'How do I pay?', section: ['Payments'] }),
    ]);
  });

  it.each(['**How do I pay?**', '__How do I pay?__', '**How do I pay**?', '*How do I pay?*', '_How do I pay?_', '***How do I pay?***'])(
    'a bold or italic question without "Q:" (%s) under a heading, which took every question of the section into one entry named by the heading',
    (question) => {
      const markdown = `## Payments\n\n${question}\n\nBy card.\n\n**Can I get a refund?**\n\nYes, within 30 days.\n`;
      expectContentError(() => parseFaq(markdown, 'faq.md'), 'faq.md', 3, /write it \*\*Q: How do I pay\?\*\*/);
    },
  );

  it('a bold question without "Q:" in a section that has questions, which was dropped before its first "Q:"', () => {
    const markdown = '## Payments\n\n**How do I pay?**\n\nBy card.\n\n**Q: Can I get a refund?**\n\nYes.\n';
    expectContentError(() => parseFaq(markdown, 'faq.md'), 'faq.md', 3, /write it \*\*Q: How do I pay\?\*\*/);
  });

  it('a bold question without "Q:" under no heading, located rather than only "defines no FAQ entry"', () => {
    const files = [
      { file: 'faq.md', markdown: '**Q: Is it free?**\n\nYes.\n' },
      { file: 'billing.md', markdown: '**How do I pay?**\n\nBy card.\n\n**Can I get a refund?**\n\nYes.\n' },
    ];
    expectContentError(() => assembleFaq(files), 'billing.md', 1, /write it \*\*Q: How do I pay\?\*\*/);
  });

  it('but not a pointer section with bold text, or a question that is not a bold line of its own, nor bold text in an answer', () => {
    const pointer =
      '### SCIM\n\n**SCIM FAQs** are covered in [the SCIM FAQ](https://x.example/scim).\n\n**Why a separate page?** It changes more often.\n';
    expect(parseFaq(pointer, 'faq.md')).toEqual([expect.objectContaining({ question: 'SCIM' })]);
    const [entry] = parseFaq('**Q: How do I pay?**\n\nBy card.\n\n**Still stuck?**\n\n*Still?*\n\nEmail us.\n', 'faq.md');
    expect(entry.answer).toBe('By card.\n\n**Still stuck?**\n\n*Still?*\n\nEmail us.');
  });

  // No timing asserted: a pattern that backtracks over such a line takes minutes, which holds up the suite for all to see.
  it('reads a long bold line without backtracking over it (the question test is tried on every line of prose)', () => {
    for (const line of [`**${'word '.repeat(20_000)}`, `**a${'?'.repeat(50_000)} **x`]) {
      expect(parseFaq(`## Notes\n\n${line}\n`, 'faq.md')).toHaveLength(1);
    }
  });

  it('reads a question line of many blanks without backtracking over them, whether or not it closes', () => {
    const words = `a${' '.repeat(200_000)}b`;
    expect(parseFaq(`**Q: ${words}  **\n\nYes.\n`, 'faq.md')[0].question).toBe(words);
    expectContentError(() => parseFaq(`**Q: ${words}\n\nYes.\n`, 'faq.md'), 'faq.md', 1, /\(bold, on one line\)/);
  });

  it('reads a heading of many blanks without backtracking over them, its closing #s cut off as before', () => {
    const [entry] = parseFaq(`# a${' '.repeat(20_000)}b ##  \n\n**Q: Is it free?**\n\nYes.\n`, 'faq.md');
    expect(entry.section).toEqual([`a${' '.repeat(20_000)}b`]);
    expect(parseFaq('## C # #\n\n**Q: Is it free?**\n\nYes.\n', 'faq.md')[0].section).toEqual(['C #']);
  });

  it.each([
    ['an introduction', 'Answers to common billing questions.\n\n## Plans\n\n**Q: Is it free?**\n\nYes.\n', 1],
    ['an answer whose question is not written', '---\ntitle: Billing\n---\n\nBy card or invoice.\n\n**Q: Refund?**\n\nYes.\n', 5],
    ['a staff line', 'Keywords: billing\n\n**Q: Is it free?**\n\nYes.\n', 1],
    ['a code block', '```sh\ncurl https://api.example.com\n```\n\n**Q: Is it free?**\n\nYes.\n', 1],
  ])("%s before the file's first heading or question, which was dropped without a word", (_what, markdown, line) => {
    expectContentError(
      () => parseFaq(markdown, 'faq.md'),
      'faq.md',
      line,
      /before the file's first heading or \*\*Q: \.\.\.\*\* line, so it is never sent/,
    );
  });

  it.each([
    ['an introduction', 'All plans are billed monthly.', /, so it is never sent: if it answers a question, write the question above it/],
    ['a staff line', 'Keywords: plan, billing', /, so no entry takes it: .*move it under the answer of its \*\*Q: \.\.\.\*\* line$/],
    ['a code block', '```sh\ncurl https://api.example.com/plans\n```', /, so it is never sent/],
  ])("%s under a heading before the section's first question, which was dropped without a word", (_what, text, fix) => {
    const run = () => parseFaq(`# Billing\n\n## Plans\n\n${text}\n\n**Q: Is it free?**\n\nYes.\n`, 'faq.md');
    expectContentError(run, 'faq.md', 5, /this is under "Plans" before its first \*\*Q: \.\.\.\*\* line, so/);
    expectContentError(run, 'faq.md', 5, fix);
  });

  it.each([
    ['"Also asked:" before the next heading', 'Also asked:\n- Is it free?\n\n## Refunds\n\n**Q: Refund?**\n\nYes.', 3],
    ['"Keywords:" at the end of the file', 'Keywords: plan, billing', 3],
    ['"Not about:" before a subheading', 'Not about: OIDC logout\n\n### Prices\n\n**Q: Refund?**\n\nYes.', 3],
    [
      "the digest's Also asked snippet",
      '<!-- add below the entry "Is it free?" (faq.md, line 9) -->\nAlso asked:\n- does it cost money',
      4,
    ],
  ])('staff lines under a heading with no question or prose (%s), which were dropped without a word', (_what, text, line) => {
    expectContentError(
      () => parseFaq(`## Plans\n\n${text}\n`, 'faq.md'),
      'faq.md',
      line,
      /this is under "Plans", which has no question and no prose of its own, so no entry takes it: .*move it under the answer of its \*\*Q: \.\.\.\*\* line$/,
    );
  });

  it('but not a note for staff alone under a heading, nor staff lines in a pointer section', () => {
    const markdown = '## Plans\n\n<!-- to do: the new plans -->\n\n## SCIM\n\nKeywords: scim\n\nSee the SCIM FAQ.\n';
    expect(parseFaq(markdown, 'faq.md')).toEqual([
      expect.objectContaining({ question: 'SCIM', answer: 'See the SCIM FAQ.', keywords: ['scim'] }),
    ]);
  });

  it('front matter below the first line, which was dropped with its base URL', () => {
    expectContentError(
      () => parseFaq('\n---\nbaseUrl: https://docs.example.com\n---\n\n**Q: Is it free?**\n\nYes.\n', 'faq.md'),
      'faq.md',
      2,
      /"---" here starts no front matter \(only on the file's first line does it\)/,
    );
  });

  it('but not front matter, blank lines and a title heading before the first entry', () => {
    const markdown = '---\ntitle: Billing\n---\n\n\n# Billing FAQ\n\n## Plans\n\n**Q: Is it free?**\n\nYes.\n';
    expect(parseFaq(markdown, 'faq.md')).toEqual([expect.objectContaining({ question: 'Is it free?', section: ['Billing FAQ', 'Plans'] })]);
  });

  it.each([
    ['Synonyms.md', 'synonyms.md'],
    ['synonym.md', 'synonyms.md'],
    ['hand-over.md', 'handover.md'],
  ])('a vocabulary or hand-over file named %s, which was read as FAQ entries (its lists sent as answers)', (name, meant) => {
    const files = [
      { file: 'faq.md', markdown: '**Q: Free?**\n\nYes.\n' },
      { file: name, markdown: '# Vocabulary\n\n## Identity\n\n- SSO = single sign-on\n' },
    ];
    expectContentError(
      () => assembleFaq(files),
      name,
      undefined,
      new RegExp(`named like ${meant.replace('.', '\\.')}: rename it ${meant.replace('.', '\\.')}`),
    );
  });

  it('a FAQ with no entries, located at its folder: the files it has are no place for questions', () => {
    const files = [
      { file: path.join('content', 'handover.md'), markdown: '## A complaint\n- complain*\n' },
      { file: path.join('content', 'synonyms.md'), markdown: '- OIN = Okta Integration Network\n' },
    ];
    // Before: "content/handover.md:1: the FAQ has no entries (add **Q: ...** lines with answers)", sending staff to write
    // questions into the hand-over phrases.
    expectContentError(
      () => assembleFaq(files),
      'content',
      undefined,
      /^content: the FAQ has no entries: handover\.md, synonyms\.md hold none.*add a \.md file of \*\*Q: \.\.\.\*\* lines with answers/,
    );
  });

  it.each([
    ['empty', ''],
    ['front matter only', '---\ntitle: Billing\n---\n'],
    ['headings only', '# Billing\n\n## Payments\n'],
  ])('an FAQ file that defines no entry (%s), whose answers were never sent', (_what, markdown) => {
    const files = [
      { file: 'faq.md', markdown: '**Q: Is it free?**\n\nYes.\n' },
      { file: 'billing.md', markdown },
    ];
    expectContentError(() => assembleFaq(files), 'billing.md', undefined, /^billing\.md: defines no FAQ entry.*\*\*Q: .*docs\/content\.md/);
  });

  // Mail asking the FAQ's own question would have gone to a person every time, never getting the answer written for it.
  it.each([
    // At the phrase's own line (before: the line of its reason, 6), the one to narrow.
    ['the question', '**Q: Can you refund an annual plan?**\n\nYes, within 30 days.\n', 7],
    [
      'a staff phrasing',
      '**Q: What does a plan cost?**\n\nSee the price list.\n\nAlso asked:\n- how much do you charge\n- can I get my money back\n',
      8,
    ],
  ])('a hand-over phrase that fires on %s of an entry', (_what, faq, line) => {
    const files = [
      { file: 'faq.md', markdown: faq },
      { file: 'handover.md', markdown: '# Hand-over\n\n## A legal matter\n- lawyer*\n\n## Money back\n- refund*\n- money back\n' },
    ];
    expectContentError(
      () => assembleFaq(files),
      'handover.md',
      line,
      /^handover\.md:[78]: the phrase "(refund\*|money back)" \(under "Money back"\) fires on the (question|phrasing) ".*" at faq\.md:1: mail asking it so would go to a person and never get that answer; narrow the phrase, or remove the \2 if/,
    );
  });

  it.each([
    ['Kind: fault', 2, /the kind "fault" is none of state, wish, opinion, fragment$/],
    ['Kind: state\nKind: wish', 3, /the reason "A complaint" already has the kind state$/],
  ])('a hand-over kind that is unknown or given twice (%j)', (lines, line, text) => {
    expectContentError(() => parseHandover(`## A complaint\n${lines}\n- complain*\n`, 'handover.md'), 'handover.md', line, text);
  });

  it('a hand-over kind before any reason', () => {
    expectContentError(
      () => parseHandover('Kind: state\n\n## A complaint\n- complain*\n', 'handover.md'),
      'handover.md',
      1,
      /"Kind: state": a kind belongs under a "## reason" heading$/,
    );
  });

  it('a hand-over heading other than ## (its phrases went to the reason above it, which staff were shown)', () => {
    expectContentError(
      () => parseHandover('## A complaint\n- complain*\n\n### A legal matter\n- lawyer*\n', 'handover.md'),
      'handover.md',
      4,
      /"### A legal matter": a hand-over reason is a "## " heading/,
    );
  });

  it.each(['a/', 'can/ someone check', 'please /check', 'can//could someone'])(
    'a hand-over phrase with an empty side of "/" (%j), which was dropped unseen (the phrase "a/" matched every "a")',
    (phrase) => {
      expectContentError(
        () => parseHandover(`## A legal matter\n- lawyer*\n- ${phrase}\n`, 'handover.md'),
        'handover.md',
        3,
        /: write a word on each side of "\/" \(can\/could\)$/,
      );
    },
  );

  // Each alone, or with "..." between, in nearly every mail: every mail would go to staff.
  it.each(['the', 'we', 'We', 'we/you', 'please*', 'help', 'can/could ... you', 'the ... of'])(
    'a hand-over phrase of words too common to tell mails apart (%j), none next to another',
    (phrase) => {
      expectContentError(
        () => parseHandover(`## A legal matter\n- lawyer*\n- ${phrase}\n`, 'handover.md'),
        'handover.md',
        3,
        /^handover\.md:3: the phrase ".*" would send nearly every mail to staff: .*stopwords\.ts.*"look into"/,
      );
    },
  );

  it('but not such words in a row, an idiom read in order ("look into", as content/handover.md has)', () => {
    const phrases = ['look into', 'please ... look into', 'was/is/were down', 'we need you to', 'whats going on'];
    const markdown = `## The writer asks us to act\n${phrases.map((p) => `- ${p}\n`).join('')}`;
    expect(parseHandover(markdown, 'handover.md')[0].cues).toEqual(phrases);
  });

  it.each([
    ['hand-over phrase', () => parseHandover('## A legal matter\n- lawyer*\n2. attorney*\n', 'handover.md'), 'handover.md', 3],
    ['synonym group', () => parseSynonyms('- OIN = integration network\n2. SSO = single sign-on\n', 'synonyms.md'), 'synonyms.md', 2],
  ])('a numbered %s, which was left out without a word', (_what, parse, file, line) => {
    expectContentError(parse, file, line, /is numbered: write it as a bullet \("- /);
  });

  // Markdown reads a line straight after a bullet as part of it. Before, the parsers dropped it: "lawyer" sent no mail to
  // staff, and the group held "Okta Integration" but not "Okta Integration Network".
  it.each([
    ['hand-over phrase', () => parseHandover('## A legal matter\n- legal team\nlawyer\n', 'handover.md'), 'handover.md', 3],
    ['synonym group', () => parseSynonyms('- OIN = Okta Integration\n  Network\n', 'synonyms.md'), 'synonyms.md', 2],
  ])('a %s wrapped onto a second line, whose end was dropped', (_what, parse, file, line) => {
    expectContentError(parse, file, line, /this line continues the bullet above \(Markdown reads the two as one\), and would be left out/);
  });

  it('but a note for staff after a blank line, or a comment, under the bullets', () => {
    const markdown =
      '## A legal matter\n- lawyer*\n<!-- from legal, 2026 -->\n\nMail from counsel.\n- attorney*\n## A complaint\nWhen unhappy.\n- complain*\n';
    expect(parseHandover(markdown, 'handover.md').map((rule) => rule.cues)).toEqual([['lawyer*', 'attorney*'], ['complain*']]);
    expect(parseSynonyms('- SSO = single sign-on\n\nMore to come.\n', 'synonyms.md')).toEqual([['SSO', 'single sign-on']]);
  });

  it('a synonym group with one term', () => {
    expectContentError(
      () => parseSynonyms('# Vocabulary\n\n- OIN = integration network\n- lonely\n', 'synonyms.md'),
      'synonyms.md',
      4,
      /at least two terms/,
    );
  });
});

describe('loadFaq reads the files as the editor wrote them, or says which one it cannot', () => {
  /** A content folder holding `files` (name to bytes), outside the project: loadFaq names its files by the path given. */
  function folder(files: Record<string, Buffer | null>): string {
    const dir = tempDir('faqmail-content-');
    for (const [name, bytes] of Object.entries(files)) {
      if (bytes === null) mkdirSync(path.join(dir, name));
      else writeFileSync(path.join(dir, name), bytes);
    }
    return dir;
  }
  const shown = (dir: string, name: string) => path.join(dir, name);

  it('a byte order mark (Windows editors write one) does not hide the first question', () => {
    const dir = folder({ 'faq.md': Buffer.from('\uFEFF**Q: First?**\n\nOne.\n\n**Q: Second?**\n\nTwo.\n') });
    expect(loadFaq(dir).entries.map((e) => e.question)).toEqual(['First?', 'Second?']);
  });

  it('a file that is not UTF-8 fails at the line of its first bad byte, not sent with replacement characters', () => {
    const dir = folder({ 'faq.md': Buffer.from('**Q: Open on Sunday?**\n\nThe caf\xe9 is.\n', 'latin1') });
    expectContentError(() => loadFaq(dir), shown(dir, 'faq.md'), 3, /not UTF-8.*save it as UTF-8/);
  });

  it('a folder without .md files, and a folder named like one, are each named in one line', () => {
    const empty = folder({ 'notes.txt': Buffer.from('x') });
    expectContentError(() => loadFaq(empty), shown(empty, ''), undefined, /^[^:]+: the FAQ content folder has no \.md files$/);
    const odd = folder({ 'faq.md': Buffer.from('**Q: A?**\n\nB.\n'), 'old.md': null });
    expectContentError(() => loadFaq(odd), shown(odd, 'old.md'), undefined, /: cannot read it \(it is a folder\)$/);
  });

  it('FAQ files it would not read (in a subfolder, or not named *.md) are named, not left out without a word', () => {
    const entry = Buffer.from('**Q: A?**\n\nB.\n');
    const nested = folder({ 'faq.md': entry, billing: null });
    writeFileSync(path.join(nested, 'billing', 'faq.md'), '**Q: C?**\n\nD.\n');
    expectContentError(
      () => loadFaq(nested),
      shown(nested, 'billing'),
      undefined,
      /: a folder of \.md files: only the \.md files directly in .* are read/,
    );
    for (const name of ['Billing.MD', 'billing.markdown']) {
      const misnamed = folder({ 'faq.md': entry, [name]: entry });
      expectContentError(
        () => loadFaq(misnamed),
        shown(misnamed, name),
        undefined,
        /: only files named \*\.md are read: rename it billing\.md/i,
      );
    }
  });
});

describe('parseSynonyms', () => {
  it('reads one group per bullet, separated by "=" or ","', () => {
    expect(
      parseSynonyms(
        '# Vocabulary\n\nProse for staff.\n\n- OIN = Okta Integration Network = app catalog\n* SLO, single logout\n',
        'synonyms.md',
      ),
    ).toEqual([
      ['OIN', 'Okta Integration Network', 'app catalog'],
      ['SLO', 'single logout'],
    ]);
  });
});

// Mutation testing of handoverAsked: the test below failed with the mutation its comment names applied.
describe('a hand-over phrase that fires on an entry: what mutation testing found unpinned', () => {
  it('says whether it fired on the question or on a staff phrasing, and quotes which', () => {
    // Mutant: the error always says "question" (staff looked for the phrase in the question and found none).
    const files = [
      { file: 'faq.md', markdown: '**Q: What does a plan cost?**\n\nSee the price list.\n\nAlso asked:\n- can I get my money back\n' },
      { file: 'handover.md', markdown: '# Hand-over\n\n## Money back\n- money back\n' },
    ];
    expectContentError(
      () => assembleFaq(files),
      'handover.md',
      4,
      /fires on the phrasing "can I get my money back" at faq\.md:1: .* or remove the phrasing if a person should answer it$/,
    );
  });
});
