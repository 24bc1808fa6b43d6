// Runs the player's navigation under node with a minimal DOM stand-in (invoked by PlayerScriptTest).
// usage: node player-test.mjs <assets dir holding scorm/ and core/>
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [assets] = process.argv.slice(2);
const { expect, done } = await import(process.env.MANABI_CHECKS);

const defined = {};
globalThis.window = globalThis;
globalThis.HTMLElement = class {
  attachShadow() { this.shadowRoot = { innerHTML: '', getElementById: () => null }; return this.shadowRoot; }
  getAttribute(name) { return (this.attrs || {})[name] ?? null; }
  addEventListener() {}
  dispatchEvent(e) { (this.events ||= []).push(e.type); }
};
globalThis.customElements = { get: (n) => defined[n], define: (n, c) => { defined[n] = c; } };
globalThis.CustomEvent = class { constructor(type, init) { this.type = type; this.detail = init?.detail; } };
globalThis.document = { addEventListener() {}, removeEventListener() {} };
const requests = [];
let answer = null;
globalThis.fetch = async (url, options) => {
  requests.push({ url, body: options?.body });
  return { ok: true, status: 200, text: async () => JSON.stringify(answer) };
};
const { problemMessage } = await import(pathToFileURL(join(assets, 'scorm', 'scorm-player.js')).href);
const Player = defined['manabi-scorm-player'];

// A commit the server refused (413 too large, 422 invalid value, a 413 of the container without the SDK's JSON) is
// lost for good: the learner reads "could not store", never "will be retried" (issue 11).
for (const code of ['scorm-commit-too-large', 'scorm-invalid-value', 'malformed-json', 'http-413', 'http-422']) {
  expect(`${code}: told it could not be stored`, problemMessage(code), 'scorm.player.refused');
}
// A launch that failed is not retried by anything: the learner is asked to reload, never told "will be retried".
expect('launch-failed: told to reload', problemMessage('launch-failed'), 'scorm.player.launchFailed');

// A request that delivers nothing leaves the SCO that is playing alone (it is neither unloaded nor terminated).
for (const reason of ['start', 'end', 'invalid-target']) {
  const player = new Player();
  player.attrs = { api: '/api', course: 'c1', ref: 'line-1' };
  let closed = 0;
  const adapter = { close: async () => { closed += 1; }, settled: async () => {} };
  player.adapter = adapter;
  player.attempt = { attemptId: 'a1', toc: [], completion: 'incomplete', success: 'unknown' };
  answer = { item: null, reason, attempt: { attemptId: 'a1', toc: [], completion: 'incomplete', success: 'unknown' } };
  requests.length = 0;
  await player.navigate(reason === 'start' ? 'previous' : reason === 'end' ? 'continue' : 'choice', reason === 'invalid-target' ? 'hidden' : undefined);
  expect(`${reason}: navigation asked`, requests.map((r) => r.url), ['/api/scorm/attempts/a1/navigation']);
  expect(`${reason}: the current SCO was not closed`, closed, 0);
  expect(`${reason}: the current SCO keeps its adapter`, player.adapter === adapter, true);
  expect(`${reason}: not switching any more`, player.switching, false);
}

// A SCO that terminates with a navigation request while the player is ending its session for the learner's own
// request (its unload handler runs Terminate): the learner's request wins; nothing more is delivered or closed.
// And a session that is no longer the one on screen delivers nothing when its late 'terminated' arrives.
for (const [name, closing, replaced] of [['closing', true, false], ['replaced', false, true]]) {
  const player = new Player();
  player.attrs = { api: '/api', course: 'c1', ref: 'line-1' };
  const bridge = { closing: closing ? Promise.resolve() : null, close: async () => {} };
  player.bridge = replaced ? { closing: null, close: async () => {} } : bridge;
  player.itemId = 'quiz';
  player.attempt = { attemptId: 'a1', toc: [], sequencing: {}, currentItem: 'quiz' };
  answer = { attemptId: 'a1', toc: [], sequencing: {}, currentItem: 'content-5' }; // a status read before the choice
  requests.length = 0;
  await player.terminated(bridge, 'continue').catch(() => {}); // the stand-in DOM has no frame to launch into
  expect(`${name}: no session launched for the SCO's own request`, requests.filter((r) => r.url.includes('/session')), []);
  expect(`${name}: the current bridge is kept`, player.bridge === (replaced ? player.bridge : bridge), true);
}
// The SCO on screen terminating with its own request is followed: the server's choice is delivered.
{
  const player = new Player();
  player.attrs = { api: '/api', course: 'c1', ref: 'line-1' };
  const bridge = { closing: null, close: async () => {} };
  player.bridge = bridge;
  player.itemId = 'content-1';
  player.attempt = { attemptId: 'a1', toc: [], sequencing: {}, currentItem: 'content-1' };
  answer = { attemptId: 'a1', toc: [], sequencing: {}, currentItem: 'content-2' };
  requests.length = 0;
  await player.terminated(bridge, 'continue').catch(() => {}); // the stand-in DOM has no frame to launch into
  expect('own request: the next SCO is asked for', requests.some((r) => r.url === '/api/scorm/attempts/a1/scos/content-2/session'), true);
}

done();
