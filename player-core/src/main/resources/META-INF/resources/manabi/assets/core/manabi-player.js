// <manabi-player course="ID" [part="N"] [api="/manabi/api"] [assets="/manabi/assets"] [exit-url="/"]>
// part: the index of the part to open first (the course list's resume button gives the one the learner left).
// The player shell: learner header, language switcher, the course's parts, and for each part the element of the
// module that plays its kind (manabi-<kind>-player from {assets}/<kind>/<kind>-player.js). See docs/DEVELOPING.md.
import { LANGUAGES, failureText, fetchJson, loadMessages, localize, t, uiLanguageOf } from './i18n.js';

const STYLE = `
  :host { display: block; font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK KR", sans-serif; color: #1d2330; }
  :host(:lang(zh-Hans)) { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; }
  :host(:lang(zh-Hant)) { font-family: system-ui, "Noto Sans CJK TC", "PingFang TC", sans-serif; }
  :host(:lang(ko)) { font-family: system-ui, "Noto Sans CJK KR", "Apple SD Gothic Neo", sans-serif; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem; background: #f3f5f9; border-bottom: 1px solid #d6dbe4; }
  h1 { font-size: 1.15rem; margin: 0; flex: 1 1 16rem; }
  .who { font-size: .9rem; color: #4a5568; }
  label { font-size: .9rem; }
  select, button { font: inherit; padding: .3rem .6rem; }
  button:focus-visible, select:focus-visible, [role=tab]:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
  [role=tablist] { display: flex; flex-wrap: wrap; gap: .25rem; padding: .5rem 1rem 0; border-bottom: 1px solid #d6dbe4; }
  [role=tab] { border: 1px solid #d6dbe4; border-bottom: none; background: #fff; border-radius: .4rem .4rem 0 0; cursor: pointer; }
  [role=tab][aria-selected=true] { background: #2b6cb0; color: #fff; }
  main { padding: 1rem; }
  .message { padding: 1rem; }
  .error { color: #9b2c2c; }
  @media (max-width: 40rem) { header { padding: .5rem; } main { padding: .5rem; } }
`;

class ManabiPlayer extends HTMLElement {
  static observedAttributes = ['course'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get assets() { return this.getAttribute('assets') || '/manabi/assets'; }

  connectedCallback() {
    this.#load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.isConnected && oldValue !== null && oldValue !== newValue) this.#load();
  }

  async #load() {
    this.#renderMessage('…');
    try {
      this.me = await fetchJson(`${this.api}/me`);
    } catch (e) {
      this.#renderMessage(await failureText(this.api, e), true);
      this.dispatchEvent(new CustomEvent('manabi-error', { bubbles: true, composed: true, detail: { status: e.status, code: e.code } }));
      return;
    }
    await this.#setLanguage(this.me.language, false);
  }

  async #setLanguage(lang, persist) {
    if (persist) {
      this.me = await fetchJson(`${this.api}/me/language`, { method: 'PUT', body: JSON.stringify({ language: lang }) });
      lang = this.me.language;
    }
    const courseId = this.getAttribute('course');
    this.course = null;
    if (courseId) {
      try {
        this.course = await fetchJson(`${this.api}/courses/${encodeURIComponent(courseId)}`);
        // The server applies the language rule for this course (README "Languages"): the learner's choice, the
        // host's locale, the browser's languages among those the course offers, then the course default.
        lang = this.course.language || lang;
      } catch (e) {
        this.messages = await loadMessages(this.api, lang);
        this.#renderMessage(t(this.messages, e.status === 404 ? 'error.notFound' : 'error.internal'), true);
        return;
      }
    }
    this.lang = lang;
    this.setAttribute('lang', lang);
    document.documentElement.lang = lang;
    this.messages = await loadMessages(this.api, lang);
    this.#render();
    this.dispatchEvent(new CustomEvent('manabi-language', { bubbles: true, composed: true, detail: { language: lang } }));
  }

  /** One part per kind group: a part in the learner's language, else the course default's, else the first. */
  parts() {
    const byKind = new Map();
    const result = [];
    for (const c of this.course.components) {
      if (!c.language) {
        result.push(c);
        continue;
      }
      if (!byKind.has(c.kind)) {
        byKind.set(c.kind, []);
        result.push({ group: c.kind });
      }
      byKind.get(c.kind).push(c);
    }
    return result.map((p) => {
      if (!p.group) return p;
      const variants = byKind.get(p.group);
      return variants.find((v) => uiLanguageOf(v.language) === this.lang)
        ?? variants.find((v) => uiLanguageOf(v.language) === uiLanguageOf(this.course.defaultLanguage))
        ?? variants[0];
    });
  }

  async #setAudio(select) {
    const status = this.shadowRoot.querySelector('.audio-status');
    status.textContent = '';
    try {
      this.me = select.value
        ? await fetchJson(`${this.api}/me/audio-preference`, { method: 'PUT', body: JSON.stringify({ audioPreference: select.value }) })
        : await fetchJson(`${this.api}/me/audio-preference`, { method: 'DELETE' });
    } catch (e) {
      select.value = this.me.audioPreference ?? '';
      status.textContent = t(this.messages, 'audio.saveFailed');
    }
  }

  #renderMessage(text, isError = false) {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p class="message ${isError ? 'error' : ''}" role="${isError ? 'alert' : 'status'}"></p>`;
    this.shadowRoot.querySelector('p').textContent = text;
  }

  #render() {
    const m = this.messages;
    const root = this.shadowRoot;
    root.innerHTML = `<style>${STYLE}</style>
      <header>
        <h1 id="title"></h1>
        <span class="who"></span>
        <label>${escapeHtml(t(m, 'language.label'))}
          <select id="language">${LANGUAGES.map((l) => `<option value="${l}" lang="${l}">${escapeHtml(t(m, `language.name.${l}`))}</option>`).join('')}</select>
        </label>
        <label>${escapeHtml(t(m, 'audio.label'))}
          <select id="audio">${['', 'on', 'off'].map((v) => `<option value="${v}">${escapeHtml(t(m, `audio.${v || 'unset'}`))}</option>`).join('')}</select>
        </label>
        <span class="audio-status" role="status"></span>
        <button type="button" id="exit">${escapeHtml(t(m, 'player.exit'))}</button>
      </header>
      <nav hidden><div role="tablist"></div></nav>
      <main id="stage" tabindex="-1"></main>`;
    root.querySelector('#title').textContent = this.course ? localize(this.course.title, this.lang) : t(m, 'app.name');
    root.querySelector('.who').textContent = t(m, 'player.signedInAs', this.me.displayName, this.me.tenant.name);
    const select = root.querySelector('#language');
    select.value = this.lang;
    select.addEventListener('change', () => this.#setLanguage(select.value, true));
    // The audio preference content is launched with (cmi5 11.2 audioPreference; unset: the content's own default).
    const audio = root.querySelector('#audio');
    audio.value = this.me.audioPreference ?? '';
    audio.addEventListener('change', () => this.#setAudio(audio));
    root.querySelector('#exit').addEventListener('click', () => this.#exit());
    if (!this.course) {
      const p = document.createElement('p');
      p.className = 'message';
      p.textContent = t(m, 'player.noCourse');
      root.querySelector('#stage').append(p);
      return;
    }
    const parts = this.parts();
    // WAI-ARIA APG tabs: the tablist sits inside a labelled nav landmark and the panel inside main, so landmark
    // navigation (screen readers' "next landmark") still reaches both.
    const nav = root.querySelector('nav');
    const tablist = nav.querySelector('[role=tablist]');
    if (parts.length > 1) {
      nav.hidden = false;
      nav.setAttribute('aria-label', t(m, 'player.parts'));
      tablist.setAttribute('aria-label', t(m, 'player.parts'));
      parts.forEach((part, i) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.setAttribute('role', 'tab');
        tab.id = `tab-${i}`;
        tab.textContent = t(m, `player.part.${part.kind}`, i + 1);
        tab.addEventListener('click', () => this.#mount(parts, i));
        tab.addEventListener('keydown', (e) => {
          const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
          if (step) {
            const next = (i + step + parts.length) % parts.length;
            this.#mount(parts, next);
            root.querySelector(`#tab-${next}`).focus();
          }
        });
        tablist.append(tab);
      });
    }
    if (parts.length === 0) {
      const p = document.createElement('p');
      p.className = 'message';
      p.textContent = t(m, 'player.emptyCourse');
      root.querySelector('#stage').append(p);
      return;
    }
    const requested = Number.parseInt(this.getAttribute('part') ?? '0', 10);
    this.#mount(parts, Math.min(this.current ?? (Number.isInteger(requested) && requested >= 0 ? requested : 0), parts.length - 1));
  }

  async #mount(parts, index) {
    this.current = index;
    const part = parts[index];
    this.shadowRoot.querySelectorAll('[role=tab]').forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    const main = this.shadowRoot.querySelector('#stage');
    let stage = main;
    if (parts.length > 1) {
      stage = main.querySelector('[role=tabpanel]') || main.appendChild(Object.assign(document.createElement('div'), { id: 'panel' }));
      stage.setAttribute('role', 'tabpanel');
      stage.setAttribute('aria-labelledby', `tab-${index}`);
    }
    const tag = `manabi-${part.kind}-player`;
    try {
      if (!customElements.get(tag)) await import(`${this.assets}/${part.kind}/${part.kind}-player.js`);
    } catch (e) {
      console.error(e);
      stage.replaceChildren(Object.assign(document.createElement('p'), { className: 'message error', textContent: t(this.messages, 'error.internal') }));
      return;
    }
    const el = document.createElement(tag);
    el.setAttribute('api', this.api);
    el.setAttribute('assets', this.assets);
    el.setAttribute('course', this.course.id);
    el.setAttribute('ref', part.ref);
    el.messages = this.messages;
    el.learner = this.me;
    el.setAttribute('lang', this.lang);
    stage.replaceChildren(el);
  }

  #exit() {
    const event = new CustomEvent('manabi-exit', { bubbles: true, composed: true, cancelable: true, detail: { course: this.course?.id } });
    const child = this.shadowRoot.querySelector('#stage > [ref], #panel > [ref]');
    child?.dispatchEvent(new CustomEvent('manabi-exit-request', { detail: {} }));
    if (this.dispatchEvent(event)) {
      window.location.assign(this.getAttribute('exit-url') || '/');
    }
  }
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

if (!customElements.get('manabi-player')) customElements.define('manabi-player', ManabiPlayer);
