// The sample portal's pages. Texts come from the SDK's bundle endpoint (host.* keys ship in this WAR).
import { fetchJson, loadMessages, localize, t, browserLanguage, formatDate } from '/manabi/assets/core/i18n.js';
import { pageLocally } from '/manabi/assets/core/pager.js';
import { isAdmin } from '/manabi/assets/core/admin-kit.js';

/** Rows per page in the authors' package list and the admins' member list. */
const PAGE_SIZE = 10;

const API = '/manabi/api';

function applyTexts(messages) {
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(messages, el.dataset.i18n); });
}

export async function loginPage() {
  const lang = browserLanguage();
  document.documentElement.lang = lang;
  const messages = await loadMessages(API, lang);
  applyTexts(messages);
  document.title = t(messages, 'host.title');
  const params = new URLSearchParams(location.search);
  if (params.get('next')) document.querySelector('input[name=next]').value = params.get('next');
  if (params.has('error')) {
    const p = document.querySelector('#error');
    p.hidden = false;
    p.textContent = t(messages, 'host.signInFailed');
  }
}

async function pageFrame() {
  let me;
  try {
    me = await fetchJson(`${API}/me`);
  } catch (e) {
    if (e.status === 401) location.assign(`/login.html?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw e;
  }
  document.documentElement.lang = me.language;
  const messages = await loadMessages(API, me.language);
  applyTexts(messages);
  document.title = t(messages, 'host.title');
  document.querySelector('#who').textContent = t(messages, 'player.signedInAs', me.displayName, me.tenant.name);
  if (isAdmin(me) && document.body.dataset.page !== 'admin') {
    // The administration page, in the header only for those it serves (it tells anyone else they may not use it).
    const link = Object.assign(document.createElement('a'), { href: '/admin.html', textContent: t(messages, 'host.admin.link') });
    document.querySelector('header.bar a[href="/logout"]').before(link);
  }
  return { me, messages };
}

export async function catalogPage() {
  const { me, messages } = await pageFrame();
  // The SDK's course list: the learner's standing in every course, one REST call per view.
  await import('/manabi/assets/core/manabi-course-list.js');
  if (me.roles.includes('content-author') || me.roles.includes('platform-admin')) {
    setUpUpload(me, messages);
    showPackages(me, messages);
  }
  if (isAdmin(me)) showMembers(me, messages);
}

function previewLink(packageId, messages) {
  const a = document.createElement('a');
  a.href = `/preview.html?package=${encodeURIComponent(packageId)}`;
  a.textContent = t(messages, 'host.upload.preview');
  return a;
}

/** The institution's package lines, latest version first; SCORM ones can be previewed without being tracked. */
async function showPackages(me, messages) {
  const list = document.querySelector('#packages');
  const lines = await fetchJson(`${API}/packages`);
  list.replaceChildren();
  list.nextElementSibling?.classList.contains('pager') && list.nextElementSibling.remove();
  if (lines.length === 0) {
    list.append(Object.assign(document.createElement('li'), { textContent: t(messages, 'host.packages.empty') }));
    return;
  }
  list.after(pageLocally(list, lines, PAGE_SIZE, messages, me.language, t(messages, 'host.packages.title'), (line) => {
    const li = document.createElement('li');
    const text = document.createElement('div');
    const name = document.createElement('strong');
    name.textContent = localize(line.titles, me.language) || line.title;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${line.standard} · ${t(messages, 'host.packages.version', line.versions.length)}`;
    text.append(name, meta);
    li.append(text);
    if (line.standard.startsWith('SCORM')) {
      const link = previewLink(line.latestId, messages);
      link.setAttribute('aria-label', `${link.textContent}: ${name.textContent}`);
      li.append(link);
    }
    return li;
  }));
}

function setUpUpload(me, messages) {
  const section = document.querySelector('#upload');
  section.hidden = false;
  const form = section.querySelector('form');
  const result = section.querySelector('#upload-result');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const kind = form.kind.value;
    const file = form.file.files[0];
    if (!file) return;
    const target = { scorm: 'packages', book: 'books', quiz: 'quizzes' }[kind];
    const type = kind === 'quiz' ? 'application/json' : 'application/zip';
    result.textContent = '…';
    const response = await fetch(`${API}/${target}`, { method: 'POST', body: file, headers: { 'Content-Type': type, Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    result.replaceChildren();
    const status = document.createElement('p');
    status.setAttribute('role', 'status');
    status.textContent = response.ok ? t(messages, 'host.upload.done', body.title ? JSON.stringify(body.title) : body.id)
      : t(messages, 'host.upload.failed', body.message || response.status);
    if (!response.ok) status.className = 'error';
    result.append(status);
    if (response.ok && kind === 'scorm') {
      if (String(body.standard).startsWith('SCORM')) status.append(' ', previewLink(body.id, messages));
      showPackages(me, messages);
    }
    const problems = body.problems ?? body.details?.problems ?? [];
    if (problems.length) {
      const table = document.createElement('table');
      table.createCaption().textContent = t(messages, 'host.upload.problems');
      const head = table.createTHead().insertRow();
      for (const column of ['severity', 'code', 'message', 'location']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = t(messages, `host.upload.column.${column}`);
        head.append(th);
      }
      const rows = table.createTBody();
      for (const p of problems) {
        const tr = rows.insertRow();
        tr.className = String(p.severity).toLowerCase();
        const severity = t(messages, `host.upload.severity.${p.severity}`);
        for (const v of [severity, p.code, p.message, p.location ?? p.path ?? '']) tr.insertCell().textContent = v ?? '';
      }
      result.append(table);
    }
  });
}

async function showMembers(me, messages) {
  const section = document.querySelector('#members');
  section.hidden = false;
  section.querySelector('h2').textContent = t(messages, 'host.members.title', me.tenant.name);
  const lrs = section.querySelector('#lrs-link');
  lrs.hidden = false;
  lrs.querySelector('a').textContent = t(messages, 'host.lrs.link');
  const list = await fetchJson(`${API}/admin/learners`);
  const table = section.querySelector('table');
  const body = table.tBodies[0] ?? table.createTBody();
  table.after(pageLocally(body, list.learners, PAGE_SIZE, messages, me.language, t(messages, 'host.members.title', me.tenant.name), (m) => {
    const tr = document.createElement('tr');
    tr.insertCell().textContent = m.displayName;
    tr.insertCell().textContent = m.mail ?? '';
    tr.insertCell().textContent = formatDate(m.lastSeen, me.language);
    return tr;
  }));
}

function lrsAccess(c, messages) {
  if (c.read && c.write) return t(messages, 'host.lrs.readWrite');
  return t(messages, c.read ? 'host.lrs.read' : 'host.lrs.write');
}

async function showLrsCredentials(me, messages) {
  const body = document.querySelector('#lrs-credentials tbody');
  const list = await fetchJson(`${API}/lrs/credentials?tenant=${encodeURIComponent(me.tenant.id)}`);
  body.replaceChildren();
  if (list.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 6;
    cell.textContent = t(messages, 'host.lrs.empty');
  }
  for (const c of list) {
    const tr = body.insertRow();
    tr.insertCell().textContent = c.label;
    tr.insertCell().textContent = c.key;
    tr.insertCell().textContent = lrsAccess(c, messages);
    tr.insertCell().textContent = t(messages, c.allStatements ? 'host.lrs.statements.all' : 'host.lrs.statements.own');
    tr.insertCell().textContent = formatDate(c.createdAt, me.language);
    const status = tr.insertCell();
    if (c.revokedAt) {
      status.textContent = t(messages, 'host.lrs.revoked', formatDate(c.revokedAt, me.language));
    } else {
      const revoke = document.createElement('button');
      revoke.type = 'button';
      revoke.textContent = t(messages, 'host.lrs.revoke');
      revoke.setAttribute('aria-label', `${t(messages, 'host.lrs.revoke')}: ${c.label} (${c.key})`);
      revoke.addEventListener('click', async () => {
        await fetchJson(`${API}/lrs/credentials/${encodeURIComponent(c.id)}?tenant=${encodeURIComponent(c.tenantId)}`,
          { method: 'DELETE' });
        await showLrsCredentials(me, messages);
        document.querySelector('#lrs-result').textContent = t(messages, 'host.lrs.revokedNow', c.key);
      });
      status.append(revoke);
    }
  }
}

export async function lrsPage() {
  const { me, messages } = await pageFrame();
  document.querySelector('#lrs-title').textContent = t(messages, 'host.lrs.title', me.tenant.name);
  document.querySelector('#lrs-endpoint').textContent = t(messages, 'host.lrs.endpoint', `${location.origin}/manabi/xapi`);
  const form = document.querySelector('#lrs-issue');
  const result = document.querySelector('#lrs-result');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const issued = await fetchJson(`${API}/lrs/credentials`, {
        method: 'POST',
        body: JSON.stringify({ label: form.label.value, read: form.read.checked, write: form.write.checked,
          allStatements: form.statements.value === 'all', tenant: me.tenant.id }),
      });
      const key = document.createElement('p');
      key.textContent = t(messages, 'host.lrs.issued', issued.credential.key, issued.secret);
      const warning = document.createElement('p');
      warning.textContent = t(messages, 'host.lrs.secretOnce');
      result.replaceChildren(key, warning);
      form.reset();
      await showLrsCredentials(me, messages);
    } catch (failure) {
      result.textContent = t(messages, 'host.lrs.failed', failure.message);
    }
  });
  await showLrsCredentials(me, messages);
}

export async function previewPage() {
  const { me, messages } = await pageFrame();
  const preview = document.querySelector('manabi-scorm-preview');
  preview.messages = messages;
  preview.setAttribute('lang', me.language);
  preview.setAttribute('package', new URLSearchParams(location.search).get('package') ?? '');
  await import('/manabi/assets/scorm/scorm-preview.js');
}

export async function playerPage() {
  const player = document.querySelector('manabi-player');
  const params = new URLSearchParams(location.search);
  if (params.get('course')) player.setAttribute('course', params.get('course'));
  if (params.get('part')) player.setAttribute('part', params.get('part'));
  await import('/manabi/assets/core/manabi-player.js');
  player.addEventListener('manabi-exit', (e) => {
    e.preventDefault();
    location.assign('/index.html');
  });
}

export async function badgesPage() {
  await pageFrame();
  await import('/manabi/assets/badges/manabi-my-badges.js');
}

/** The institution admin's page: the SDK's shell with the badges module's panel inside (admin.html). */
export async function adminPage() {
  await pageFrame();
  await Promise.all([import('/manabi/assets/core/manabi-institution-admin.js'),
    import('/manabi/assets/badges/manabi-admin-badges.js')]);
}

// Each page names itself in <body data-page>; the pages carry no inline script (the portal's CSP allows none).
const pages = { login: loginPage, catalog: catalogPage, player: playerPage, preview: previewPage, lrs: lrsPage,
  badges: badgesPage, admin: adminPage };
pages[document.body.dataset.page]?.();
