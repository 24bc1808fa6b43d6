// <manabi-cmi5-player api course ref=lineId lang> with property messages: plays a course's cmi5 AUs (see
// docs/DEVELOPING.md, player shell contract; cmi5 Quartz section 8.1). The table of contents (the course's blocks
// and AUs with the learner's standing: completed, passed/failed with the score, waived, satisfied by moveOn) comes
// from GET /cmi5/courses/{course}, titles picked from the course structure's langstrings for the UI language
// (i18n.js localize, the project's language rule); choosing an AU asks POST /cmi5/courses/{course}/aus/{index}/launch
// for its launch URL. An AnyWindow AU opens in this element's frame (the LMS may choose the window, 8.1); an
// OwnWindow AU in a new window, with the course page as its returnURL. The AU talks to the LRS itself with its
// auth-token; this element never sees the token, so while an AU is open and the course is not yet satisfied it
// reads the standing again every REFRESH_MS (and when the page becomes visible again), redraws the contents only when
// the standing changed (a screen reader keeps its place otherwise), announces the satisfied course in its role=status
// region and dispatches manabi-progress when the course's standing changes. A satisfied course stays satisfied
// (cmi5 9.3.9: stated once per registration), so polling stops then. The playing AU's button is aria-current.
import { fetchJson, formatNumber, localize, t } from '../core/i18n.js';

const REFRESH_MS = 10000;

const STYLE = `
  :host { display: block; }
  ol { list-style: none; margin: 0; padding: 0; }
  nav > ol { margin: 0 0 .75rem; display: grid; gap: .4rem; }
  ol ol { margin: .4rem 0 0 1.25rem; display: grid; gap: .4rem; }
  .block-title { font-weight: bold; }
  .state { display: inline-flex; flex-wrap: wrap; gap: .3rem; margin-inline-start: .5rem; font-size: .9em; }
  .tag { padding: .05rem .45rem; border-radius: .8rem; background: #edf2f7; color: #2d3748; }
  .tag.done { background: #c6f6d5; color: #22543d; }
  .tag.failed { background: #fed7d7; color: #822727; }
  .course-done { margin: 0 0 .5rem; color: #22543d; font-weight: bold; }
  .course-done:empty { margin: 0; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d6dbe4; border-radius: .4rem; background: #fff; }
  .notice { padding: .5rem .75rem; border-radius: .4rem; background: #fefcbf; color: #744210; }
  .notice.error { background: #fed7d7; color: #822727; }
  button { font: inherit; padding: .35rem .8rem; }
  button[aria-current="true"] { font-weight: bold; }
  button:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
`;

class Cmi5Player extends HTMLElement {
  static observedAttributes = ['lang'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.course = null;
    this.standing = ''; // the course's standing as last drawn (its JSON), to redraw only what changed
    this.current = null;
    this.timer = null;
    this.onVisible = () => { if (document.visibilityState === 'visible' && this.current !== null) this.#refresh(); };
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get lang() { return this.getAttribute('lang') || 'en'; }
  get m() { return this.messages || {}; }

  connectedCallback() {
    this.addEventListener('manabi-exit-request', () => this.dispatchEvent(new CustomEvent('manabi-exit', { bubbles: true, composed: true })));
    document.addEventListener('visibilitychange', this.onVisible);
    this.#start();
  }

  disconnectedCallback() {
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.timer);
  }

  attributeChangedCallback() {
    if (this.course) this.#renderToc();
  }

  async #start() {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p role="status">${escapeHtml(t(this.m, 'cmi5.player.loading'))}</p>`;
    try {
      this.course = await this.#load();
      // role=status exists (empty) before the course is done, so assistive technology announces "done" when it comes
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <p class="course-done" id="course-done" role="status"></p>
        <nav aria-label="${escapeHtml(t(this.m, 'cmi5.player.units'))}"></nav>
        <p class="notice" id="notice" role="status" hidden></p>
        <iframe id="frame" title="${escapeHtml(t(this.m, 'cmi5.player.frame'))}" allowfullscreen hidden></iframe>`;
      this.#renderToc();
      if (this.course.aus.length === 1) await this.#launch(this.course.aus[0]);
    } catch (e) {
      console.error(e);
      this.#error();
    }
  }

  #load() {
    return fetchJson(`${this.api}/cmi5/courses/${enc(this.getAttribute('course'))}`);
  }

  /** The AU's or course's title in the UI language, from its langstrings (else the server's pick). */
  #title(item) {
    return localize(item.titles, this.lang) || item.title || '';
  }

  /**
   * The table of contents: blocks as nested lists (a block's element id from its index path in the course
   * structure, unique), each AU a button with its standing beside it; "every requirement met" in the status region.
   */
  #renderToc() {
    const nav = this.shadowRoot.querySelector('nav');
    if (!nav) return;
    this.standing = JSON.stringify(this.course);
    const done = this.shadowRoot.getElementById('course-done');
    const doneText = this.course.satisfied ? t(this.m, 'cmi5.toc.courseDone') : '';
    if (done.textContent !== doneText) done.textContent = doneText;
    const focused = this.shadowRoot.activeElement?.dataset?.index;
    const byIndex = new Map(this.course.aus.map((au) => [au.index, au]));
    const entries = this.course.toc ?? this.course.aus.map((au) => ({ type: 'au', auIndex: au.index }));
    const list = (items, path) => `<ol>${items.map((e, i) => e.type === 'block' ? this.#block(e, list, [...path, i])
      : this.#au(byIndex.get(e.auIndex))).join('')}</ol>`;
    nav.innerHTML = list(entries, []);
    nav.querySelectorAll('button[data-index]').forEach((b) => b.addEventListener('click', () =>
      this.#launch(byIndex.get(Number(b.dataset.index))).catch((e) => {
        console.error(e);
        this.#error();
      })));
    if (focused !== undefined) nav.querySelector(`button[data-index="${focused}"]`)?.focus();
  }

  #block(entry, list, path) {
    const id = `block-${path.join('-')}`;
    return `<li><span class="block-title" id="${id}">${escapeHtml(localize(entry.titles, this.lang))}</span>${entry.satisfied
      ? `<span class="state"><span class="tag done">${escapeHtml(t(this.m, 'cmi5.toc.satisfied'))}</span></span>` : ''}
      <div role="group" aria-labelledby="${id}">${list(entry.children ?? [], path)}</div></li>`;
  }

  #au(au) {
    if (!au) return '';
    const s = au.status ?? {};
    const tags = [];
    if (s.completed) tags.push(['', t(this.m, 'cmi5.toc.completed')]);
    if (s.passed === true) tags.push(['', t(this.m, 'cmi5.toc.passed')]);
    if (s.passed === false) tags.push(['failed', t(this.m, 'cmi5.toc.failed')]);
    if (s.percent !== null && s.percent !== undefined) tags.push(['', t(this.m, 'cmi5.toc.score', formatNumber(s.percent, this.lang, { maximumFractionDigits: 0 }))]);
    if (s.waived) tags.push(['', t(this.m, 'cmi5.toc.waived')]);
    if (s.satisfied) tags.push(['done', t(this.m, 'cmi5.toc.satisfied')]);
    if (tags.length === 0) tags.push(['', t(this.m, 'cmi5.toc.notStarted')]);
    const state = `au-state-${au.index}`;
    // the AU playing now is the current item of the contents (WAI-ARIA aria-current), not a pressed toggle
    const current = this.current === au.index ? ' aria-current="true"' : '';
    return `<li><button type="button" data-index="${au.index}"${current}
        aria-describedby="${state}">${escapeHtml(this.#title(au))}</button><span class="state" id="${state}">${tags
      .map(([cls, text]) => `<span class="tag ${cls}">${escapeHtml(text)}</span>`).join('')}</span></li>`;
  }

  /**
   * Reads the standing again; redraws the contents only when it changed (the AU's frame stays, and so does a
   * screen reader's place when nothing changed), reports a course change, and stops polling once the course is
   * satisfied.
   */
  async #refresh() {
    try {
      const before = this.course;
      const course = await this.#load();
      if (course.satisfied) this.#stopPolling();
      if (JSON.stringify(course) === this.standing) return;
      this.course = course;
      this.#renderToc();
      if (before.satisfied !== this.course.satisfied || before.passed !== this.course.passed) {
        this.dispatchEvent(new CustomEvent('manabi-progress', { bubbles: true, composed: true, detail: {
          kind: 'cmi5', ref: this.course.ref, completed: this.course.satisfied, passed: this.course.passed } }));
      }
    } catch (e) {
      console.error(e); // the next refresh tries again; the AU plays on
    }
  }

  async #launch(au) {
    const ownWindow = au.launchMethod === 'OwnWindow';
    const launch = await fetchJson(`${this.api}/cmi5/courses/${enc(this.getAttribute('course'))}/aus/${au.index}/launch`, {
      method: 'POST',
      body: JSON.stringify(ownWindow ? { returnUrl: window.location.pathname + window.location.search } : {}),
    });
    this.current = au.index;
    this.#renderToc();
    this.#stopPolling();
    if (!this.course.satisfied) {
      this.timer = setInterval(() => { if (document.visibilityState === 'visible') this.#refresh(); }, REFRESH_MS);
    }
    const notice = this.shadowRoot.getElementById('notice');
    const frame = this.shadowRoot.getElementById('frame');
    if (ownWindow) {
      const opened = window.open(launch.url, '_blank');
      notice.textContent = t(this.m, opened ? 'cmi5.player.ownWindow' : 'cmi5.player.popupBlocked', this.#title(au));
      notice.hidden = false;
      frame.hidden = true;
      return;
    }
    notice.hidden = true;
    frame.src = launch.url;
    frame.hidden = false;
  }

  #stopPolling() {
    clearInterval(this.timer);
    this.timer = null;
  }

  #error() {
    this.#stopPolling();
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p class="notice error" role="alert">${escapeHtml(t(this.m, 'cmi5.player.error'))}</p>`;
  }
}

function enc(s) { return encodeURIComponent(s ?? ''); }

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

if (!customElements.get('manabi-cmi5-player')) customElements.define('manabi-cmi5-player', Cmi5Player);
