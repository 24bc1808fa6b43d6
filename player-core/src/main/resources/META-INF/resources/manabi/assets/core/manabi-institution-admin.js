// <manabi-institution-admin [api="/manabi/api"]> ... other modules' panels ... </manabi-institution-admin>
// The institution admin's pages (issue 15; README "Institution administration"): player-core's panels (learning
// records, members' personal data, audit log) with the panels of other modules the host puts inside the element
// (for example the badges module's <manabi-admin-badges>), shown after the records in a slot. Core composes them by
// tag name only, so it does not depend on those modules. A signed-in reader who administers nothing gets one clear
// message instead of the panels (the API would answer 403 to each). A platform admin also picks the institution
// shown (the panels' `tenant` attribute).
import { ADMIN_STYLE, adminContext, alertBox, el, errorText, isAdmin } from './admin-kit.js';
import { failureText, fetchJson, t } from './i18n.js';
import './manabi-admin-records.js';
import './manabi-admin-members.js';
import './manabi-admin-audit.js';

class ManabiInstitutionAdmin extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }

  async connectedCallback() {
    const root = this.shadowRoot;
    if (root.childElementCount) return;
    root.append(el('style', { textContent: `${ADMIN_STYLE} .panels { display: grid; gap: 1.5rem; }` }));
    let context;
    try {
      context = await adminContext(this.api);
    } catch (e) {
      root.append(alertBox(await failureText(this.api, e)));
      return;
    }
    const { me, messages } = context;
    if (!isAdmin(me)) {
      root.append(alertBox(t(messages, 'admin.notAllowed')));
      return;
    }
    const panel = (tag) => {
      const node = document.createElement(tag);
      node.setAttribute('api', this.api);
      return node;
    };
    const panels = [panel('manabi-admin-records'), panel('manabi-admin-members'), panel('manabi-admin-audit')];
    const platform = me.roles.includes('platform-admin');
    root.append(el('div', { className: 'panels' },
      // A platform admin picks the institution; the "your institution only" note is an institution admin's.
      platform ? await this.#picker(me, messages, panels)
        : el('p', { textContent: t(messages, 'admin.intro', me.tenant.name) }),
      panels[0], el('slot'), panels[1], panels[2]));
  }

  /**
   * The platform admin's institution picker (a native, labelled <select>): every institution the player knows
   * (GET {api}/admin/tenants), their own first chosen. Picking one sets `tenant` on core's panels and on the
   * host's panels slotted in (`manabi-admin-*` children), which draw again with `?tenant=` on their calls; a live
   * region says which institution is shown.
   */
  async #picker(me, messages, panels) {
    const box = el('div');
    let tenants;
    try {
      tenants = await fetchJson(`${this.api}/admin/tenants`);
    } catch (e) {
      box.append(alertBox(await errorText(this.api, messages, e)));
      return box;
    }
    if (!tenants.some((x) => x.id === me.tenant.id)) tenants.unshift({ id: me.tenant.id, name: me.tenant.name });
    const select = el('select', { id: 'tenant', name: 'tenant' },
      ...tenants.map((x) => el('option', { value: x.id, textContent: x.name || x.id, selected: x.id === me.tenant.id })));
    const status = el('p', { className: 'result', role: 'status', 'aria-live': 'polite' });
    const show = () => {
      const picked = select.value;
      for (const node of [...panels, ...[...this.children].filter((c) => c.localName.startsWith('manabi-admin-'))]) {
        node.setAttribute('tenant', picked);
      }
      status.textContent = t(messages, 'admin.tenant.showing', select.selectedOptions[0].textContent);
    };
    select.addEventListener('change', show);
    show();
    const form = el('form', { className: 'tools' },
      el('label', { for: select.id }, el('span', { textContent: t(messages, 'admin.tenant.label') }), select));
    form.addEventListener('submit', (e) => e.preventDefault());
    box.append(form, status);
    return box;
  }
}

if (!customElements.get('manabi-institution-admin')) customElements.define('manabi-institution-admin', ManabiInstitutionAdmin);
