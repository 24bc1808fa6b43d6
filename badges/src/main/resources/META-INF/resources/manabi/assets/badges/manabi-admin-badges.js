// <manabi-admin-badges [api="/manabi/api"] [tenant="univ-b"]>
// Badges awarded in the admin's institution, or in the one a platform admin picked (`tenant`, set by the shell)
// (badges module, README "Learners and admins"; GET {api}/badges[?tenant=]): learner, badge, course, date and status
// (awarded, revoked with its reason, withdrawn after an erasure or anonymization), and revocation with a reason
// (POST {api}/badges/assertions/{id}/revoke) confirmed in a keyboard-accessible dialog.
// A panel of <manabi-institution-admin> (player-core), put inside it by the host; built with core's admin-kit.
import { addRow, AdminPanel, alertBox, announceChange, confirmInDialog, dataTable, el, errorText } from '../core/admin-kit.js';
import { fetchJson, formatDate, localize, t } from '../core/i18n.js';
import { pageLocally } from '../core/pager.js';

const PAGE_SIZE = 20;

class ManabiAdminBadges extends AdminPanel {
  titleKey = 'badges.admin.title';

  async render(section) {
    this.section = section;
    // Focus moves here after a revocation: the button that opened the dialog is gone with the redrawn row.
    this.status = el('p', { className: 'result', role: 'status', 'aria-live': 'polite', tabIndex: -1 });
    this.list = el('div');
    section.append(this.status, this.list);
    const courses = await fetchJson(`${this.api}/courses`);
    this.courseTitles = new Map(courses.map((c) => [c.id, localize(c.title, this.lang) || c.id]));
    await this.#load();
  }

  async #load() {
    const m = this.messages;
    const awarded = await fetchJson(this.withTenant(`${this.api}/badges`));
    const table = dataTable(t(m, 'badges.admin.caption'), ['learner', 'badge', 'course', 'issuedOn', 'status', 'action']
      .map((c) => t(m, `badges.admin.column.${c}`)));
    this.list.replaceChildren(table);
    if (awarded.length === 0) {
      addRow(table, [t(m, 'badges.admin.none')]);
      return;
    }
    this.list.append(pageLocally(table.tBodies[0], awarded, PAGE_SIZE, m, this.lang, t(m, 'badges.admin.caption'),
      (a) => this.#row(a)));
  }

  #row(a) {
    const m = this.messages;
    const name = localize(a.name, this.lang);
    const status = a.withdrawn ? el('span', { className: 'withdrawn', textContent: t(m, 'badges.admin.withdrawn') })
      : a.revoked ? el('span', { className: 'revoked', textContent: t(m, 'badges.revoked', a.revocationReason ?? '') })
        : t(m, 'badges.admin.awarded');
    let action = '';
    if (!a.revoked && !a.withdrawn) {
      action = el('button', { type: 'button', textContent: t(m, 'badges.admin.revoke'),
        'aria-label': t(m, 'badges.admin.revokeLabel', name, a.learnerId) });
      action.addEventListener('click', () => this.#revoke(a, name, action));
    }
    const tr = document.createElement('tr');
    tr.dataset.assertion = a.assertionId;
    for (const cell of [a.learnerId, name, this.courseTitles.get(a.courseId) ?? a.courseId,
      formatDate(a.issuedOn, this.lang), status, action]) {
      tr.insertCell().append(cell);
    }
    return tr;
  }

  async #revoke(a, name, opener) {
    const m = this.messages;
    const answer = await confirmInDialog(this.shadowRoot, m, {
      title: t(m, 'badges.admin.revokeTitle', name, a.learnerId),
      text: t(m, 'badges.admin.revokeWarning'),
      fields: [{ name: 'reason', label: t(m, 'badges.admin.reason'), required: true, multiline: true }],
      confirm: t(m, 'badges.admin.revokeConfirm'),
      opener,
    });
    if (!answer) return;
    try {
      await fetchJson(`${this.api}/badges/assertions/${encodeURIComponent(a.assertionId)}/revoke`,
        { method: 'POST', body: JSON.stringify({ reason: answer.reason }) });
      await this.#load();
      this.status.textContent = t(m, 'badges.admin.revokedNow', name, a.learnerId);
      this.status.focus();
      announceChange('badge.revoked');
    } catch (e) {
      this.status.replaceChildren(alertBox(await errorText(this.api, m, e)));
    }
  }
}

if (!customElements.get('manabi-admin-badges')) customElements.define('manabi-admin-badges', ManabiAdminBadges);
