// <manabi-scorm-preview package="ID" [api] [assets] [lang]> (property messages optional): content teams launch any
// package version without a learner attempt. The data model lives in the launcher on the content origin only
// (scorm-launcher.js; nothing is stored on the server); every API call is logged (function, arguments, return value,
// error code, time) next to a live view of the current data model values, both sent here by postMessage
// (scorm-bridge.js).
import { fetchJson, loadMessages, localize, t } from '../core/i18n.js';
import { LauncherBridge } from './scorm-bridge.js';
import { loadDefinition } from './scorm-player.js';
import { TOC_STYLE, flatten, renderToc } from './scorm-toc.js';

const STYLE = `
  :host { display: block; }
  .layout { display: grid; grid-template-columns: minmax(12rem, 16rem) 1fr; gap: .75rem; }
  nav { border: 1px solid #d6dbe4; border-radius: .4rem; padding: .5rem; }
  iframe { width: 100%; height: 55vh; border: 1px solid #d6dbe4; border-radius: .4rem; }
  .panels { display: grid; grid-template-columns: 3fr 2fr; gap: .75rem; margin-top: .75rem; }
  .scroll { max-height: 40vh; overflow: auto; border: 1px solid #d6dbe4; border-radius: .4rem; }
  table { border-collapse: collapse; width: 100%; font: .8rem ui-monospace, monospace; }
  th, td { text-align: left; padding: .15rem .4rem; border-bottom: 1px solid #edf2f7; vertical-align: top; word-break: break-all; }
  th { position: sticky; top: 0; background: #f7fafc; }
  tr.err td { color: #9b2c2c; }
  .notice { padding: .4rem .7rem; background: #ebf8ff; border-radius: .4rem; }
  .bar { display: flex; gap: .5rem; margin: .5rem 0; flex-wrap: wrap; }
  button { font: inherit; padding: .3rem .7rem; }
  button:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
  h2 { font-size: 1rem; margin: .25rem 0; }
  @media (max-width: 56rem) { .layout, .panels { grid-template-columns: 1fr; } }
  ${TOC_STYLE}
`;

class ScormPreview extends HTMLElement {
  static observedAttributes = ['package'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.bridge = null;
    this.values = [];
    this.log = [];
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get lang() { return this.getAttribute('lang') || document.documentElement.lang || 'en'; }

  async connectedCallback() {
    if (!this.messages) this.messages = await loadMessages(this.api, this.lang);
    this.#load();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.isConnected && oldValue !== null && oldValue !== newValue) this.#load();
  }

  async #load() {
    const m = this.messages || {};
    try {
      this.preview = await fetchJson(`${this.api}/scorm/preview/${encodeURIComponent(this.getAttribute('package'))}`);
    } catch (e) {
      this.shadowRoot.innerHTML = `<style>${STYLE}</style><p class="notice" role="alert"></p>`;
      this.shadowRoot.querySelector('p').textContent = t(m, e.status === 404 ? 'error.notFound' : 'scorm.player.error');
      return;
    }
    this.shadowRoot.innerHTML = `<style>${STYLE}</style>
      <h2 id="title"></h2>
      <p class="notice" role="note" id="notice"></p>
      <div class="layout">
        <nav aria-labelledby="toc-title"><h2 id="toc-title"></h2><div id="tree"></div></nav>
        <div>
          <iframe id="frame"></iframe>
          <div class="bar">
            <button type="button" id="previous"></button><button type="button" id="next"></button>
            <button type="button" id="restart"></button><button type="button" id="clear"></button>
          </div>
        </div>
      </div>
      <div class="panels">
        <section><h2 id="log-title"></h2><div class="scroll" tabindex="0" role="region" aria-labelledby="log-title">
          <table><thead><tr><th scope="col" data-k="time"></th><th scope="col" data-k="function"></th><th scope="col" data-k="arguments"></th><th scope="col" data-k="result"></th><th scope="col" data-k="error"></th></tr></thead><tbody id="log"></tbody></table></div></section>
        <section><h2 id="values-title"></h2><div class="scroll" tabindex="0" role="region" aria-labelledby="values-title">
          <table><thead><tr><th scope="col" data-k="element"></th><th scope="col" data-k="value"></th></tr></thead><tbody id="values"></tbody></table></div></section>
      </div>`;
    const $ = (id) => this.shadowRoot.getElementById(id);
    $('title').textContent = t(m, 'scorm.preview.title', `${localize(this.preview.title, this.lang)} (v${this.preview.version})`);
    $('notice').textContent = t(m, 'scorm.preview.notice');
    $('toc-title').textContent = t(m, 'scorm.player.toc');
    $('previous').textContent = t(m, 'scorm.player.previous');
    $('next').textContent = t(m, 'scorm.player.next');
    $('restart').textContent = t(m, 'scorm.preview.restart');
    $('clear').textContent = t(m, 'scorm.preview.clear');
    $('log-title').textContent = t(m, 'scorm.preview.log');
    $('values-title').textContent = t(m, 'scorm.preview.values');
    this.shadowRoot.querySelectorAll('th[data-k]').forEach((th) => { th.textContent = t(m, `scorm.preview.${th.dataset.k}`); });
    const order = flatten(this.preview.toc);
    const step = (d) => {
      const i = order.findIndex((x) => x.id === this.itemId);
      const next = order[i + d];
      if (next) this.#launch(next.id);
    };
    $('previous').addEventListener('click', () => step(-1));
    $('next').addEventListener('click', () => step(1));
    $('restart').addEventListener('click', () => this.#launch(this.itemId));
    $('clear').addEventListener('click', () => { this.log = []; $('log').replaceChildren(); });
    if (order[0]) this.#launch(order[0].id);
  }

  async #launch(itemId) {
    const $ = (id) => this.shadowRoot.getElementById(id);
    const previous = this.bridge;
    this.bridge = null;
    await previous?.close();
    const session = await fetchJson(`${this.api}/scorm/preview/${encodeURIComponent(this.preview.packageId)}/scos/${encodeURIComponent(itemId)}/session`, { method: 'POST' });
    const definition = await loadDefinition(this.api, session.model);
    this.itemId = itemId;
    this.values = [];
    renderToc($('tree'), this.preview.toc, { lang: this.lang, messages: this.messages, current: itemId, onChoose: (id) => this.#launch(id) });
    $('frame').title = itemId;
    const bridge = new LauncherBridge($('frame'), session, definition, {
      title: itemId,
      log: true,
      onEvent: (m) => {
        if (this.bridge !== bridge) return;
        if (m.type === 'call') this.#logged(m.entry);
        else if (m.type === 'values') this.#showValues(m.values);
      },
    });
    this.bridge = bridge;
    this.#showValues([]);
  }

  #logged(entry) {
    this.log.push(entry);
    const tr = document.createElement('tr');
    if (entry.error) tr.className = 'err';
    const time = new Date(entry.time).toISOString().slice(11, 23);
    for (const text of [time, entry.fn, entry.args.map((a) => JSON.stringify(a ?? '')).join(', '), JSON.stringify(entry.result), entry.error === null ? '' : String(entry.error)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const body = this.shadowRoot.getElementById('log');
    body?.append(tr);
    body?.parentElement?.parentElement && (body.parentElement.parentElement.scrollTop = body.parentElement.parentElement.scrollHeight);
  }

  /** The data model as the launcher shows it: [element, value as the SCO would read it] (scorm-launcher.js). */
  #showValues(values) {
    const body = this.shadowRoot.getElementById('values');
    if (!body) return;
    this.values = values;
    const rows = values.map((pair) => {
      const tr = document.createElement('tr');
      for (const text of pair) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    });
    body.replaceChildren(...rows);
  }
}

if (!customElements.get('manabi-scorm-preview')) customElements.define('manabi-scorm-preview', ScormPreview);
