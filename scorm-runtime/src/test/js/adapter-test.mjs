// Runs the browser's data model and adapter under node (invoked by AdapterScriptTest).
// usage: node adapter-test.mjs <assets/scorm dir> <dir with scorm12.json, scorm2004.json> <cases.json>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [assets, models, casesFile] = process.argv.slice(2);
const { DataModel } = await import(pathToFileURL(join(assets, 'cmi-model.js')).href);
const { ScormAdapter, apiFacade, navigationRequest } = await import(pathToFileURL(join(assets, 'scorm-adapter.js')).href);
const { sendCommit, KEEPALIVE_BYTES } = await import(pathToFileURL(join(assets, 'scorm-transport.js')).href);
const definitions = {
  '1.2': JSON.parse(readFileSync(join(models, 'scorm12.json'), 'utf8')),
  2004: JSON.parse(readFileSync(join(models, 'scorm2004.json'), 'utf8')),
};
const { expect, done } = await import(process.env.MANABI_CHECKS);

// 1. The shared spec cases, exactly as the Java DataModel answers them.
/** A definition with a case's limits (only those given differ), as the server serves a configured one. */
function withLimits(definition, limits) {
  if (!limits) return definition;
  const base = definition.limits;
  return { ...definition, limits: { ...base, ...limits, records: { ...base.records, ...(limits.records || {}) } } };
}
for (const c of JSON.parse(readFileSync(casesFile, 'utf8'))) {
  const dm = new DataModel(withLimits(definitions[c.model], c.limits));
  const values = new Map(c.given.map(([k, v]) => [k, v]));
  const before = JSON.stringify([...values]);
  const label = `${c.model} ${c.op} ${c.element} ${c.note}`;
  if (c.op === 'get') {
    const r = dm.getValue(values, c.element);
    expect(label, r.error, c.expect);
    if (c.expectValue !== undefined) expect(`${label} value`, r.value, c.expectValue);
  } else {
    const error = dm.setValue(values, c.element, c.value);
    expect(label, error, c.expect);
    if (error) expect(`${label} nothing stored`, JSON.stringify([...values]), before);
  }
}

// 2. API state machine, SCORM 2004 RTE 3.1.7 codes.
function fakeServer() {
  const server = { last: 0, commits: [], respond: null };
  server.transport = async (body) => {
    server.commits.push(body);
    if (server.respond) return server.respond(body);
    if (body.sequence <= server.last) return { ok: false, status: 409, body: { code: 'scorm-commit-stale' } };
    server.last = body.sequence;
    return { ok: true, status: 200, body: {} };
  };
  return server;
}
{
  const server = fakeServer();
  let terminated = null;
  const a = new ScormAdapter(definitions[2004], { session: 's1', sequence: 0, values: { 'cmi.learner_id': 'alice' } },
    { transport: server.transport, onTerminate: (x) => { terminated = x; } });
  const api = a.api();
  expect('2004 GetValue before Initialize', api.GetValue('cmi.learner_id'), '');
  expect('2004 error 122', api.GetLastError(), '122');
  expect('2004 SetValue before Initialize', [api.SetValue('cmi.location', 'x'), api.GetLastError()], ['false', '132']);
  expect('2004 Commit before Initialize', [api.Commit(''), api.GetLastError()], ['false', '142']);
  expect('2004 Terminate before Initialize', [api.Terminate(''), api.GetLastError()], ['false', '112']);
  expect('2004 Initialize with argument', [api.Initialize('x'), api.GetLastError()], ['false', '201']);
  expect('2004 Initialize', [api.Initialize(''), api.GetLastError()], ['true', '0']);
  expect('2004 Initialize twice', [api.Initialize(''), api.GetLastError()], ['false', '103']);
  expect('2004 GetValue', api.GetValue('cmi.learner_id'), 'alice');
  expect('2004 GetErrorString', api.GetErrorString('406'), 'Data Model Element Type Mismatch');
  expect('2004 bad SetValue', [api.SetValue('cmi.score.scaled', '2'), api.GetLastError()], ['false', '407']);
  expect('2004 GetDiagnostic has text', api.GetDiagnostic('407').length > 0, true);
  expect('2004 SetValue', api.SetValue('cmi.location', 'p1'), 'true');
  expect('2004 SetValue 2', api.SetValue('cmi.location', 'p2'), 'true');
  expect('2004 only valid calls are pending', a.pending.map((p) => p.value), ['p1', 'p2']);
  expect('2004 Commit', api.Commit(''), 'true');
  await a.settled();
  expect('2004 commit carries calls in order', server.commits[0].sets, [{ element: 'cmi.location', value: 'p1' }, { element: 'cmi.location', value: 'p2' }]);
  expect('2004 commit sequence', server.commits[0].sequence, 1);
  expect('2004 acknowledged calls are dropped', a.pending.length, 0);
  api.SetValue('adl.nav.request', 'continue');
  expect('2004 Terminate', api.Terminate(''), 'true');
  expect('2004 navigation request handed to the player', terminated, { navRequest: 'continue' });
  await a.settled();
  expect('2004 terminate commit', [server.commits[1].terminate, server.commits[1].sequence], [true, 2]);
  expect('2004 after Terminate GetValue', [api.GetValue('cmi.location'), api.GetLastError()], ['', '123']);
  expect('2004 after Terminate SetValue', [api.SetValue('cmi.location', 'x'), api.GetLastError()], ['false', '133']);
  expect('2004 after Terminate Commit', [api.Commit(''), api.GetLastError()], ['false', '143']);
  expect('2004 Terminate twice', [api.Terminate(''), api.GetLastError()], ['false', '113']);
  expect('2004 Initialize after Terminate', [api.Initialize(''), api.GetLastError()], ['false', '104']);
}

// The player closed the SCO for the learner's navigation request: the terminating commit says so (SN 5.4), no
// other commit does.
{
  const server = fakeServer();
  const a = new ScormAdapter(definitions[2004], { session: 's1', sequence: 0, values: {} }, { transport: server.transport });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.location', 'p1');
  api.Commit('');
  await a.settled();
  a.learnerNavigation = true;
  api.SetValue('adl.nav.request', 'exitAll');
  api.Terminate('');
  await a.settled();
  expect('learner navigation pending: only on the terminating commit',
    server.commits.map((c) => [c.terminate, c.learnerNavigation ?? false]), [[false, false], [true, true]]);
}

// 3. Lost response: the next commit re-sends everything since the last acknowledgement.
{
  const server = fakeServer();
  let drop = true;
  server.respond = (body) => {
    if (drop) { drop = false; throw new Error('network down'); }
    server.last = body.sequence;
    return { ok: true, status: 200, body: {} };
  };
  const a = new ScormAdapter(definitions[2004], { session: 's1', sequence: 5, values: {} }, { transport: server.transport });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.suspend_data', 'A');
  api.Commit('');
  await a.settled();
  expect('lost commit keeps its calls', a.pending.length, 1);
  api.SetValue('cmi.location', 'L');
  api.Commit('');
  await a.settled();
  expect('retry has a higher sequence', server.commits.map((c) => c.sequence), [6, 7]);
  expect('retry carries both calls', server.commits[1].sets.map((s) => s.value), ['A', 'L']);
  expect('all acknowledged', a.pending.length, 0);
}

// 4. Another tab took over: Commit fails with 391 and the player is told.
{
  const server = fakeServer();
  server.respond = () => ({ ok: false, status: 409, body: { code: 'scorm-session-superseded', message: 'opened elsewhere' } });
  let problem = null;
  const a = new ScormAdapter(definitions[2004], { session: 's1', sequence: 0, values: {} }, { transport: server.transport, onProblem: (p) => { problem = p; } });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.location', 'x');
  api.Commit('');
  await a.settled();
  expect('superseded reported', problem?.code, 'scorm-session-superseded');
  expect('next Commit fails', [api.Commit(''), api.GetLastError()], ['false', '391']);
  expect('Terminate fails with 111', [api.Terminate(''), api.GetLastError()], ['false', '111']);
  expect('the refusal is the diagnostic', api.GetDiagnostic(''), 'opened elsewhere');
  await a.close();
  expect('nothing more is sent', server.commits.length, 1);
}
{
  const server = fakeServer();
  server.respond = () => ({ ok: false, status: 422, body: { code: 'scorm-invalid-value', message: 'refused' } });
  const a = new ScormAdapter(definitions['1.2'], { session: 's1', sequence: 0, values: {} }, { transport: server.transport });
  const api = a.api();
  api.LMSInitialize('');
  api.LMSSetValue('cmi.core.lesson_location', 'x');
  api.LMSCommit('');
  await a.settled();
  expect('1.2 LMSCommit after refusal', [api.LMSCommit(''), api.LMSGetLastError()], ['false', '101']);
  expect('1.2 LMSFinish after refusal', [api.LMSFinish(''), api.LMSGetLastError()], ['false', '101']);
}

// 5. SCORM 1.2 names and codes (RTE 3.3.2).
{
  const server = fakeServer();
  const a = new ScormAdapter(definitions['1.2'], { session: 's', sequence: 0, values: {} }, { transport: server.transport });
  const api = a.api();
  expect('1.2 LMSGetValue before init', [api.LMSGetValue('cmi.core.lesson_status'), api.LMSGetLastError()], ['', '301']);
  expect('1.2 LMSInitialize arg', [api.LMSInitialize('x'), api.LMSGetLastError()], ['false', '201']);
  expect('1.2 LMSInitialize', api.LMSInitialize(''), 'true');
  expect('1.2 LMSInitialize twice', [api.LMSInitialize(''), api.LMSGetLastError()], ['false', '101']);
  expect('1.2 default status', api.LMSGetValue('cmi.core.lesson_status'), 'not attempted');
  expect('1.2 read only', [api.LMSSetValue('cmi.core.student_id', 'x'), api.LMSGetLastError()], ['false', '403']);
  expect('1.2 keyword', [api.LMSSetValue('cmi.core._children', 'x'), api.LMSGetLastError()], ['false', '402']);
  expect('1.2 error string', api.LMSGetErrorString('405'), 'Incorrect Data Type');
  expect('1.2 LMSFinish', api.LMSFinish(''), 'true');
  expect('1.2 after finish', [api.LMSGetValue('cmi.core.lesson_status'), api.LMSGetLastError()], ['', '301']);
  const facade = apiFacade('1.2', () => null);
  expect('1.2 facade without SCO', [facade.LMSInitialize(''), facade.LMSGetLastError()], ['false', '301']);
}

// 6. Review sessions never send anything.
{
  const server = fakeServer();
  const a = new ScormAdapter(definitions[2004], { session: 'review-1', sequence: 0, review: true, values: {} }, { transport: server.transport });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.location', 'x');
  api.Commit('');
  api.Terminate('');
  await a.settled();
  expect('review stores nothing', server.commits.length, 0);
}

// 7. After Terminate nothing but the terminating commit is ever sent (the server closes the session with it).
// The fake server answers as ScormRuntime.apply does: superseded, replayed terminate, stale, closed.
function sessionServer() {
  const server = { last: 0, open: true, applied: [], commits: [], queue: [] };
  server.handle = (body) => {
    if (body.terminate && !server.open && body.sequence === server.last) return { ok: true, status: 200, body: {} };
    if (body.sequence <= server.last) return { ok: false, status: 409, body: { code: 'scorm-commit-stale' } };
    if (!server.open) return { ok: false, status: 409, body: { code: 'scorm-session-closed' } };
    server.last = body.sequence;
    server.applied.push(body);
    if (body.terminate) server.open = false;
    return { ok: true, status: 200, body: {} };
  };
  server.transport = (body) => { server.commits.push(body); return new Promise((resolve) => server.queue.push({ body, resolve })); };
  server.answer = (order = (q) => q) => { const q = order(server.queue.splice(0)); for (const x of q) x.resolve(server.handle(x.body)); };
  return server;
}
for (const [label, order] of [['in order', (q) => q], ['reordered', (q) => [...q].reverse()]]) {
  const server = sessionServer();
  const problems = [];
  const a = new ScormAdapter(definitions[2004], { session: 's', sequence: 0, values: {} }, { transport: server.transport, onProblem: (p) => problems.push(p.code) });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.exit', 'suspend');
  api.SetValue('cmi.session_time', 'PT10S');
  api.Terminate('');                          // the SCO's unload handler
  const closing = a.close({ keepalive: false }); // the player once the frame unloaded
  a.flush({ keepalive: true });                // pagehide and the periodic save
  await new Promise((r) => setTimeout(r, 0));
  server.answer(order);
  expect(`terminate then close (${label}): true`, await closing, true);
  await a.settled();
  expect(`terminate then close (${label}): only the terminate was sent`, server.commits.map((c) => [c.sequence, c.terminate]), [[1, true]]);
  expect(`terminate then close (${label}): session closed`, server.open, false);
  expect(`terminate then close (${label}): no problem shown`, problems, []);
}
{
  // The terminate's response is lost: close() sends the same request again, the server acknowledges the replay.
  const server = sessionServer();
  const problems = [];
  const a = new ScormAdapter(definitions['1.2'], { session: 's', sequence: 4, values: {} }, { transport: server.transport, onProblem: (p) => problems.push(p.code) });
  server.last = 4;
  const api = a.api();
  api.LMSInitialize('');
  api.LMSSetValue('cmi.core.lesson_status', 'completed');
  api.LMSFinish('');
  await new Promise((r) => setTimeout(r, 0));
  const first = server.queue.splice(0)[0];
  server.handle(first.body);                  // applied on the server...
  first.resolve(Promise.reject(new Error('connection reset'))); // ...but the answer never arrived
  const closing = a.close({ keepalive: false });
  await new Promise((r) => setTimeout(r, 0));
  server.answer();
  expect('lost terminate answer: close resends and succeeds', await closing, true);
  expect('lost terminate answer: same request again', server.commits.map((c) => JSON.stringify(c)), [JSON.stringify(first.body), JSON.stringify(first.body)]);
  expect('lost terminate answer: applied once', server.applied.length, 1);
  expect('lost terminate answer: nothing after an acknowledged terminate', [await a.close(), await a.flush({ keepalive: true }), server.commits.length], [true, true, 2]);
  expect('lost terminate answer: no problem shown', problems, []);
}

// 8. Keepalive and sendBeacon carry at most 64 KiB, in bytes: larger commits go as ordinary requests.
{
  const requests = [];
  const beacons = [];
  let fail = false;
  globalThis.fetch = async (url, init) => {
    requests.push({ keepalive: init.keepalive, bytes: new TextEncoder().encode(init.body).length });
    if (fail) throw new TypeError('keepalive quota exceeded');
    return { ok: true, status: 200, json: async () => ({}) };
  };
  Object.defineProperty(globalThis, 'navigator', { configurable: true, value: { sendBeacon: (url, blob) => { beacons.push(blob.size); return true; } } });
  const commit = (value) => ({ session: 's', sequence: 1, terminate: true, sets: [{ element: 'cmi.suspend_data', value }] });
  await sendCommit('/c', commit('x'.repeat(1000)), true);
  await sendCommit('/c', commit('日'.repeat(25000)), true); // 25,000 characters, 75,000 bytes
  await sendCommit('/c', commit('x'.repeat(1000)), false);
  expect('keepalive only when the bytes fit', requests.map((r) => r.keepalive), [true, false, false]);
  expect('measured in bytes', requests[1].bytes > KEEPALIVE_BYTES, true);
  fail = true;
  expect('small: beacon when keepalive fetch fails', (await sendCommit('/c', commit('x'), true)).status, 202);
  let thrown = false;
  try { await sendCommit('/c', commit('日'.repeat(25000)), true); } catch { thrown = true; }
  expect('too large for a beacon: no beacon, the failure is reported', [thrown, beacons.length], [true, 1]);
}
{
  // Unacknowledged data beyond flushAboveBytes is committed at once, so tab close has little left to send.
  const server = fakeServer();
  const a = new ScormAdapter(definitions[2004], { session: 's', sequence: 0, values: {} }, { transport: server.transport, flushAboveBytes: 48 * 1024 });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.location', 'p1');
  api.SetValue('cmi.suspend_data', 'a'.repeat(20000));
  expect('small data waits for Commit', server.commits.length, 0);
  api.SetValue('cmi.suspend_data', '日'.repeat(20000)); // 20,000 characters, 60,000 bytes
  await a.settled();
  expect('large data is committed at once', server.commits.map((c) => c.sets.length), [3]);
  expect('nothing left pending', [a.pending.length, a.pendingBytes], [0, 0]);
}

// 8b. limits.setsPerCommit: the adapter commits once half of them wait, and never lets more wait than one commit may
// carry (the server answers 413 to such a commit): the SetValue beyond fails with the definition's tooManySets.
for (const [model, location, code] of [[2004, 'cmi.location', '351'], ['1.2', 'cmi.core.lesson_location', '101']]) {
  const commits = [];
  const never = (body) => { commits.push(body); return new Promise(() => {}); };
  const definition = withLimits(definitions[model], { setsPerCommit: 4 });
  const a = new ScormAdapter(definition, { session: 's', sequence: 0, values: {} }, { transport: never });
  const api = a.api();
  api[model === 2004 ? 'Initialize' : 'LMSInitialize']('');
  const set = (v) => [api[model === 2004 ? 'SetValue' : 'LMSSetValue'](location, v), api[model === 2004 ? 'GetLastError' : 'LMSGetLastError']()];
  expect(`${model} sets below the limit`, [set('1'), set('2')], [['true', '0'], ['true', '0']]);
  await new Promise((resolve) => { setTimeout(resolve, 0); });
  expect(`${model} half the limit waiting: committed early`, commits.map((c) => c.sets.length), [2]);
  expect(`${model} up to the limit`, [set('3'), set('4')], [['true', '0'], ['true', '0']]);
  expect(`${model} beyond the limit while unacknowledged`, set('5'), ['false', code]);
  expect(`${model} the refused value is not stored`, a.values.get(location), '4');
}
// A 413 (too large a commit, from an older adapter or another client) ends the session like a 422; so does a 403
// (the launch's content link expired, or names another session): retrying cannot succeed.
for (const [status, code] of [[413, 'scorm-commit-too-large'], [403, 'content-capability-expired']]) {
  const server = fakeServer();
  let problem = null;
  server.respond = () => ({ ok: false, status, body: { code, message: 'refused' } });
  const a = new ScormAdapter(definitions[2004], { session: 's', sequence: 0, values: {} }, { transport: server.transport, onProblem: (p) => { problem = p; } });
  const api = a.api();
  api.Initialize('');
  api.SetValue('cmi.location', 'x');
  api.Commit('');
  await a.settled();
  expect(`${status} reported`, problem?.code, code);
  expect(`${status}: commit fails afterwards`, [api.Commit(''), api.GetLastError()], ['false', '391']);
}

// 9. adl.nav.request as the player passes it to the server's navigation (SCORM 2004 RTE 4.4.1).
expect('nav continue', navigationRequest('continue'), { request: 'continue', target: null });
expect('nav choice', navigationRequest('{target=sco-2}choice'), { request: 'choice', target: 'sco-2' });
expect('nav jump stays a jump', navigationRequest('{target=hidden-1}jump'), { request: 'jump', target: 'hidden-1' });
expect('nav exitAll', navigationRequest('exitAll'), { request: 'exitAll', target: null });
expect('nav none', [navigationRequest('_none_'), navigationRequest(undefined)], [null, null]);

done();
