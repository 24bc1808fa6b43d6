// Previous / "page N of M" / next controls for any paged list of the SDK or a host (the course list, the portal's
// package and member lists). A labelled nav landmark with real buttons; strings from the bundle (pager.*).
import { formatNumber, t } from './i18n.js';

/**
 * Creates the controls; call `update({offset, limit, total})` (or `{offset, limit, more}`) after each page arrives. `onTurn(offset)` asks for
 * another page. Hidden while everything fits on one page. `listName` names the list paged: several pagers on one
 * page are then distinct landmarks (WAI-ARIA: landmarks of one role need unique names).
 */
export function createPager(messages, lang, listName, onTurn) {
  const nav = document.createElement('nav');
  nav.className = 'pager';
  nav.setAttribute('aria-label', t(messages, 'pager.label', listName));
  const prev = Object.assign(document.createElement('button'), { type: 'button', className: 'prev', textContent: t(messages, 'pager.previous') });
  const where = Object.assign(document.createElement('span'), { className: 'where' });
  where.setAttribute('aria-live', 'polite'); // "page 2 of 5" is announced when a page arrives
  const next = Object.assign(document.createElement('button'), { type: 'button', className: 'next', textContent: t(messages, 'pager.next') });
  nav.append(prev, where, next);
  nav.hidden = true;
  let state = { offset: 0, limit: 1, total: 0 };
  prev.addEventListener('click', () => onTurn(Math.max(0, state.offset - state.limit)));
  next.addEventListener('click', () => onTurn(state.offset + state.limit));
  // A list that does not count its items (the audit log) passes `more` instead of `total`: "page N", and next
  // while there is more.
  nav.update = (page) => {
    state = page;
    const current = Math.floor(page.offset / page.limit) + 1;
    const counted = page.total !== undefined;
    const pages = counted ? Math.max(1, Math.ceil(page.total / page.limit)) : current + (page.more ? 1 : 0);
    nav.hidden = pages <= 1;
    where.textContent = counted ? t(messages, 'pager.page', formatNumber(current, lang), formatNumber(pages, lang))
      : t(messages, 'pager.pageNumber', formatNumber(current, lang));
    // A disabled button drops keyboard focus to the page's start: turning onto the first or last page moves the
    // focus to the other button first, so a keyboard user stays in the pager (WCAG 2.4.3 focus order).
    const focused = nav.getRootNode().activeElement;
    const toPrev = current <= 1;
    const toNext = current >= pages;
    prev.disabled = toPrev; // before moving the focus: a disabled button cannot take it
    next.disabled = toNext;
    if (focused === prev && toPrev && !toNext) next.focus();
    if (focused === next && toNext && !toPrev) prev.focus();
  };
  return nav;
}

/** Shows `items` in pages of `limit` in `container`, each drawn by `render(item)` (for lists the server gives whole). */
export function pageLocally(container, items, limit, messages, lang, listName, render) {
  const show = (offset) => {
    container.replaceChildren(...items.slice(offset, offset + limit).map(render));
    pager.update({ offset, limit, total: items.length });
  };
  const pager = createPager(messages, lang, listName, show);
  show(0);
  return pager;
}
