// <manabi-admin-audit [api="/manabi/api"] [page-size="20"]>
// The audit log of admin actions (README "Personal data", GET {api}/admin/audit): who did what to which target and
// when, newest first, paged, filtered by action. Reloads its first page when another panel reports an action
// (announceChange), so the admin sees their revocation or erasure logged.
import { addRow, AdminPanel, alertBox, dataTable, el, errorText, unbroken } from './admin-kit.js';
import { fetchJson, formatDate, t } from './i18n.js';
import { createPager } from './pager.js';

/** The action codes of AuditLog.Action (player-core), in the order the filter offers them. */
const ACTIONS = ['records.downloaded', 'badge.revoked', 'member.data-downloaded', 'member.erased', 'members.listed',
  'course.sharing-changed', 'records.credential-created', 'records.credential-revoked', 'lrs.credential-created',
  'lrs.credential-revoked', 'lrs.forwarding-created', 'lrs.forwarding-changed', 'lrs.forwarding-deleted',
  'lrs.forwarding-replayed', 'badges.listed', 'cmi5.au-waived', 'cmi5.session-abandoned', 'cmi5.automation-launch',
  'rules.saved', 'retention.run', 'audit.read'];

class ManabiAdminAudit extends AdminPanel {
  titleKey = 'admin.audit.title';

  get pageSize() { return Math.min(500, Math.max(1, Number(this.getAttribute('page-size')) || 20)); }

  async render(section) {
    const m = this.messages;
    const form = el('form', { className: 'tools' });
    const action = el('select', { name: 'action' }, el('option', { value: '', textContent: t(m, 'admin.audit.allActions') }),
      ...ACTIONS.map((a) => el('option', { value: a, textContent: this.#action(a) })));
    form.append(el('label', {}, el('span', { textContent: t(m, 'admin.audit.action') }), action),
      el('button', { type: 'submit', textContent: t(m, 'admin.audit.show') }));
    this.list = el('div');
    this.status = el('p', { className: 'result', role: 'status', 'aria-live': 'polite' });
    this.pager = createPager(m, this.lang, t(m, 'admin.audit.title'), (offset) => this.#show(offset));
    section.append(form, this.status, this.list, this.pager);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.action = action.value;
      this.#show(0);
    });
    this.action = ''; // drawn again for another institution: the filter starts over with the form
    if (!this.listening) { // once, though render runs again for each institution picked
      this.listening = true;
      document.addEventListener('manabi-admin-changed', () => this.#show(0));
    }
    await this.#show(0);
  }

  #action(code) {
    return this.textOr(`admin.audit.action.${code}`, code);
  }

  async #show(offset) {
    const m = this.messages;
    const page = Math.floor(offset / this.pageSize);
    const params = new URLSearchParams({ page: String(page), size: String(this.pageSize) });
    if (this.action) params.set('action', this.action);
    if (this.tenant) params.set('tenant', this.tenant);
    let answer;
    try {
      answer = await fetchJson(`${this.api}/admin/audit?${params}`);
    } catch (e) {
      this.list.replaceChildren(alertBox(await errorText(this.api, m, e)));
      this.pager.update({ offset: 0, limit: this.pageSize, more: false });
      return;
    }
    const table = dataTable(t(m, 'admin.audit.caption'), ['when', 'who', 'action', 'target', 'detail']
      .map((c) => t(m, `admin.audit.column.${c}`)));
    for (const entry of answer.entries) {
      const tr = addRow(table, [formatDate(entry.occurredAt, this.lang),
        entry.actorTenantId ? t(m, 'admin.audit.actor.same', entry.actorId, entry.actorTenantId) : entry.actorId,
        this.#action(entry.action), unbroken(entry.target ?? ''), unbroken(detailText(entry.detail))]);
      tr.dataset.action = entry.action;
      tr.dataset.tenant = entry.targetTenantId ?? '';
      [...tr.cells].slice(0, 3).forEach((td) => td.classList.add('nowrap')); // when, who, what: short, kept whole
    }
    if (answer.entries.length === 0) addRow(table, [t(m, 'admin.audit.empty')]);
    this.list.replaceChildren(table);
    this.pager.update({ offset: page * this.pageSize, limit: this.pageSize, more: answer.more });
    this.status.textContent = answer.entries.length ? '' : t(m, 'admin.audit.empty');
  }
}

/** An entry's small JSON detail as "key: value" pairs (values that are objects as compact JSON). */
function detailText(detail) {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${v !== null && typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
}

if (!customElements.get('manabi-admin-audit')) customElements.define('manabi-admin-audit', ManabiAdminAudit);
