// <manabi-course-list [api="/manabi/api"] [player-url="/player.html?course={course}&part={part}"] [page-size="10"]>
// The learner's courses with where they stand: localized title, status, progress, best score, last activity and a
// start/continue button; status filter, search in any of the course's languages, paging. One request per view:
// GET {api}/me/courses (README "REST API (core)"). Strings from the UI bundle; the search, the filter (native radio
// buttons) and the pager are ordinary form controls, and each change is announced in a polite live region.
import { failureText, fetchJson, formatDate, formatNumber, loadMessages, pickTag, t } from './i18n.js';
import { createPager } from './pager.js';

const FILTERS = ['all', 'in-progress', 'not-started', 'completed'];

const STYLE = `
  :host { display: block; font-family: inherit; color: #1d2330; }
  .tools { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: end; margin-bottom: .75rem; }
  label.search { display: grid; gap: .2rem; flex: 1 1 14rem; }
  input[type=search] { font: inherit; padding: .4rem .6rem; border: 1px solid #8792a2; border-radius: .3rem; }
  fieldset { border: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
  legend { padding: 0; margin-bottom: .2rem; float: left; width: 100%; }
  fieldset label { display: inline-flex; gap: .3rem; align-items: center; }
  ul { list-style: none; padding: 0; margin: 0; }
  li { display: grid; grid-template-columns: 1fr auto; gap: .3rem 1rem; padding: .7rem 0; border-bottom: 1px solid #eef1f6; }
  h3 { font-size: 1rem; margin: 0; }
  .facts { display: flex; flex-wrap: wrap; gap: .2rem 1rem; color: #4a5568; font-size: .88rem; margin: 0; }
  .status { font-weight: 600; }
  .status[data-status=passed], .status[data-status=completed] { color: #22543d; }
  .status[data-status=failed] { color: #9b2c2c; }
  progress { width: 7rem; height: .7rem; vertical-align: middle; }
  a.action { align-self: center; grid-row: 1 / span 2; grid-column: 2; padding: .4rem .9rem; border-radius: .3rem; background: #2b6cb0; color: #fff; text-decoration: none; white-space: nowrap; }
  nav.pager { display: flex; gap: .75rem; align-items: center; margin-top: .75rem; }
  button { font: inherit; padding: .3rem .7rem; }
  :focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
  .empty, .error { padding: .5rem 0; }
  .error { color: #9b2c2c; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

class ManabiCourseList extends HTMLElement {
  #status = 'all';
  #query = '';
  #offset = 0;
  #debounce = null;
  #generation = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get pageSize() { return Math.min(100, Math.max(1, Number(this.getAttribute('page-size')) || 10)); }

  async connectedCallback() {
    try {
      this.me = await fetchJson(`${this.api}/me`);
      this.lang = this.me.language;
      this.messages = await loadMessages(this.api, this.lang);
    } catch (e) {
      this.shadowRoot.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'error', role: 'alert',
        textContent: await failureText(this.api, e),
      }));
      return;
    }
    this.#renderFrame();
    await this.#refresh();
  }

  /** The player address for a course, from the host's template ({course}, {part}). */
  playerUrl(courseId, part) {
    const template = this.getAttribute('player-url') || '/player.html?course={course}&part={part}';
    return template.replaceAll('{course}', encodeURIComponent(courseId)).replaceAll('{part}', String(part ?? 0));
  }

  #renderFrame() {
    const m = this.messages;
    const root = this.shadowRoot;
    root.innerHTML = `<style>${STYLE}</style>
      <div class="tools">
        <label class="search"><span></span><input type="search" id="q" autocomplete="off"></label>
        <fieldset><legend></legend></fieldset>
      </div>
      <p class="sr" id="announce" role="status" aria-live="polite"></p>
      <ul id="items"></ul>`;
    root.querySelector('label.search span').textContent = t(m, 'courseList.search');
    const fieldset = root.querySelector('fieldset');
    fieldset.querySelector('legend').textContent = t(m, 'courseList.filter');
    for (const f of FILTERS) {
      const label = document.createElement('label');
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'status', value: f, checked: f === this.#status });
      radio.addEventListener('change', () => { this.#status = f; this.#offset = 0; this.#refresh(); });
      const text = document.createElement('span');
      text.dataset.filter = f;
      label.append(radio, text);
      fieldset.append(label);
    }
    root.querySelector('#items').setAttribute('aria-label', t(m, 'courseList.label'));
    this.pager = createPager(m, this.lang, t(m, 'courseList.label'), (offset) => { this.#offset = offset; this.#refresh(); });
    root.append(this.pager);
    const search = root.querySelector('#q');
    search.addEventListener('input', () => {
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => { this.#query = search.value.trim(); this.#offset = 0; this.#refresh(); }, 250);
    });
  }

  async #refresh() {
    const generation = ++this.#generation;
    const params = new URLSearchParams({ offset: String(this.#offset), limit: String(this.pageSize) });
    if (this.#status !== 'all') params.set('status', this.#status);
    if (this.#query) params.set('q', this.#query);
    let page;
    try {
      page = await fetchJson(`${this.api}/me/courses?${params}`);
    } catch (e) {
      if (generation !== this.#generation) return; // a newer request is under way: its answer (or error) counts
      const list = this.shadowRoot.querySelector('#items');
      // Announced (role alert), and the pager of the page that failed to load is hidden with it.
      list.replaceChildren(Object.assign(document.createElement('li'), { className: 'error', role: 'alert', textContent: t(this.messages, 'error.internal') }));
      this.pager.update({ offset: 0, limit: this.pageSize, total: 0 });
      return;
    }
    if (generation !== this.#generation) return; // a newer search or page answered first
    this.page = page;
    this.#renderPage(page);
    this.dispatchEvent(new CustomEvent('manabi-course-list', { bubbles: true, composed: true, detail: { total: page.total } }));
  }

  #renderPage(page) {
    const m = this.messages;
    const root = this.shadowRoot;
    root.querySelectorAll('[data-filter]').forEach((span) => {
      span.textContent = `${t(m, `courseList.filter.${span.dataset.filter}`)} (${formatNumber(page.counts[span.dataset.filter] ?? 0, this.lang)})`;
    });
    const list = root.querySelector('#items');
    list.replaceChildren(...page.items.map((s) => this.#item(s)));
    if (page.items.length === 0) {
      list.append(Object.assign(document.createElement('li'), { className: 'empty', textContent: t(m, 'courseList.empty') }));
    }
    this.pager.update(page);
    root.querySelector('#announce').textContent = t(m, 'courseList.results', formatNumber(page.total, this.lang));
  }

  #item(s) {
    const m = this.messages;
    const li = document.createElement('li');
    li.dataset.course = s.courseId;
    li.dataset.status = s.status;
    const h3 = document.createElement('h3');
    h3.id = `title-${s.courseId}`;
    const tag = pickTag(Object.keys(s.title), s.language);
    h3.textContent = tag === undefined ? s.courseId : s.title[tag];
    if (tag && tag !== 'x-none') h3.lang = tag;
    const facts = document.createElement('p');
    facts.className = 'facts';
    const status = Object.assign(document.createElement('span'), { className: 'status', textContent: t(m, `courseList.status.${s.status}`) });
    status.dataset.status = s.status;
    const progressText = t(m, 'courseList.progress', formatNumber(s.partsDone, this.lang), formatNumber(s.parts, this.lang));
    const bar = Object.assign(document.createElement('progress'), { max: Math.max(1, s.parts), value: s.partsDone });
    bar.setAttribute('aria-label', progressText);
    const progress = document.createElement('span');
    progress.append(bar, ' ', progressText);
    facts.append(status, progress);
    if (s.bestScore !== null && s.bestScore !== undefined) {
      facts.append(Object.assign(document.createElement('span'), {
        className: 'score',
        textContent: t(m, 'courseList.bestScore', formatNumber(s.bestScore / 100, this.lang, { style: 'percent', maximumFractionDigits: 0 })),
      }));
    }
    facts.append(Object.assign(document.createElement('span'), {
      className: 'last',
      textContent: s.lastActivity ? t(m, 'courseList.lastActivity', formatDate(s.lastActivity, this.lang)) : t(m, 'courseList.never'),
    }));
    const action = document.createElement('a');
    action.className = 'action';
    action.href = this.playerUrl(s.courseId, s.resumePart);
    action.textContent = t(m, s.status === 'not-started' ? 'courseList.start'
      : s.status === 'in-progress' ? 'courseList.resume' : 'courseList.review');
    // WCAG 2.4.4: the link's purpose from its text with the course it belongs to.
    action.setAttribute('aria-describedby', h3.id);
    li.append(h3, action, facts);
    return li;
  }
}

if (!customElements.get('manabi-course-list')) customElements.define('manabi-course-list', ManabiCourseList);
