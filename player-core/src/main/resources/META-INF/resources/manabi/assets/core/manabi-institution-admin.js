// <manabi-institution-admin [api="/manabi/api"]> ... other modules' panels ... </manabi-institution-admin>
// The institution admin's pages (issue 15; README "Institution administration"): player-core's panels (learning
// records, members' personal data, audit log) with the panels of other modules the host puts inside the element
// (for example the badges module's <manabi-admin-badges>), shown after the records in a slot. Core composes them by
// tag name only, so it does not depend on those modules. A signed-in reader who administers nothing gets one clear
// message instead of the panels (the API would answer 403 to each).
import { ADMIN_STYLE, adminContext, alertBox, el, isAdmin } from './admin-kit.js';
import { failureText, t } from './i18n.js';
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
    root.append(el('div', { className: 'panels' },
      // A platform admin's audit log spans every institution: the "your institution only" note is not theirs.
      me.roles.includes('platform-admin') ? null : el('p', { textContent: t(messages, 'admin.intro', me.tenant.name) }),
      panel('manabi-admin-records'), el('slot'), panel('manabi-admin-members'), panel('manabi-admin-audit')));
  }
}

if (!customElements.get('manabi-institution-admin')) customElements.define('manabi-institution-admin', ManabiInstitutionAdmin);
