// <manabi-admin-records [api="/manabi/api"] [page-size="10"]>
// The institution admin's learning records (README "Learning records"): pick one of the courses they see and a
// period, then the course's modules, a page of members with their attempts, and the downloads of the attempt
// history and the grades as CSV (the same endpoints an institution's own systems call; plain links: the endpoints
// take the session cookie, so the browser's own download carries it). Dates and numbers through Intl.
import { addRow, AdminPanel, alertBox, dataTable, el, errorText, unbroken } from './admin-kit.js';
import { fetchJson, formatDate, formatNumber, localize, t } from './i18n.js';
import { createPager } from './pager.js';

class ManabiAdminRecords extends AdminPanel {
  titleKey = 'admin.records.title';

  get pageSize() { return Math.min(100, Math.max(1, Number(this.getAttribute('page-size')) || 10)); }

  async render(section) {
    const m = this.messages;
    const courses = (await fetchJson(`${this.api}/courses`)).filter((c) => this.#seenByPicked(c));
    const form = el('form', { className: 'tools' });
    const course = el('select', { name: 'course', required: true });
    for (const c of courses) {
      course.append(el('option', { value: c.id, textContent: localize(c.title, this.lang) || c.id }));
    }
    const from = el('input', { type: 'date', name: 'from' });
    const to = el('input', { type: 'date', name: 'to' });
    form.append(
      el('label', {}, el('span', { textContent: t(m, 'admin.records.course') }), course),
      el('label', {}, el('span', { textContent: t(m, 'admin.records.from') }), from),
      el('label', {}, el('span', { textContent: t(m, 'admin.records.to') }), to),
      el('button', { type: 'submit', textContent: t(m, 'admin.records.show') }),
    );
    this.status = el('p', { className: 'result', role: 'status', 'aria-live': 'polite' });
    this.output = el('div');
    this.pager = createPager(m, this.lang, t(m, 'admin.records.attempts'), (offset) => this.#show(offset));
    section.append(form, this.status, this.output, this.pager);
    if (courses.length === 0) {
      this.status.textContent = t(m, 'admin.records.noCourses');
      form.hidden = true;
      return;
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (from.value && to.value && from.value > to.value) {
        this.output.replaceChildren(alertBox(t(m, 'admin.records.badPeriod')));
        return;
      }
      this.query = { course: course.value, title: course.selectedOptions[0].textContent, from: from.value, to: to.value };
      this.#show(0);
    });
  }

  /**
   * Whether the picked institution's members see the course: a platform admin's catalog holds every course, and the
   * records of one the institution does not see are refused (404). The rule of player-core's Course.visibleTo.
   */
  #seenByPicked(course) {
    const picked = this.tenant;
    if (!picked) return true;
    return course.ownerTenantId === picked || course.visibility === 'GLOBAL'
      || (course.visibility === 'SHARED' && (course.sharedWith ?? []).includes(picked));
  }

  /** The period and the reader's zone, as the records endpoints take them (dates are whole days in `zone`). */
  #params(extra) {
    const p = new URLSearchParams(extra);
    if (this.tenant) p.set('tenant', this.tenant);
    if (this.query.from) p.set('from', this.query.from);
    if (this.query.to) p.set('to', this.query.to);
    p.set('zone', Intl.DateTimeFormat().resolvedOptions().timeZone);
    return p;
  }

  async #show(offset) {
    const m = this.messages;
    const { course } = this.query;
    const base = `${this.api}/records/courses/${encodeURIComponent(course)}`;
    const page = Math.floor(offset / this.pageSize);
    let modules;
    let history;
    try {
      [modules, history] = await Promise.all([
        fetchJson(this.withTenant(`${base}/modules`)),
        fetchJson(`${base}/history?${this.#params({ page: String(page + 1), size: String(this.pageSize) })}`),
      ]);
    } catch (e) {
      this.output.replaceChildren(alertBox(await errorText(this.api, m, e)));
      this.pager.update({ offset: 0, limit: this.pageSize, total: 0 });
      this.status.textContent = '';
      return;
    }
    const csv = (report) => `${base}/${report}?${this.#params({ format: 'csv', lang: this.lang })}`;
    const links = el('p', { className: 'links' },
      el('a', { href: csv('grades'), download: '', textContent: t(m, 'admin.records.downloadGrades') }),
      el('a', { href: csv('history'), download: '', textContent: t(m, 'admin.records.downloadHistory') }));

    const titles = new Map(modules.modules.map((mod) => [mod.id, localize(mod.title, this.lang) || mod.id]));
    const moduleTable = dataTable(t(m, 'admin.records.modules', this.query.title),
      [t(m, 'admin.records.column.module'), t(m, 'admin.records.column.kind'), t(m, 'admin.records.column.moduleId')]);
    for (const mod of modules.modules) {
      addRow(moduleTable, [titles.get(mod.id), this.textOr(`admin.records.kind.${mod.kind}`, mod.kind), unbroken(mod.id)]);
    }
    const attempts = dataTable(t(m, 'admin.records.attemptsCaption', this.query.title,
      formatNumber(page + 1, this.lang)), ['learner', 'name', 'module', 'attempt', 'completion', 'success', 'score',
      'lastActivity'].map((c) => t(m, `admin.records.column.${c}`)));
    for (const learner of history.learners) {
      if (learner.attempts.length === 0) {
        addRow(attempts, [learner.learnerId, learner.displayName ?? '', t(m, 'admin.records.noAttempts')]);
      }
      for (const a of learner.attempts) {
        addRow(attempts, [learner.learnerId, learner.displayName ?? '', titles.get(a.moduleId) ?? a.moduleId,
          formatNumber(a.attempt, this.lang), this.#value(a.completion), this.#value(a.success),
          a.scoreScaled === null || a.scoreScaled === undefined ? ''
            : formatNumber(a.scoreScaled, this.lang, { style: 'percent', maximumFractionDigits: 1 }),
          a.lastActivityAt ? formatDate(a.lastActivityAt, this.lang) : '']);
      }
    }
    if (history.learners.length === 0) addRow(attempts, [t(m, 'admin.records.noLearners')]);
    this.output.replaceChildren(links, moduleTable, attempts);
    this.pager.update({ offset: page * this.pageSize, limit: this.pageSize, total: history.totalLearners });
    this.status.textContent = t(m, 'admin.records.loaded', this.query.title,
      formatNumber(history.totalLearners, this.lang));
  }

  /** A completion or success status in the reader's language (the codes of README "Learning records"). */
  #value(code) {
    return code ? this.textOr(`admin.records.status.${code}`, code) : '';
  }
}

if (!customElements.get('manabi-admin-records')) customElements.define('manabi-admin-records', ManabiAdminRecords);
