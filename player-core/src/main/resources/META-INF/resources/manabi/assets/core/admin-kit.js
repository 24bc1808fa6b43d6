// Shared pieces of the institution admin's panels (README "Institution administration"): the panels of every module
// (player-core's records, members and audit log, the badges module's awards) build their DOM, tables, errors and
// confirmation dialogs with these, so they look and behave alike. Strings come from the UI bundle (admin.*).
import { ApiError, failureText, fetchJson, loadMessages, t } from './i18n.js';

/** Styles every panel adopts in its shadow root. */
export const ADMIN_STYLE = `
  :host { display: block; font-family: inherit; color: #1d2330; }
  h3 { font-size: 1.05rem; margin: 0 0 .6rem; }
  form.tools { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end; margin-bottom: .75rem; }
  label { display: grid; gap: .2rem; }
  input, select, textarea, button { font: inherit; padding: .35rem .6rem; }
  input, select, textarea { border: 1px solid #8792a2; border-radius: .3rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
  caption { text-align: left; font-weight: 600; padding: .3rem 0; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eef1f6; vertical-align: top; }
  /* Ids, pseudonyms and JSON details have no break opportunities: they wrap anywhere so a table fits its panel. */
  .any, p { overflow-wrap: anywhere; }
  th, td.nowrap, button { white-space: nowrap; }
  .links { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin: .5rem 0; }
  a { color: #2b6cb0; }
  .revoked, .error { color: #9b2c2c; }
  .withdrawn { color: #4a5568; }
  .result { margin: .5rem 0; }
  nav.pager { display: flex; gap: .75rem; align-items: center; margin-top: .5rem; }
  dialog { border: 1px solid #8792a2; border-radius: .5rem; padding: 1rem 1.25rem; max-width: 32rem; }
  dialog::backdrop { background: rgb(0 0 0 / .35); }
  dialog form { display: grid; gap: .7rem; }
  dialog .buttons { display: flex; gap: .75rem; justify-content: flex-end; }
  button.danger { background: #9b2c2c; color: #fff; border: 1px solid #9b2c2c; border-radius: .3rem; }
  :focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
`;

/** Creates an element: `props` are set as properties (attributes for `aria*`/`data*` keys), children appended. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key.startsWith('aria-') || key.startsWith('data-') || key === 'role' || key === 'for') node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

/**
 * What to tell the admin when a call failed: not allowed (403), not found (404, also another institution's member
 * or badge: the API does not say which), the request was refused (400, with the code), otherwise a general error.
 */
export async function errorText(api, messages, error) {
  if (error instanceof ApiError) {
    if (error.status === 403) return t(messages, 'admin.error.forbidden');
    if (error.status === 404) return t(messages, 'error.notFound');
    if (error.status === 400) return t(messages, 'admin.error.badRequest', error.code);
  }
  return failureText(api, error);
}

/** A paragraph announcing `text` at once (role alert): the panel is never left blank after a failure. */
export function alertBox(text) {
  return el('p', { className: 'error', role: 'alert', textContent: text });
}

/** A table with a caption and column headers (`columns`: header texts); rows go into its tBodies[0]. */
export function dataTable(caption, columns) {
  const table = el('table');
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const c of columns) head.append(el('th', { scope: 'col', textContent: c }));
  table.createTBody();
  return table;
}

/** A text that may break anywhere (an id, a pseudonym, a JSON detail), for a table cell. */
export function unbroken(text) {
  return el('span', { className: 'any', textContent: text });
}

/** Appends a row of cells (strings or nodes) to `table`'s body. */
export function addRow(table, cells) {
  const tr = table.tBodies[0].insertRow();
  for (const c of cells) {
    const td = tr.insertCell();
    td.append(c ?? '');
  }
  return tr;
}

/**
 * Asks for confirmation in a modal dialog (`<dialog>`: focus stays inside and Escape cancels, HTML "The dialog
 * element"), appended to `root`. `fields`: [{name, label, multiline, required, mustEqual}]; `mustEqual` makes the
 * confirm button wait until the typed value equals it (a typed confirmation). Resolves to {name: value} or null when
 * cancelled; focus returns to `opener` afterwards (WCAG 2.4.3).
 */
export function confirmInDialog(root, messages, { title, text, fields, confirm, opener }) {
  return new Promise((resolve) => {
    const heading = el('h3', { id: 'dialog-title', textContent: title });
    const form = el('form', { method: 'dialog' });
    const inputs = fields.map((f, i) => {
      const input = el(f.multiline ? 'textarea' : 'input', {
        name: f.name, id: `dialog-field-${i}`, required: Boolean(f.required), autocomplete: 'off',
        maxLength: f.maxLength ?? 500,
      });
      if (f.multiline) input.rows = 3;
      form.append(el('label', { for: input.id }, el('span', { textContent: f.label }), input));
      return [f, input];
    });
    const ok = el('button', { type: 'submit', value: 'confirm', className: 'danger', textContent: confirm });
    const cancel = el('button', { type: 'button', textContent: t(messages, 'admin.dialog.cancel') });
    form.append(el('div', { className: 'buttons' }, cancel, ok));
    const dialog = el('dialog', { 'aria-labelledby': heading.id },
      heading, text ? el('p', { id: 'dialog-text', textContent: text }) : null, form);
    if (text) dialog.setAttribute('aria-describedby', 'dialog-text');
    const check = () => {
      ok.disabled = inputs.some(([f, input]) => (f.required && !input.value.trim())
        || (f.mustEqual !== undefined && input.value.trim() !== f.mustEqual));
    };
    inputs.forEach(([, input]) => input.addEventListener('input', check));
    check();
    let answer = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (ok.disabled) return;
      answer = Object.fromEntries(inputs.map(([f, input]) => [f.name, input.value.trim()]));
      dialog.close();
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(answer);
    });
    root.append(dialog);
    dialog.showModal();
    inputs[0]?.[1].focus();
  });
}

const contexts = new Map();

/** The signed-in admin (GET {api}/me) and their UI bundle, fetched once per page for every panel. */
export function adminContext(api) {
  if (!contexts.has(api)) {
    contexts.set(api, fetchJson(`${api}/me`).then(async (me) => ({ me, messages: await loadMessages(api, me.language) })));
  }
  return contexts.get(api);
}

/** Whether `me` administers an institution (institution admins) or every one (platform admins). */
export function isAdmin(me) {
  return me.roles.includes('institution-admin') || me.roles.includes('platform-admin');
}

/**
 * Tells every panel that an admin action changed something (a revocation, an erasure): the audit log reloads.
 * An event on the document itself, so panels in any shadow root and of any module hear it.
 */
export function announceChange(action) {
  document.dispatchEvent(new CustomEvent('manabi-admin-changed', { detail: { action } }));
}

/**
 * Base of a panel: `<manabi-admin-... api="/manabi/api" [tenant="univ-b"]>` in a shadow root, a region named by its
 * heading (`titleKey`), a clear message instead of the panel for a reader who is not an admin or when the first load
 * fails. `tenant` is the institution shown: set by the shell's picker for platform admins (absent: the reader's own);
 * when it changes the panel is drawn again, and its calls carry it (`withTenant`; the APIs take `?tenant=`).
 * Subclasses implement `render(section)`, called again on each redraw with the section emptied to its heading.
 */
export class AdminPanel extends HTMLElement {
  static observedAttributes = ['tenant'];

  #section = null;
  #drawing = Promise.resolve();
  #drawn = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }

  /** The institution picked for a platform admin, or null for the reader's own. */
  get tenant() { return this.getAttribute('tenant') || null; }

  /** `url` with `tenant=` added when an institution was picked. */
  withTenant(url) {
    if (!this.tenant) return url;
    return `${url}${url.includes('?') ? '&' : '?'}tenant=${encodeURIComponent(this.tenant)}`;
  }

  async connectedCallback() {
    if (this.shadowRoot.childElementCount) return; // moved in the page: already drawn
    const section = el('section', { 'aria-busy': 'true' });
    this.shadowRoot.append(el('style', { textContent: ADMIN_STYLE }), section);
    try {
      const { me, messages } = await adminContext(this.api);
      this.me = me;
      this.lang = me.language;
      this.messages = messages;
    } catch (e) {
      section.replaceChildren(alertBox(await failureText(this.api, e)));
      section.removeAttribute('aria-busy');
      return;
    }
    this.#section = section;
    await this.#redraw();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous !== value && this.#section) this.#redraw();
  }

  /** Draws one after another: an institution picked while the previous one still loads is drawn after it. */
  #redraw() {
    this.#drawing = this.#drawing.then(() => this.#draw());
    return this.#drawing;
  }

  async #draw() {
    const shown = this.tenant ?? this.me.tenant.id;
    if (shown === this.#drawn) return;
    this.#drawn = shown;
    const section = this.#section;
    section.setAttribute('aria-busy', 'true');
    const heading = el('h3', { id: 'panel-title', textContent: t(this.messages, this.titleKey) });
    section.setAttribute('aria-labelledby', heading.id);
    section.replaceChildren(heading);
    try {
      if (!isAdmin(this.me)) {
        // Inside the shell, the shell says it once for the whole page (its panels are then not shown at all).
        if (!this.#inShell()) section.append(alertBox(t(this.messages, 'admin.notAllowed')));
        else section.hidden = true;
      } else {
        await this.render(section);
      }
    } catch (e) {
      section.append(alertBox(await errorText(this.api, this.messages, e)));
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  #inShell() {
    return Boolean(this.closest('manabi-institution-admin') || this.getRootNode().host?.closest('manabi-institution-admin'));
  }

  /** A bundle text, or `fallback` when the bundle has no such key (a code the UI does not know yet). */
  textOr(key, fallback) {
    return this.messages[key] === undefined ? fallback : t(this.messages, key);
  }
}
