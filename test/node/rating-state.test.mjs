// src/rating/state.ts is the rating's life as a pure state machine: every transition of `reduce`
// and every selector the element renders through, without a browser. Node cannot import .ts, so
// the module is bundled with esbuild first (scripts/import-ts.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { bundleTs, importTs } from '../../scripts/import-ts.mjs';

/** @type {typeof import('../../src/rating/state.ts')} */
let S;
let source = '';

before(async () => {
  S = await importTs('src/rating/state.ts');
  source = await bundleTs('src/rating/state.ts');
});

const RULES = { maxComment: 10, reasonOptional: false, allowFollowUp: false };
/** A configured, untouched form. */
const fresh = (rules = {}) => S.reduce(S.initialState, { type: 'configured', rules: { ...RULES, ...rules } });
/** Applies `actions` in turn. */
const run = (state, ...actions) => actions.reduce((s, a) => S.reduce(s, a), state);
const choose = (choice) => ({ type: 'choose', choice });
const comment = (text) => ({ type: 'editComment', comment: text });
const submit = (extra = {}) => ({ type: 'submitRequested', levelsHidden: false, piiConfirmed: false, ...extra });
/** A rating on its way: chosen 5, submitted, sending as `id`. */
const sending = (id = 'r1', rules) => run(fresh(rules), choose(5), submit(), { type: 'sendStarted', id });
const outcome = (kind, extra = {}) => ({ type: 'outcome', id: 'r1', kind, ...extra });

test('the module is DOM-free: no document, window, navigator or location in its bundle', () => {
  assert.doesNotMatch(source, /\b(document|window|navigator|location|HTMLElement|customElements)\b/);
});

test('initial state: editing, nothing chosen, nothing pending, no thank-you screen', () => {
  const s = S.initialState;
  assert.equal(s.phase, 'editing');
  assert.equal(s.choice, undefined);
  assert.deepEqual(s.tags, []);
  assert.equal(s.comment, '');
  assert.equal(s.pending, undefined);
  assert.deepEqual(s.handedOff, []);
  assert.equal(s.thanking, false);
});

test('reduce returns the same state for an action that changes nothing (no needless re-render)', () => {
  const s = fresh();
  assert.equal(S.reduce(s, { type: 'queued', id: 'other', durable: true }), s);
  assert.equal(S.reduce(s, outcome('sent', { status: 200 })), s);
  assert.equal(S.reduce(s, { type: 'enqueued', times: 1 }), s, 'no transaction known: nothing to count');
});

test('configured: the rules are taken, the rest of the state is kept', () => {
  const s = run(S.initialState, choose(3), { type: 'configured', rules: { ...RULES, maxComment: 42 } });
  assert.equal(s.rules.maxComment, 42);
  assert.equal(s.choice, 3);
});

test('choose: sets the choice; tags stay within one side and are cleared across sides', () => {
  let s = run(fresh(), choose(5), { type: 'toggleTag', code: 'G1', checked: true });
  assert.equal(s.choice, 5);
  s = S.reduce(s, choose(4));
  assert.deepEqual(s.tags, ['G1'], '5 → 4: both positive, tags kept');
  s = S.reduce(s, choose(2));
  assert.equal(s.choice, 2);
  assert.deepEqual(s.tags, [], '4 → 2: positive to negative, tags cleared');
  s = run(s, { type: 'toggleTag', code: 'B1', checked: true }, choose(1));
  assert.deepEqual(s.tags, ['B1'], '2 → 1: both negative, kept');
  s = S.reduce(s, choose(4));
  assert.deepEqual(s.tags, [], '1 → 4: negative to positive, cleared');
});

test('choose: level 3 shares the negative tag side (tagVerdictOf), so its tags survive 3 ↔ 2', () => {
  const s = run(fresh(), choose(3), { type: 'toggleTag', code: 'B1', checked: true }, choose(2));
  assert.deepEqual(s.tags, ['B1']);
  const g = run(fresh(), choose('good'), { type: 'toggleTag', code: 'G1', checked: true }, choose('bad'));
  assert.deepEqual(g.tags, [], 'good-bad: 好评 → 差评 clears');
});

test('toggleTag: checking adds at the end, unchecking removes, checking twice does not duplicate', () => {
  let s = run(fresh(), choose(5), { type: 'toggleTag', code: 'A', checked: true }, { type: 'toggleTag', code: 'B', checked: true });
  assert.deepEqual(s.tags, ['A', 'B']);
  s = S.reduce(s, { type: 'toggleTag', code: 'A', checked: true });
  assert.deepEqual(s.tags, ['B', 'A']);
  s = S.reduce(s, { type: 'toggleTag', code: 'B', checked: false });
  assert.deepEqual(s.tags, ['A']);
});

test('editComment: sets the comment; without a PII warning shown, none appears while typing', () => {
  const s = run(fresh(), comment('13812345678'));
  assert.equal(s.comment, '13812345678');
  assert.equal(s.pii, undefined, 'new warnings wait for 提交');
});

test('editComment: a PII warning shown follows the comment, and goes once the data is removed', () => {
  let s = run(fresh({ maxComment: 100 }), choose(5), comment('电话13812345678 a@b.cn'), submit());
  assert.deepEqual(s.pii.map((f) => f.kind).sort(), ['email', 'mobile']);
  s = S.reduce(s, comment('电话13812345678'));
  assert.deepEqual(s.pii.map((f) => f.kind), ['mobile']);
  s = S.reduce(s, comment('电话'));
  assert.equal(s.pii, undefined);
});

test('edits: an error shown goes away once fixed, and changes to the next problem meanwhile', () => {
  let s = run(fresh(), submit());
  assert.equal(s.error, 'needLevel');
  s = S.reduce(s, choose(1));
  assert.equal(s.error, 'needReason', 'a level now, but 非常不满意 needs a reason');
  s = S.reduce(s, { type: 'toggleTag', code: 'B1', checked: true });
  assert.equal(s.error, undefined);
  s = S.reduce(s, { type: 'toggleTag', code: 'B1', checked: false });
  assert.equal(s.error, undefined, 'a new problem waits for the next 提交');
});

test('edits: a too-long comment error goes once the comment fits', () => {
  let s = run(fresh(), choose(5), comment('x'.repeat(11)), submit());
  assert.equal(s.error, 'commentTooLong');
  s = S.reduce(s, comment('x'.repeat(10)));
  assert.equal(s.error, undefined);
});

test('edits: a hidden-level error is re-judged by the form rules at the next edit', () => {
  let s = run(fresh(), choose(5), submit({ levelsHidden: true }));
  assert.equal(s.error, 'levelsHidden');
  s = S.reduce(s, comment('ok'));
  assert.equal(s.error, undefined);
});

test('submitRequested: needLevel, commentTooLong (counted in code points), needReason in that order', () => {
  assert.equal(run(fresh(), comment('x'.repeat(20)), submit()).error, 'needLevel');
  assert.equal(run(fresh(), choose(1), comment('x'.repeat(11)), submit()).error, 'commentTooLong');
  assert.equal(run(fresh(), choose(5), comment('😀'.repeat(10)), submit()).error, undefined, '10 emoji are 10 characters');
  assert.equal(run(fresh(), choose(1), submit()).error, 'needReason');
  assert.equal(run(fresh(), choose(2), comment('   '), submit()).error, 'needReason', 'a blank comment is no reason');
  assert.equal(run(fresh(), choose('bad'), submit()).error, 'needReason');
});

test('submitRequested: a reason is a tag or a comment; reason-optional lifts it; good levels need none', () => {
  assert.equal(run(fresh(), choose(1), comment('slow'), submit()).error, undefined);
  assert.equal(run(fresh(), choose(1), { type: 'toggleTag', code: 'B', checked: true }, submit()).error, undefined);
  assert.equal(run(fresh({ reasonOptional: true }), choose(1), submit()).error, undefined);
  assert.equal(run(fresh(), choose(3), submit()).error, undefined, '3 counts as good for the reason rule');
  assert.equal(run(fresh(), choose('good'), submit()).error, undefined);
});

test('submitRequested: levelsHidden wins over every other problem and leaves a PII warning as it was', () => {
  const withPii = run(fresh(), choose(5), comment('a@b.cn'), submit());
  const s = S.reduce(withPii, submit({ levelsHidden: true }));
  assert.equal(s.error, 'levelsHidden');
  assert.equal(s.pii, withPii.pii);
  assert.equal(run(fresh(), submit({ levelsHidden: true })).error, 'levelsHidden');
});

test('submitRequested: PII found sets the warning; 仍然提交 (piiConfirmed) clears it; clean comments have none', () => {
  const s = run(fresh(), choose(5), comment('a@b.cn'), submit());
  assert.equal(s.error, undefined);
  assert.equal(s.pii.length, 1);
  assert.equal(s.pii[0].kind, 'email');
  assert.equal(S.reduce(s, submit({ piiConfirmed: true })).pii, undefined);
  assert.equal(run(fresh(), choose(5), comment('fine'), submit()).pii, undefined);
});

test('submitRequested: a form error keeps the PII warning as it was', () => {
  const s = run(fresh(), choose(5), comment('a@b.cn'), submit(), comment('a@b.cn' + 'x'.repeat(10)), submit());
  assert.equal(s.error, 'commentTooLong');
  assert.equal(s.pii.length, 1);
});

test('submitRequested: ignored unless editing', () => {
  const s = sending();
  assert.equal(S.reduce(s, submit({ levelsHidden: true })), s);
});

test('sendStarted: sending, pending id, durability unknown', () => {
  const s = run(sending('r1'), { type: 'queued', id: 'r1', durable: false }, { type: 'sendStarted', id: 'r2' });
  assert.equal(s.phase, 'sending');
  assert.equal(s.pending, 'r2');
  assert.equal(s.durable, undefined);
});

test('queued: records durability of this widget\'s rating only', () => {
  assert.equal(S.reduce(sending('r1'), { type: 'queued', id: 'r1', durable: true }).durable, true);
  assert.equal(S.reduce(sending('r1'), { type: 'queued', id: 'r1', durable: false }).durable, false);
  assert.equal(S.reduce(sending('r1'), { type: 'queued', id: 'r9', durable: true }).durable, undefined);
});

test('enqueued: counts the rating or 追评 for the known transaction', () => {
  const s = run(fresh(), { type: 'ratedLookup', key: 'k' }, { type: 'enqueued', times: 1 });
  assert.deepEqual(s.rated, { key: 'k', times: 1 });
  assert.equal(S.reduce(s, { type: 'enqueued', times: 2 }).rated.times, 2);
});

test('queueFull: full, nothing pending', () => {
  const s = S.reduce(sending(), { type: 'queueFull' });
  assert.equal(s.phase, 'full');
  assert.equal(s.pending, undefined);
});

test('outcome sent: sent, its status, nothing pending', () => {
  const s = S.reduce(sending(), outcome('sent', { status: 201 }));
  assert.equal(s.phase, 'sent');
  assert.equal(s.status, 201);
  assert.equal(s.pending, undefined);
});

test('outcome refused: refused and settled; 409 already-rated shows as rated', () => {
  const refused = S.reduce(sending(), outcome('refused', { status: 422, code: 'refused' }));
  assert.equal(refused.phase, 'refused');
  assert.equal(refused.pending, undefined);
  const rated = S.reduce(sending(), outcome('refused', { status: 409, code: 'already-rated' }));
  assert.equal(rated.phase, 'rated');
  assert.equal(rated.status, 409);
  assert.equal(rated.pending, undefined);
});

test('outcome retry: durable → queued (saved), otherwise retryable; still pending', () => {
  const durable = run(sending(), { type: 'queued', id: 'r1', durable: true }, outcome('retry', { status: 503 }));
  assert.equal(durable.phase, 'queued');
  assert.equal(durable.pending, 'r1');
  const memory = run(sending(), { type: 'queued', id: 'r1', durable: false }, outcome('retry'));
  assert.equal(memory.phase, 'retryable');
  assert.equal(memory.status, undefined);
  assert.equal(S.reduce(sending(), outcome('retry', { status: 500 })).phase, 'retryable', 'durability unknown: not said to be saved');
});

test('outcome paused: paused, still pending', () => {
  const s = S.reduce(sending(), outcome('paused', { status: 401 }));
  assert.equal(s.phase, 'paused');
  assert.equal(s.status, 401);
  assert.equal(s.pending, 'r1');
});

test('outcome: another rating\'s result changes nothing', () => {
  const s = sending('r1');
  assert.equal(S.reduce(s, { type: 'outcome', id: 'r2', kind: 'sent', status: 200 }), s);
});

test('outcome of a handed-off rating: forgotten once final, kept while it is retried; the screen is untouched', () => {
  const handed = run(sending('r1'), { type: 'freshForm' });
  assert.deepEqual(handed.handedOff, ['r1']);
  const retried = S.reduce(handed, outcome('retry', { status: 503 }));
  assert.equal(retried, handed);
  const done = S.reduce(handed, outcome('sent', { status: 200 }));
  assert.deepEqual(done.handedOff, []);
  assert.equal(done.phase, 'editing');
  assert.equal(done.status, undefined);
  assert.deepEqual(S.reduce(handed, outcome('refused', { status: 400, code: 'refused' })).handedOff, []);
});

test('retryStarted / retryEnded: sending meanwhile; the phase before comes back when nothing was attempted', () => {
  const queued = run(sending(), { type: 'queued', id: 'r1', durable: true }, outcome('retry', { status: 503 }));
  const retrying = S.reduce(queued, { type: 'retryStarted' });
  assert.equal(retrying.phase, 'sending');
  assert.equal(S.reduce(retrying, { type: 'retryEnded', before: 'queued' }).phase, 'queued');
  // An attempt settled it meanwhile: its result stays.
  const sent = run(retrying, outcome('sent', { status: 200 }), { type: 'retryEnded', before: 'queued' });
  assert.equal(sent.phase, 'sent');
  // Retried again (not settled) but the phase moved on: kept.
  const busy = run(retrying, outcome('retry', { status: 500 }), { type: 'retryEnded', before: 'paused' });
  assert.equal(busy.phase, 'queued');
});

test('ratedLookup: a new transaction starts at 0, the same one is kept, none clears it', () => {
  let s = S.reduce(fresh(), { type: 'ratedLookup', key: 'k1' });
  assert.deepEqual(s.rated, { key: 'k1', times: 0 });
  s = run(s, { type: 'alreadyRatedKnown', key: 'k1', times: 1 });
  assert.equal(S.reduce(s, { type: 'ratedLookup', key: 'k1' }), s);
  assert.deepEqual(S.reduce(s, { type: 'ratedLookup', key: 'k2' }).rated, { key: 'k2', times: 0 });
  assert.equal(S.reduce(s, { type: 'ratedLookup' }).rated, undefined);
});

test('alreadyRatedKnown: an untouched form gives way to “already rated”; a touched one does not', () => {
  const lookup = S.reduce(fresh(), { type: 'ratedLookup', key: 'k' });
  const rated = S.reduce(lookup, { type: 'alreadyRatedKnown', key: 'k', times: 1 });
  assert.equal(rated.phase, 'rated');
  assert.deepEqual(rated.rated, { key: 'k', times: 1 });
  const touched = run(lookup, choose(4), { type: 'alreadyRatedKnown', key: 'k', times: 1 });
  assert.equal(touched.phase, 'editing');
  assert.equal(touched.rated.times, 1);
  const never = S.reduce(lookup, { type: 'alreadyRatedKnown', key: 'k', times: 0 });
  assert.equal(never.phase, 'editing');
});

test('alreadyRatedKnown: a stale answer (another transaction) is dropped', () => {
  const s = run(fresh(), { type: 'ratedLookup', key: 'k1' }, { type: 'ratedLookup', key: 'k2' });
  assert.equal(S.reduce(s, { type: 'alreadyRatedKnown', key: 'k1', times: 2 }), s);
});

test('followUp: back to the form, marked as the 追评', () => {
  const rated = run(fresh({ allowFollowUp: true }), { type: 'ratedLookup', key: 'k' }, { type: 'alreadyRatedKnown', key: 'k', times: 1 });
  const s = S.reduce(rated, { type: 'followUp' });
  assert.equal(s.phase, 'editing');
  assert.equal(s.rated.followUp, true);
  assert.equal(S.reduce(fresh(), { type: 'followUp' }).phase, 'editing', 'no transaction: nothing to follow up');
  assert.equal(S.reduce(fresh(), { type: 'followUp' }).rated, undefined);
});

test('thank: the kiosk thank-you screen shows', () => {
  assert.equal(S.reduce(sending(), { type: 'thank' }).thanking, true);
});

test('freshForm: the last citizen\'s rating goes, its pending id is handed off; rules and transaction stay', () => {
  const before = run(
    sending('r1', { maxComment: 7 }),
    { type: 'ratedLookup', key: 'k' },
    { type: 'queued', id: 'r1', durable: true },
    outcome('retry', { status: 503 }),
    { type: 'thank' },
  );
  const s = S.reduce(before, { type: 'freshForm' });
  assert.equal(s.phase, 'editing');
  assert.equal(s.choice, undefined);
  assert.deepEqual(s.tags, []);
  assert.equal(s.comment, '');
  assert.equal(s.error, undefined);
  assert.equal(s.pii, undefined);
  assert.equal(s.status, undefined);
  assert.equal(s.durable, undefined);
  assert.equal(s.pending, undefined);
  assert.equal(s.thanking, false);
  assert.deepEqual(s.handedOff, ['r1']);
  assert.equal(s.rules.maxComment, 7);
  assert.equal(s.rated.key, 'k');
  assert.deepEqual(S.reduce(s, { type: 'freshForm' }).handedOff, ['r1'], 'nothing pending: nothing more handed off');
});

test('listening: while a rating of this widget is pending or handed-off ones are on their way', () => {
  assert.equal(S.listening(fresh()), false);
  assert.equal(S.listening(sending()), true);
  assert.equal(S.listening(S.reduce(sending(), outcome('sent', { status: 200 }))), false);
  const handed = run(sending(), { type: 'freshForm' });
  assert.equal(S.listening(handed), true);
  assert.equal(S.listening(S.reduce(handed, outcome('sent', { status: 200 }))), false);
});

test('statusMessage: one key per phase, with the HTTP status (— when unknown)', () => {
  const key = (s) => S.statusMessage(s)?.key;
  assert.equal(S.statusMessage(fresh()), undefined, 'editing: no status');
  assert.equal(key(sending()), 'sending', 'durability unknown yet');
  assert.equal(key(S.reduce(sending(), { type: 'queued', id: 'r1', durable: true })), 'sending');
  assert.equal(key(S.reduce(sending(), { type: 'queued', id: 'r1', durable: false })), 'sendingUnsaved', 'never 已保存 for memory');
  const durable = S.reduce(sending(), { type: 'queued', id: 'r1', durable: true });
  assert.equal(key(S.reduce(durable, outcome('retry', { status: 503 }))), 'queued');
  assert.equal(key(S.reduce(sending(), { type: 'queueFull' })), 'full');
  assert.equal(key(S.reduce(sending(), outcome('sent', { status: 200 }))), 'sent');
  assert.deepEqual(S.statusMessage(S.reduce(sending(), outcome('retry', { status: 503 }))), { key: 'serverBusy', status: 503 });
  assert.deepEqual(S.statusMessage(S.reduce(sending(), outcome('retry'))), { key: 'retryable', status: '—' });
  assert.deepEqual(S.statusMessage(S.reduce(sending(), outcome('paused', { status: 403 }))), { key: 'paused', status: 403 });
  assert.deepEqual(S.statusMessage(S.reduce(sending(), outcome('refused', { status: 400, code: 'refused' }))), { key: 'refused', status: 400 });
});

test('statusMessage: rated says final unless one 追评 is still allowed', () => {
  const rated = (times, allowFollowUp) =>
    S.statusMessage(run(fresh({ allowFollowUp }), { type: 'ratedLookup', key: 'k' }, { type: 'alreadyRatedKnown', key: 'k', times })).key;
  assert.equal(rated(1, true), 'alreadyRated');
  assert.equal(rated(1, false), 'alreadyRatedFinal');
  assert.equal(rated(2, true), 'alreadyRatedFinal');
  // 409 from the server without local memory of the transaction: final unless follow-up is allowed.
  assert.equal(S.statusMessage(S.reduce(sending('r1', { allowFollowUp: false }), outcome('refused', { status: 409, code: 'already-rated' }))).key, 'alreadyRatedFinal');
});

test('statusMessage: the kiosk thank-you screen overrides the phase', () => {
  assert.equal(S.statusMessage(run(sending(), outcome('sent', { status: 200 }), { type: 'thank' })).key, 'kioskThanks');
});

test('actions: 追评 for a transaction rated once with allow-follow-up; 重新提交 while retryable, queued or paused', () => {
  const rated = (times, allowFollowUp) => run(fresh({ allowFollowUp }), { type: 'ratedLookup', key: 'k' }, { type: 'alreadyRatedKnown', key: 'k', times });
  assert.deepEqual(S.actions(rated(1, true)), { followUp: true, retry: false });
  assert.equal(S.actions(rated(2, true)).followUp, false);
  assert.equal(S.actions(rated(1, false)).followUp, false);
  assert.deepEqual(S.actions(fresh()), { followUp: false, retry: false });
  assert.equal(S.actions(S.reduce(sending(), outcome('retry'))).retry, true);
  assert.equal(S.actions(run(sending(), { type: 'queued', id: 'r1', durable: true }, outcome('retry'))).retry, true);
  assert.equal(S.actions(S.reduce(sending(), outcome('paused', { status: 401 }))).retry, true);
  assert.equal(S.actions(sending()).retry, false);
  assert.equal(S.actions(S.reduce(sending(), outcome('sent', { status: 200 }))).retry, false);
  assert.equal(S.actions(S.reduce(sending(), { type: 'queueFull' })).retry, false);
  const thanking = run(sending(), { type: 'queued', id: 'r1', durable: true }, outcome('retry'), { type: 'thank' });
  assert.deepEqual(S.actions(thanking), { followUp: false, retry: false }, 'the thank-you screen has no buttons');
  assert.equal(S.actions(S.reduce(rated(1, true), { type: 'thank' })).followUp, false);
});

test('formShown: only while editing', () => {
  assert.equal(S.formShown(fresh()), true);
  assert.equal(S.formShown(sending()), false);
  assert.equal(S.formShown(S.reduce(sending(), outcome('sent', { status: 200 }))), false);
});

test('tagsShown and tagVerdict: tags follow the choice, once the catalog is known', () => {
  assert.equal(S.tagsShown(fresh(), false), false);
  assert.equal(S.tagsShown(S.reduce(fresh(), choose(4)), false), true);
  assert.equal(S.tagsShown(S.reduce(fresh(), choose(4)), true), false, 'tags-src still loading');
  assert.equal(S.tagVerdict(fresh()), undefined);
  assert.equal(S.tagVerdict(S.reduce(fresh(), choose(4))), 'good');
  assert.equal(S.tagVerdict(S.reduce(fresh(), choose(3))), 'bad');
  assert.equal(S.tagVerdict(S.reduce(fresh(), choose('bad'))), 'bad');
});

test('fieldErrors: each field says only its own error', () => {
  const e = (s) => S.fieldErrors(s);
  assert.deepEqual(e(fresh()), { level: undefined, levelInvalid: false, reason: false, over: false, comment: false });
  assert.deepEqual(e(run(fresh(), submit())), { level: 'needLevel', levelInvalid: true, reason: false, over: false, comment: false });
  const hidden = e(run(fresh(), choose(5), submit({ levelsHidden: true })));
  assert.equal(hidden.level, 'levelsHidden');
  assert.equal(hidden.levelInvalid, false, 'a hidden level is the page\'s fault: the group is not marked invalid');
  assert.equal(e(run(fresh(), choose(1), submit())).reason, true);
  const long = run(fresh(), choose(5), comment('x'.repeat(11)));
  assert.deepEqual(e(long), { level: undefined, levelInvalid: false, reason: false, over: true, comment: false }, 'over, but no error until 提交');
  assert.equal(e(S.reduce(long, submit())).comment, true);
  assert.equal(e(run(fresh(), choose(5), comment('a@b.cn'), submit())).comment, true, 'a PII warning marks the comment');
});

test('problem: what keeps the form from being submitted', () => {
  assert.equal(S.problem(fresh()), 'needLevel');
  assert.equal(S.problem(S.reduce(fresh(), choose(5))), undefined);
  assert.equal(S.problem(run(fresh(), choose(5), comment('x'.repeat(11)))), 'commentTooLong');
  assert.equal(S.problem(S.reduce(fresh(), choose(2))), 'needReason');
});

test('commentLength counts code points, not UTF-16 units', () => {
  assert.equal(S.commentLength(S.reduce(fresh(), comment('😀a'))), 2);
});

test('choiceValues: five levels from 5 down, or 好评/差评', () => {
  assert.deepEqual([...S.choiceValues('five-level')], [5, 4, 3, 2, 1]);
  assert.deepEqual([...S.choiceValues('good-bad')], ['good', 'bad']);
});

test('nextLevel: arrows wrap, follow the writing direction; Home/End; other keys -1', () => {
  assert.equal(S.nextLevel('ArrowDown', 0, 5, false), 1);
  assert.equal(S.nextLevel('ArrowRight', 4, 5, false), 0, 'wraps at the end');
  assert.equal(S.nextLevel('ArrowUp', 0, 5, false), 4, 'wraps at the start');
  assert.equal(S.nextLevel('ArrowLeft', 2, 5, false), 1);
  assert.equal(S.nextLevel('ArrowRight', 2, 5, true), 1, 'right-to-left: right goes back');
  assert.equal(S.nextLevel('ArrowLeft', 2, 5, true), 3);
  assert.equal(S.nextLevel('ArrowDown', 2, 5, true), 3, 'down is forward in both directions');
  assert.equal(S.nextLevel('Home', 3, 5, false), 0);
  assert.equal(S.nextLevel('End', 0, 2, false), 1);
  assert.equal(S.nextLevel('Enter', 0, 5, false), -1);
  assert.equal(S.nextLevel('a', 0, 5, false), -1);
});

test('retryEnded: without a rating of its own pending, the phase is left as it is', () => {
  const s = run(fresh(), { type: 'retryStarted' }, { type: 'retryEnded', before: 'queued' });
  assert.equal(s.phase, 'sending');
});

test('reduce is pure: it never changes the state it is given', () => {
  const freeze = (o) => {
    if (o && typeof o === 'object' && !Object.isFrozen(o)) Object.values(Object.freeze(o)).forEach(freeze);
    return o;
  };
  const actions = [
    choose(1),
    { type: 'toggleTag', code: 'B', checked: true },
    comment('a@b.cn'),
    submit(),
    comment('fine'),
    submit({ piiConfirmed: true }),
    { type: 'ratedLookup', key: 'k' },
    { type: 'sendStarted', id: 'r1' },
    { type: 'queued', id: 'r1', durable: true },
    { type: 'enqueued', times: 1 },
    outcome('retry', { status: 503 }),
    { type: 'retryStarted' },
    { type: 'retryEnded', before: 'queued' },
    { type: 'thank' },
    { type: 'freshForm' },
    outcome('sent', { status: 200 }),
    { type: 'alreadyRatedKnown', key: 'k', times: 1 },
    { type: 'followUp' },
    { type: 'queueFull' },
  ];
  let s = freeze(fresh());
  for (const action of actions) s = freeze(S.reduce(s, freeze(action)));
  assert.equal(s.phase, 'full');
});
