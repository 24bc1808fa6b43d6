// The SCORM launcher on the content origin (README "Content origin"): the page /manabi/content/c/{capability}/ that
// the player's frame loads. It installs window.API (SCORM 1.2 RTE 3.3) and window.API_1484_11 (SCORM 2004 RTE 3.1)
// here, on the content origin, with the same adapter and data model as before (GetValue stays synchronous), and loads
// the SCO below it in a same-origin child frame, so the SCO's API discovery (walking window.parent) finds them.
// Commits go to this launch's own run-time URL on the content origin (authorized by the capability in it, never by
// cookies). Everything else goes through the portal by postMessage, checked both ways: only messages from the parent
// window with the portal origin the capability names are read, and messages go only to that origin.
//
// Portal -> launcher: {manabi:'scorm-portal', type:'launch', session, definition, href, title, log}
//                     {manabi:'scorm-portal', type:'close', learnerNavigation}
// Launcher -> portal: {manabi:'scorm-launcher', launcher, type:'ready' | 'loaded' | 'state' (state) |
//                     'terminated' (navRequest) | 'committed' | 'problem' (code, message) | 'call' (entry, values) |
//                     'closed'}
import { ScormAdapter, apiFacade } from './scorm-adapter.js';
import { sendCommit } from './scorm-transport.js';

/**
 * Unacknowledged SetValue data above which the adapter commits at once, with an ordinary request: what is left when
 * the tab closes must fit the 64 KiB a keepalive request or sendBeacon may carry (scorm-transport.js).
 */
const EARLY_COMMIT_BYTES = 48 * 1024;

const { portal, runtime, sandboxed } = document.body.dataset;
const frame = document.getElementById('sco');
const launcher = location.pathname;
let adapter = null;
let launched = false;
let runningHere = false; // the SCO's document replaced this one (sandbox fallback)

window.API = apiFacade('1.2', () => adapter);
window.API_1484_11 = apiFacade('2004', () => adapter);

function post(message) {
  try {
    window.parent.postMessage({ manabi: 'scorm-launcher', launcher, ...message }, portal);
  } catch (e) {
    console.error(e); // never let reporting break the SCO's API call
  }
}

/** An API call argument as the log shows it: whatever a SCO passes, something postMessage can carry. */
function loggable(a) {
  if (a === undefined || a === null) return null;
  return typeof a === 'object' || typeof a === 'function' ? String(a) : a;
}

/** Messages from the portal: launch this session's SCO, or close it. */
function onPortalMessage(event) {
  if (event.source !== window.parent || event.origin !== portal) return;
  const m = event.data;
  if (!m || m.manabi !== 'scorm-portal') return;
  if (m.type === 'launch' && !launched) {
    launched = true;
    launch(m).catch((e) => post({ type: 'problem', code: 'launch-failed', message: String(e?.message ?? e) }));
  } else if (m.type === 'close') {
    close(m.learnerNavigation === true).finally(() => post({ type: 'closed' }));
  }
}

async function launch({ session, definition, href, title, log }) {
  const url = new URL(href, location.href);
  // Only this launch's own files: the SCO's URL must lie below the launcher's capability path.
  if (url.protocol !== location.protocol || url.host !== location.host || !url.pathname.startsWith(launcher)) {
    throw new Error('The SCO is not part of this package');
  }
  let pendingValues = false;
  adapter = new ScormAdapter(definition, session, {
    // 'committed' after each commit the server applied: what the SCO reported may change what the course's
    // sequencing allows next, so the player asks the server again (its look-ahead, SCORM 2004 SN 4.4).
    transport: runtime ? (body, { keepalive }) => sendCommit(`${runtime}commit`, body, keepalive).then((r) => {
      if (r.ok) post({ type: 'committed' });
      return r;
    }) : null,
    flushAboveBytes: EARLY_COMMIT_BYTES,
    onTerminate: ({ navRequest }) => adapter.settled().then(() => post({ type: 'terminated', navRequest })),
    onProblem: (p) => post({ type: 'problem', code: p.code, message: p.message }),
    onCall: (entry) => {
      if (entry.fn.endsWith('Initialize') && entry.result === 'true') post({ type: 'state', state: 'running' });
      if ((entry.fn === 'Terminate' || entry.fn === 'LMSFinish') && entry.result === 'true') post({ type: 'state', state: 'terminated' });
      if (!log) return;
      post({ type: 'call', entry: { ...entry, args: entry.args.map(loggable), result: loggable(entry.result) } });
      if (!pendingValues) {
        pendingValues = true;
        requestAnimationFrame(() => { pendingValues = false; post({ type: 'values', values: shownValues() }); });
      }
    },
  });
  if (log) post({ type: 'values', values: shownValues() });
  frame.title = title || '';
  frame.addEventListener('load', () => {
    if (frame.src !== 'about:blank' || frame.srcdoc) post({ type: 'loaded' });
  });
  if (sandboxed === 'true') {
    // Sandbox fallback: every document in a sandboxed frame gets a new opaque origin, its child frames too (HTML
    // "determining the origin": the sandboxed origin flag comes before about:srcdoc inheriting its parent's), so a SCO
    // in a child frame could never reach window.API here. The SCO's document therefore replaces this one in this
    // window (document.open keeps the Window, so window.API stays), with its own URL as the base for relative URLs.
    // Its own further frames stay apart (README, fallback risks).
    const html = await (await fetch(url, { credentials: 'omit' })).text();
    runHere(withBase(html, url.href));
  } else {
    frame.src = url.href;
  }
}

/** The values as the SCO would read them (evaluated statuses; write-only elements as written), for the preview. */
function shownValues() {
  const { model, values } = adapter;
  const shown = (k, v) => {
    const read = model.getValue(values, k);
    return read.error === 0 ? read.value : v;
  };
  // Keys with '#' are the runtime's own bookkeeping (e.g. adl.data access rights), not data-model elements.
  return [...values.entries()].filter(([k]) => !k.includes('#') && !k.includes('{target}'))
    .sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shown(k, v)]);
}

function withBase(html, href) {
  const base = `<base href="${href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length) : base + html;
}

/**
 * Runs the SCO's document in this window (sandbox fallback). document.open erases the window's event listeners
 * (HTML "document open steps"), so the launcher's own are added again before the SCO's script adds its own.
 */
function runHere(html) {
  document.open();
  listen();
  window.addEventListener('load', () => post({ type: 'loaded' }), { once: true });
  runningHere = true;
  document.write(html);
  document.close();
}

/**
 * Ends the SCO session: unload the SCO (its unload handler may Terminate), then terminate for it if it did not.
 * learnerNavigation: the learner asked the player to navigate, so the terminating commit says a learner-initiated
 * request is pending (SCORM 2004 SN 5.4: it goes before the SCO's adl.nav.request).
 */
async function close(learnerNavigation = false) {
  if (adapter && learnerNavigation) adapter.learnerNavigation = true;
  if (runningHere) {
    // The SCO is this document: it cannot be unloaded without unloading the launcher, so it gets the events a real
    // unload would give it (SCOs Terminate from these handlers) before the adapter terminates for it if it did not.
    for (const type of ['beforeunload', 'pagehide', 'unload']) window.dispatchEvent(new Event(type));
  } else if ((frame.getAttribute('src') && frame.src !== 'about:blank') || frame.hasAttribute('srcdoc')) {
    await new Promise((resolve) => {
      const done = () => { frame.removeEventListener('load', done); resolve(); };
      frame.addEventListener('load', done);
      frame.removeAttribute('srcdoc');
      frame.src = 'about:blank';
      setTimeout(done, 3000);
    });
  }
  if (!adapter) return;
  await adapter.close({ keepalive: false });
  await adapter.settled();
}

/**
 * The launcher's listeners: messages from the portal, and leaving: commit what is left with keepalive/sendBeacon (the
 * portal page unloading unloads this one too); hidden is often the last moment a page runs normally, so commit then
 * as well. Added again after the SCO's document replaced this one (runHere).
 */
function listen() {
  window.addEventListener('message', onPortalMessage);
  window.addEventListener('pagehide', () => adapter?.flush({ keepalive: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') adapter?.flush({ keepalive: true });
  });
}
listen();
// And every 30 s while the SCO plays.
setInterval(() => adapter?.flush(), 30000);

post({ type: 'ready' });
