// <manabi-cmi5-player api course ref=lineId lang> with property messages: plays a course's cmi5 AUs (see
// docs/DEVELOPING.md, player shell contract; cmi5 Quartz section 8.1). The list of AUs comes from
// GET /cmi5/courses/{course}; choosing one asks POST /cmi5/courses/{course}/aus/{index}/launch for its launch URL.
// An AnyWindow AU opens in this element's frame (the LMS may choose the window, 8.1); an OwnWindow AU in a new
// window, with the course page as its returnURL. The AU talks to the LRS itself with its auth-token; this element
// never sees the token.
import { fetchJson, t } from '../core/i18n.js';

const STYLE = `
  :host { display: block; }
  ol { list-style: none; margin: 0 0 .75rem; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d6dbe4; border-radius: .4rem; background: #fff; }
  .notice { padding: .5rem .75rem; border-radius: .4rem; background: #fefcbf; color: #744210; }
  .notice.error { background: #fed7d7; color: #822727; }
  button { font: inherit; padding: .35rem .8rem; }
  button[aria-pressed="true"] { font-weight: bold; }
  button:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
`;

class Cmi5Player extends HTMLElement {
  static observedAttributes = ['lang'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.course = null;
    this.current = null;
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get m() { return this.messages || {}; }

  connectedCallback() {
    this.addEventListener('manabi-exit-request', () => this.dispatchEvent(new CustomEvent('manabi-exit', { bubbles: true, composed: true })));
    this.#start();
  }

  attributeChangedCallback() {
    if (this.course) this.#start();
  }

  async #start() {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p role="status">${escapeHtml(t(this.m, 'cmi5.player.loading'))}</p>`;
    try {
      this.course = await fetchJson(`${this.api}/cmi5/courses/${enc(this.getAttribute('course'))}`);
      this.#render();
      if (this.course.aus.length === 1) await this.#launch(this.course.aus[0]);
    } catch (e) {
      console.error(e);
      this.#error();
    }
  }

  #render() {
    const buttons = this.course.aus.map((au) => `<li><button type="button" data-index="${au.index}"
        aria-pressed="${this.current === au.index}">${escapeHtml(au.title)}</button></li>`).join('');
    this.shadowRoot.innerHTML = `<style>${STYLE}</style>
      <nav aria-label="${escapeHtml(t(this.m, 'cmi5.player.units'))}"><ol>${buttons}</ol></nav>
      <p class="notice" id="notice" role="status" hidden></p>
      <iframe id="frame" title="${escapeHtml(t(this.m, 'cmi5.player.frame'))}" allowfullscreen hidden></iframe>`;
    this.shadowRoot.querySelectorAll('button[data-index]').forEach((b) => b.addEventListener('click', () =>
      this.#launch(this.course.aus.find((au) => String(au.index) === b.dataset.index)).catch((e) => {
        console.error(e);
        this.#error();
      })));
  }

  async #launch(au) {
    const ownWindow = au.launchMethod === 'OwnWindow';
    const launch = await fetchJson(`${this.api}/cmi5/courses/${enc(this.getAttribute('course'))}/aus/${au.index}/launch`, {
      method: 'POST',
      body: JSON.stringify(ownWindow ? { returnUrl: window.location.pathname + window.location.search } : {}),
    });
    this.current = au.index;
    this.#render();
    const notice = this.shadowRoot.getElementById('notice');
    if (ownWindow) {
      const opened = window.open(launch.url, '_blank');
      notice.textContent = t(this.m, opened ? 'cmi5.player.ownWindow' : 'cmi5.player.popupBlocked', au.title);
      notice.hidden = false;
      return;
    }
    const frame = this.shadowRoot.getElementById('frame');
    frame.src = launch.url;
    frame.hidden = false;
  }

  #error() {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p class="notice error" role="alert">${escapeHtml(t(this.m, 'cmi5.player.error'))}</p>`;
  }
}

function enc(s) { return encodeURIComponent(s ?? ''); }

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

if (!customElements.get('manabi-cmi5-player')) customElements.define('manabi-cmi5-player', Cmi5Player);
