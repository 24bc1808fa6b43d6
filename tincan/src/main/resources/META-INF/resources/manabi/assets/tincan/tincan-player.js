// <manabi-tincan-player api course ref=lineId lang> with property messages: plays a course's tincan package (see
// docs/DEVELOPING.md, player shell contract). POST /tincan/courses/{course}/launch answers the launch link of the
// package's root activity on the content origin, with endpoint, auth, actor, registration and activity_id (Rustici,
// "Incorporating a TinCan LRS into an LMS", "Launch"); the content opens in this element's frame and talks to the
// LRS itself with its auth. Each mount launches anew, so the frame always has a fresh, short-lived credential.
import { fetchJson, t } from '../core/i18n.js';

const STYLE = `
  :host { display: block; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d6dbe4; border-radius: .4rem; background: #fff; }
  .notice { padding: .5rem .75rem; border-radius: .4rem; background: #fed7d7; color: #822727; }
  button { font: inherit; padding: .35rem .8rem; }
  button:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
`;

class TincanPlayer extends HTMLElement {
  static observedAttributes = ['lang'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.started = false;
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get m() { return this.messages || {}; }

  connectedCallback() {
    this.addEventListener('manabi-exit-request', () => this.dispatchEvent(new CustomEvent('manabi-exit', { bubbles: true, composed: true })));
    this.#start();
  }

  attributeChangedCallback() {
    if (this.started) this.#start();
  }

  async #start() {
    this.started = true;
    this.shadowRoot.innerHTML = `<style>${STYLE}</style><p role="status">${escapeHtml(t(this.m, 'tincan.player.loading'))}</p>`;
    try {
      const launch = await fetchJson(`${this.api}/tincan/courses/${encodeURIComponent(this.getAttribute('course') ?? '')}/launch`, {
        method: 'POST',
        body: '{}',
      });
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <iframe id="frame" title="${escapeHtml(t(this.m, 'tincan.player.frame'))}" allowfullscreen></iframe>`;
      this.shadowRoot.getElementById('frame').src = launch.url;
    } catch (e) {
      console.error(e);
      this.shadowRoot.innerHTML = `<style>${STYLE}</style>
        <p class="notice" role="alert">${escapeHtml(t(this.m, 'tincan.player.error'))}</p>
        <button type="button" id="retry">${escapeHtml(t(this.m, 'tincan.player.retry'))}</button>`;
      this.shadowRoot.getElementById('retry').addEventListener('click', () => this.#start());
    }
  }
}

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

if (!customElements.get('manabi-tincan-player')) customElements.define('manabi-tincan-player', TincanPlayer);
