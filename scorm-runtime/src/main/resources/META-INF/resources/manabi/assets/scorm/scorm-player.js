// <manabi-scorm-player api assets course ref=lineId lang> with property messages: plays a course's SCORM package
// (see docs/DEVELOPING.md, player shell contract). TOC tree, SCO frame, previous/next, exit, status line. The
// server owns the attempt and the activity tree: every navigation (buttons, TOC, adl.nav.request) asks it which
// activity to deliver next. The SCO runs on the content origin, in the launcher the frame loads, which holds
// window.API / window.API_1484_11 and commits there (scorm-launcher.js); this element talks to it by postMessage
// (scorm-bridge.js) and never exposes an API, a cookie-authorized URL or its DOM to the content.
import { fetchJson, localize, t } from '../core/i18n.js';
import { navigationRequest } from './scorm-adapter.js';
import { LauncherBridge } from './scorm-bridge.js';
import { TOC_STYLE, renderToc, statusKey } from './scorm-toc.js';

const definitions = new Map();

/** The data model definition (same JSON the server validates with), fetched once per page. */
export function loadDefinition(api, model) {
  if (!definitions.has(model)) definitions.set(model, fetchJson(`${api}/scorm/datamodel/${model}`));
  return definitions.get(model);
}

/**
 * What the learner is told when the server refuses a session for good; every refusal the server gave has its own
 * final message. Commits that got no answer (network) are retried silently by the adapter and reported to nobody; a
 * launch that failed (launch-failed: the SCO could not be started) is not retried, so it asks for a reload.
 */
const PROBLEM_MESSAGES = {
  'scorm-session-superseded': 'scorm.player.superseded',
  'scorm-attempt-finished': 'scorm.player.attemptFinished',
  'scorm-commit-too-large': 'scorm.player.refused',
  'scorm-invalid-value': 'scorm.player.refused',
  'malformed-json': 'scorm.player.refused',
  'content-capability-expired': 'scorm.player.expired',
  'content-capability-scope': 'scorm.player.expired',
  'content-capability-invalid': 'scorm.player.expired',
  'http-401': 'scorm.player.signedOut',
  'unauthenticated': 'scorm.player.signedOut',
};
/** Refusals not listed above (another 4xx from the server): final, but with no more to say than that. */
const REFUSED = 'scorm.player.refused';

/**
 * The bundle key of what the learner is told for a problem the launcher reports: a refusal by the server (413, 422,
 * any code of an answer) is final and never says "will be retried"; only a launch that failed without one does.
 */
export function problemMessage(code) {
  return PROBLEM_MESSAGES[code] ?? (code === 'launch-failed' ? 'scorm.player.launchFailed' : REFUSED);
}

const STYLE = `
  :host { display: block; }
  .layout { display: grid; grid-template-columns: minmax(12rem, 18rem) 1fr; gap: .75rem; }
  nav.toc { border: 1px solid #d6dbe4; border-radius: .4rem; padding: .5rem; max-height: 75vh; overflow: auto; }
  nav.toc h2 { font-size: 1rem; margin: 0 0 .4rem; }
  .stage { display: flex; flex-direction: column; gap: .5rem; min-width: 0; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d6dbe4; border-radius: .4rem; background: #fff; }
  .bar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  .status { flex: 1 1 16rem; font-size: .9rem; color: #2d3748; }
  .notice { padding: .5rem .75rem; border-radius: .4rem; background: #fefcbf; color: #744210; }
  .notice.error { background: #fed7d7; color: #822727; }
  button { font: inherit; padding: .35rem .8rem; }
  button:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
  @media (max-width: 48rem) { .layout { grid-template-columns: 1fr; } nav.toc { max-height: 30vh; } iframe { height: 60vh; } }
  ${TOC_STYLE}
`;

class ScormPlayer extends HTMLElement {
  static observedAttributes = ['lang'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.bridge = null;      // the launch of the current SCO session (LauncherBridge)
    this.scoState = null;    // what the launcher reported: 'running' after Initialize, 'terminated' after Terminate
    this.scoLoaded = false;  // the SCO's document has loaded in the launcher
    this.attempt = null;
    this.switching = false;
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get lang() { return this.getAttribute('lang') || 'en'; }
  get m() { return this.messages || {}; }

  connectedCallback() {
    // Saving on pagehide, when hidden and every 30 s happens in the launcher, which holds the session.
    this.addEventListener('manabi-exit-request', () => this.#leave());
    this.#start();
  }

  disconnectedCallback() {
    this.bridge?.close();
  }

  attributeChangedCallback() {
    if (this.attempt) this.#render();
  }

  async #start() {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p role="status">${escapeHtml(t(this.m, 'scorm.player.loading'))}</p>`;
    try {
      this.attempt = await fetchJson(`${this.api}/scorm/courses/${enc(this.getAttribute('course'))}/lines/${enc(this.getAttribute('ref'))}/attempt`);
      this.#layout();
      // A navigation the learner asks for while the first activity is still being delivered waits for it, so the
      // two deliveries cannot interleave (the later one must win).
      // A sequenced (SCORM 2004) attempt asks the server what to deliver: the current activity again after a
      // reload, Resume All after a Suspend All, else Start.
      this.initial = this.attempt.sequencing ? this.#navigateSequenced('start') : this.#deliver(this.attempt.currentItem);
      await this.initial;
    } catch (e) {
      console.error(e);
      this.shadowRoot.innerHTML = `<style>${STYLE}</style><p class="notice error" role="alert">${escapeHtml(t(this.m, 'scorm.player.error'))}</p>`;
    }
  }

  #layout() {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style>
      <div class="notice" id="notice" role="status" hidden></div>
      <div class="layout">
        <nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title"></h2><div id="tree"></div></nav>
        <div class="stage">
          <iframe id="frame" allowfullscreen></iframe>
          <div class="bar">
            <button type="button" id="previous"></button>
            <button type="button" id="next"></button>
            <p class="status" id="status" role="status" aria-live="polite"></p>
            <button type="button" id="new-attempt" hidden></button>
            <button type="button" id="suspend" hidden></button>
            <button type="button" id="exit-all" hidden></button>
            <button type="button" id="exit"></button>
          </div>
        </div>
      </div>`;
    const $ = (id) => this.shadowRoot.getElementById(id);
    $('previous').addEventListener('click', () => this.navigate('previous'));
    $('next').addEventListener('click', () => this.navigate('continue'));
    $('exit').addEventListener('click', () => this.#leave(true));
    $('new-attempt').addEventListener('click', () => this.#newAttempt());
    $('suspend').addEventListener('click', () => this.navigate('suspendAll').then(() => this.#exited()));
    $('exit-all').addEventListener('click', () => this.navigate('exitAll').then(() => this.#exited()));
    this.#render();
  }

  #render() {
    if (this.attempt?.sequencing) this.sequenced = true;
    const m = this.m;
    const $ = (id) => this.shadowRoot.getElementById(id);
    if (!$('frame')) return;
    $('toc-title').textContent = t(m, 'scorm.player.toc');
    $('previous').textContent = t(m, 'scorm.player.previous');
    $('next').textContent = t(m, 'scorm.player.next');
    $('exit').textContent = t(m, 'scorm.player.exit');
    $('new-attempt').textContent = t(m, 'scorm.player.newAttempt');
    $('new-attempt').hidden = !this.attempt.finished;
    $('suspend').textContent = t(m, 'scorm.player.suspend');
    $('exit-all').textContent = t(m, 'scorm.player.exitAll');
    // SCORM 2004: Continue / Previous from the server's look-ahead (SN 4.4); the controls the current activity hides
    // (adlnav:hideLMSUI) are not shown; Exit becomes Suspend All (keeps the attempt) and Exit All (ends it).
    const seq = this.attempt.sequencing;
    const hide = new Set(seq?.hideLmsUi ?? []);
    $('previous').disabled = !!seq && !seq.previousValid;
    $('next').disabled = !!seq && !seq.continueValid;
    $('previous').hidden = hide.has('previous');
    $('next').hidden = hide.has('continue');
    $('suspend').hidden = !seq || hide.has('suspendAll');
    $('exit-all').hidden = !seq || hide.has('exitAll');
    $('exit').hidden = !!seq;
    renderToc($('tree'), this.attempt.toc, { lang: this.lang, messages: m, current: this.itemId, onChoose: (id) => this.navigate('choice', id) });
    const a = this.attempt;
    const score = a.scoreScaled === null || a.scoreScaled === undefined ? t(m, 'scorm.status.noScore') : `${Math.round(a.scoreScaled * 100)}%`;
    $('status').textContent = t(m, 'scorm.status.line', t(m, statusKey('completion', a.completion)), t(m, statusKey('success', a.success)), score);
    const item = findItem(a.toc, this.itemId);
    $('frame').title = t(m, 'scorm.player.frame', item ? localize(item.title, this.lang) : '');
    if (a.finished) this.#notice(t(m, 'scorm.player.review'));
  }

  #notice(text, error = false) {
    const n = this.shadowRoot.getElementById('notice');
    if (!n) return;
    n.hidden = !text;
    n.textContent = text || '';
    n.className = `notice${error ? ' error' : ''}`;
    n.setAttribute('role', error ? 'alert' : 'status');
  }

  /**
   * Ends the current SCO session: the launcher unloads the SCO (its unload handler may Terminate), terminates for it
   * if not, and answers once its commits are done. learnerNavigation: a request of the learner follows.
   */
  async #closeCurrent(learnerNavigation = false) {
    const bridge = this.bridge;
    if (!bridge) return;
    await bridge.close({ learnerNavigation });
    if (this.bridge === bridge) this.bridge = null;
  }

  /**
   * Asks the server which activity to deliver for a navigation request, then delivers it. The server answers
   * first: a request that delivers nothing (previous on the first activity, continue on the last, a choice of an
   * activity that may not be chosen) leaves the current SCO playing and only says why.
   */
  async navigate(request, target) {
    if (this.switching) return;
    this.switching = true;
    try {
      await this.initial?.catch(() => {});
      if (this.attempt.sequencing) {
        await this.#navigateSequenced(request, target);
        return;
      }
      const r = await fetchJson(`${this.api}/scorm/attempts/${enc(this.attempt.attemptId)}/navigation`, {
        method: 'POST', body: JSON.stringify({ request, target: target ?? null }),
      });
      this.attempt = r.attempt;
      if (r.item) {
        await this.#closeCurrent();
        await this.#deliver(r.item, true);
      } else {
        this.#render();
        this.#notice(t(this.m, r.reason === 'start' ? 'scorm.player.start' : 'scorm.player.end'));
        this.#progress();
      }
    } finally {
      this.switching = false;
    }
  }

  /**
   * A navigation request of a sequenced (SCORM 2004) attempt. The current SCO is ended first, so the sequencer
   * decides on what it reported (its exit and post-condition rules read it); the look-ahead keeps the controls of
   * requests that would fail disabled, and a request refused anyway (409 scorm-nav-refused) says why and delivers
   * the current activity again.
   */
  async #navigateSequenced(request, target) {
    // The learner's request is pending while the SCO unloads: the server processes it, not the SCO's (SN 5.4).
    await this.#closeCurrent(true);
    let r;
    try {
      r = await fetchJson(`${this.api}/scorm/attempts/${enc(this.attempt.attemptId)}/navigation`, {
        method: 'POST', body: JSON.stringify({ request, target: target ?? null }),
      });
    } catch (e) {
      if (e.code !== 'scorm-nav-refused') throw e;
      await this.#refresh();
      if (this.attempt.currentItem) await this.#deliver(this.attempt.currentItem, true);
      this.#notice(t(this.m, 'scorm.seq.refused', t(this.m, e.details?.reason ?? 'scorm.seq.reason.other'), e.details?.sn ?? ''), true);
      return;
    }
    this.attempt = r.attempt;
    if (r.item) {
      await this.#deliver(r.item, true);
      return;
    }
    this.#render();
    this.#notice(t(this.m, r.reason === 'suspended' ? 'scorm.player.suspended' : r.reason === 'ended' ? 'scorm.player.ended' : 'scorm.player.end'));
    this.#progress();
  }

  async #deliver(itemId, closed = false) {
    if (!itemId) {
      this.#notice(t(this.m, 'scorm.player.empty'));
      return;
    }
    if (!closed) await this.#closeCurrent();
    let session;
    let definition;
    try {
      session = await fetchJson(`${this.api}/scorm/attempts/${enc(this.attempt.attemptId)}/scos/${enc(itemId)}/session`, { method: 'POST' });
      definition = await loadDefinition(this.api, session.model);
    } catch (e) {
      // The previous SCO is already unloaded: an empty frame must say why rather than look like content loading.
      this.#notice(t(this.m, problemMessage('launch-failed')), true);
      throw e;
    }
    this.itemId = itemId;
    this.scoState = null;
    this.scoLoaded = false;
    this.#notice(session.review ? t(this.m, 'scorm.player.review') : '');
    this.#render();
    const frame = this.shadowRoot.getElementById('frame');
    const bridge = new LauncherBridge(frame, session, definition, {
      title: frame.title,
      onEvent: (m) => {
        if (this.bridge !== bridge) return;
        if (m.type === 'loaded') this.scoLoaded = true;
        else if (m.type === 'state') this.scoState = m.state;
        else if (m.type === 'terminated') this.terminated(bridge, m.navRequest);
        else if (m.type === 'committed' && this.attempt.sequencing) this.#refreshSoon();
        else if (m.type === 'problem') this.#notice(t(this.m, problemMessage(m.code)), true);
      },
    });
    this.bridge = bridge;
    this.#refresh();
  }

  /**
   * After Terminate (the launcher reports it once the terminating commit is answered): refresh the status; follow
   * the SCO's navigation request (SCORM 2004 RTE 4.4 adl.nav.request). Only while that SCO's session is still the
   * one on screen and the player is not ending it for a request of its own: a SCO that terminates from its unload
   * handler because the learner chose elsewhere must not deliver afterwards what a status read before that choice
   * named (the learner's request wins, as in ADL's CM-09bb), nor close the activity the choice delivered.
   * Called by the bridge's events (not private, so the player's script test can drive it).
   */
  async terminated(bridge, navRequest) {
    const current = () => this.bridge === bridge && !bridge.closing;
    if (!current()) return;
    await this.#refresh();
    const nav = navigationRequest(navRequest);
    if (this.switching || !nav || !current()) return;
    if (this.attempt.sequencing || (this.attempt.finished && this.sequenced)) {
      // The server carried out the SCO's request with its Terminate (sequenced attempts): deliver what it chose.
      const seq = this.attempt.sequencing;
      if (this.attempt.currentItem && this.attempt.currentItem !== this.itemId) {
        this.switching = true;
        try { await this.#deliver(this.attempt.currentItem); } finally { this.switching = false; }
      } else if (seq?.refusedReason) {
        this.#notice(t(this.m, 'scorm.seq.refused', t(this.m, seq.refusedReason), seq.refusedSn), true);
      } else {
        this.#notice(t(this.m, this.attempt.finished ? 'scorm.player.ended' : seq?.suspended ? 'scorm.player.suspended' : 'scorm.player.end'));
      }
      return;
    }
    if (['continue', 'previous', 'choice', 'jump'].includes(nav.request)) setTimeout(() => this.navigate(nav.request, nav.target), 0);
    else this.#notice(t(this.m, 'scorm.player.end'));
  }

  /** Refreshes the look-ahead after a commit, at most one request at a time (commits may come in bursts). */
  #refreshSoon() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = this.#refresh().finally(() => {
      this.refreshing = null;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.#refreshSoon();
      }
    });
  }

  async #refresh() {
    try {
      this.attempt = await fetchJson(`${this.api}/scorm/courses/${enc(this.getAttribute('course'))}/lines/${enc(this.getAttribute('ref'))}/attempt`);
      this.#render();
      this.#progress();
    } catch (e) {
      console.error(e);
    }
  }

  #progress() {
    this.dispatchEvent(new CustomEvent('manabi-progress', {
      bubbles: true, composed: true,
      detail: { kind: 'scorm', ref: this.getAttribute('ref'), completed: this.attempt.completion === 'completed', passed: this.attempt.success === 'passed' ? true : this.attempt.success === 'failed' ? false : null },
    }));
  }

  async #newAttempt() {
    this.switching = true;
    try {
      await this.#closeCurrent();
      this.attempt = await fetchJson(`${this.api}/scorm/courses/${enc(this.getAttribute('course'))}/lines/${enc(this.getAttribute('ref'))}/attempts`, { method: 'POST' });
      this.#notice('');
      await this.#deliver(this.attempt.currentItem, true);
    } finally {
      this.switching = false;
    }
  }

  /** Tells the shell the learner left the course part. */
  #exited() {
    this.dispatchEvent(new CustomEvent('manabi-exit', { bubbles: true, composed: true, detail: { kind: 'scorm', ref: this.getAttribute('ref') } }));
  }

  async #leave(dispatch = false) {
    this.switching = true;
    try {
      await this.#closeCurrent();
    } finally {
      this.switching = false;
    }
    await this.#refresh();
    if (dispatch) this.#exited();
  }
}

function findItem(toc, id) {
  for (const i of toc || []) {
    if (i.id === id) return i;
    const found = findItem(i.children, id);
    if (found) return found;
  }
  return null;
}

function enc(s) {
  return encodeURIComponent(s ?? '');
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

if (!customElements.get('manabi-scorm-player')) customElements.define('manabi-scorm-player', ScormPlayer);
