// <manabi-admin-members [api="/manabi/api"]>
// Members' personal data (README "Personal data"): the admin looks a member of their institution up by id, downloads
// everything the player holds about them (GET {api}/admin/members/{id}/data, the document the member gets from
// /me/data) and erases them on request (POST .../erase with a reason) after typing the member id to confirm; the
// result lists the rows erased per module. Platform admins also run the retention job now and see what it did.
import { addRow, AdminPanel, alertBox, announceChange, confirmInDialog, dataTable, el, errorText } from './admin-kit.js';
import { fetchJson, formatDate, formatNumber, t } from './i18n.js';

class ManabiAdminMembers extends AdminPanel {
  titleKey = 'admin.members.title';

  async render(section) {
    const m = this.messages;
    const form = el('form', { className: 'tools' });
    const id = el('input', { type: 'text', name: 'learner', required: true, autocomplete: 'off', spellcheck: false });
    form.append(el('label', {}, el('span', { textContent: t(m, 'admin.members.id') }), id),
      el('button', { type: 'submit', textContent: t(m, 'admin.members.lookUp') }));
    this.card = el('div');
    // Focus moves to the result after an erasure: the button that opened the dialog is gone with the member's card.
    this.result = el('div', { className: 'result', role: 'status', 'aria-live': 'polite', tabIndex: -1 });
    section.append(form, this.card, this.result);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#lookUp(id.value.trim());
    });
    if (this.me.roles.includes('platform-admin')) section.append(this.#retention());
  }

  async #lookUp(learnerId) {
    const m = this.messages;
    this.result.replaceChildren();
    let members;
    try {
      members = await fetchJson(this.withTenant(`${this.api}/admin/learners`));
    } catch (e) {
      this.card.replaceChildren(alertBox(await errorText(this.api, m, e)));
      return;
    }
    const member = members.learners.find((x) => x.learnerId === learnerId);
    if (!member) {
      this.card.replaceChildren(alertBox(t(m, 'admin.members.notFound', learnerId)));
      return;
    }
    const facts = el('dl');
    for (const [key, value] of [['id', member.learnerId], ['name', member.displayName], ['mail', member.mail ?? ''],
      ['lastSeen', member.lastSeen ? formatDate(member.lastSeen, this.lang) : '']]) {
      facts.append(el('dt', { textContent: t(m, `admin.members.${key}`) }), el('dd', { textContent: value }));
    }
    const path = `${this.api}/admin/members/${encodeURIComponent(member.learnerId)}`;
    const download = el('a', { href: this.withTenant(`${path}/data`), download: `manabi-member-${member.learnerId}.json`,
      textContent: t(m, 'admin.members.download', member.displayName) });
    const erase = el('button', { type: 'button', className: 'danger',
      textContent: t(m, 'admin.members.erase', member.displayName) });
    erase.addEventListener('click', () => this.#erase(member, path, erase));
    this.card.replaceChildren(facts, el('p', { className: 'links' }, download, erase));
  }

  async #erase(member, path, opener) {
    const m = this.messages;
    const answer = await confirmInDialog(this.shadowRoot, m, {
      title: t(m, 'admin.members.eraseTitle', member.displayName),
      text: t(m, 'admin.members.eraseWarning', member.learnerId),
      fields: [
        { name: 'typed', label: t(m, 'admin.members.typeId', member.learnerId), required: true, mustEqual: member.learnerId },
        { name: 'reason', label: t(m, 'admin.members.reason'), required: true, multiline: true },
      ],
      confirm: t(m, 'admin.members.eraseConfirm'),
      opener,
    });
    if (!answer) return;
    try {
      const erased = await fetchJson(this.withTenant(`${path}/erase`), { method: 'POST', body: JSON.stringify({ reason: answer.reason }) });
      const rows = dataTable(t(m, 'admin.members.erasedRows'), [t(m, 'admin.members.module'), t(m, 'admin.members.rows')]);
      for (const [module, count] of Object.entries(erased.rowsByModule)) addRow(rows, [module, formatNumber(count, this.lang)]);
      this.card.replaceChildren();
      this.result.replaceChildren(el('p', { textContent: t(m, 'admin.members.erased', member.learnerId,
        formatDate(erased.erasedAt, this.lang), erased.pseudonym) }), rows);
      this.result.focus();
      announceChange('member.erased');
    } catch (e) {
      this.result.replaceChildren(alertBox(await errorText(this.api, m, e)));
    }
  }

  /** The retention job on demand (platform admins; README "Personal data"). */
  #retention() {
    const m = this.messages;
    const heading = el('h3', { id: 'retention-title', textContent: t(m, 'admin.retention.title') });
    const run = el('button', { type: 'button', textContent: t(m, 'admin.retention.run') });
    const result = el('div', { className: 'result', role: 'status', 'aria-live': 'polite' });
    run.addEventListener('click', async () => {
      run.disabled = true;
      try {
        const done = await fetchJson(`${this.api}/admin/retention/run`, { method: 'POST' });
        const rows = dataTable(t(m, 'admin.retention.expired'), [t(m, 'admin.members.module'), t(m, 'admin.members.rows')]);
        for (const [module, count] of Object.entries(done.expiredRowsByModule)) addRow(rows, [module, formatNumber(count, this.lang)]);
        result.replaceChildren(el('p', { textContent: t(m, 'admin.retention.done', formatDate(done.ranAt, this.lang),
          formatNumber(done.accountsDeleted, this.lang), formatNumber(done.learnersAnonymized, this.lang)) }), rows);
        announceChange('retention.run');
      } catch (e) {
        result.replaceChildren(alertBox(await errorText(this.api, m, e)));
      } finally {
        run.disabled = false;
      }
    });
    return el('section', { 'aria-labelledby': heading.id }, heading,
      el('p', { textContent: t(m, 'admin.retention.about') }), run, result);
  }
}

if (!customElements.get('manabi-admin-members')) customElements.define('manabi-admin-members', ManabiAdminMembers);
