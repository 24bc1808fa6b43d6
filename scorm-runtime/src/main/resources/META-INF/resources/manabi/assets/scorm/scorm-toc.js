// The table of contents of a SCORM organization as an ARIA tree (WAI-ARIA APG "tree view"): arrow keys move,
// Enter/Space choose, Home/End jump, the delivered activity carries aria-current="page".
import { localize, t } from '../core/i18n.js';

/** Launchable items in tree order. */
export function flatten(toc) {
  const out = [];
  const walk = (items) => items.forEach((i) => { if (i.launchable) out.push(i); walk(i.children || []); });
  walk(toc);
  return out;
}

export function statusKey(kind, value) {
  return `scorm.status.${kind}.${String(value || 'unknown').replace(/ /g, '_')}`;
}

/**
 * Renders the tree into container. onChoose(id) is called for launchable items. An item the course's sequencing
 * does not let the learner choose now (choosable false, SCORM 2004 look-ahead) stays listed, marked aria-disabled,
 * with the reason (a bundle key) read out with it, and choosing it does nothing.
 */
export function renderToc(container, toc, { lang, messages, current, onChoose }) {
  container.replaceChildren();
  const tree = document.createElement('ul');
  tree.setAttribute('role', 'tree');
  tree.setAttribute('aria-label', t(messages, 'scorm.player.toc'));
  const items = [];
  const build = (list, parent, level) => {
    for (const item of list) {
      const li = document.createElement('li');
      li.setAttribute('role', 'treeitem');
      li.setAttribute('aria-level', String(level));
      li.dataset.id = item.id;
      li.tabIndex = -1;
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = localize(item.title, lang) || item.id;
      li.append(label);
      if (item.launchable) {
        const state = document.createElement('span');
        state.className = `state ${String(item.completion).replace(/ /g, '-')} ${item.success}`;
        state.textContent = t(messages, statusKey('completion', item.completion));
        li.append(state);
        if (item.choosable === false) {
          li.setAttribute('aria-disabled', 'true');
          li.classList.add('disabled');
          if (item.reason) {
            const why = document.createElement('span');
            why.className = 'reason';
            why.textContent = t(messages, 'scorm.seq.refused', t(messages, item.reason), item.sn);
            li.append(why);
          }
        }
        li.addEventListener('click', (e) => { e.stopPropagation(); if (item.choosable !== false) onChoose(item.id); });
      } else {
        // Not aria-disabled: WAI-ARIA 1.2 carries aria-disabled to every descendant, which would disable the
        // launchable children of a cluster. A cluster is only a grouping (SCORM CAM 3.4.1.12, item without identifierref).
        li.classList.add('cluster');
      }
      if (item.id === current) li.setAttribute('aria-current', 'page');
      parent.append(li);
      items.push({ li, item });
      if (item.children?.length) {
        li.setAttribute('aria-expanded', 'true');
        const group = document.createElement('ul');
        group.setAttribute('role', 'group');
        li.append(group);
        build(item.children, group, level + 1);
      }
    }
  };
  build(toc, tree, 1);
  const focusable = items.find((x) => x.item.id === current) ?? items[0];
  if (focusable) focusable.li.tabIndex = 0;
  tree.addEventListener('keydown', (e) => {
    const at = items.findIndex((x) => x.li === e.target.closest('[role=treeitem]'));
    if (at < 0) return;
    let next = null;
    if (e.key === 'ArrowDown') next = Math.min(at + 1, items.length - 1);
    else if (e.key === 'ArrowUp') next = Math.max(at - 1, 0);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if ((e.key === 'Enter' || e.key === ' ') && items[at].item.launchable && items[at].item.choosable !== false) {
      e.preventDefault();
      onChoose(items[at].item.id);
      return;
    }
    if (next !== null) {
      e.preventDefault();
      items.forEach((x, i) => { x.li.tabIndex = i === next ? 0 : -1; });
      items[next].li.focus();
    }
  });
  container.append(tree);
}

export const TOC_STYLE = `
  [role=tree], [role=group] { list-style: none; margin: 0; padding: 0 0 0 .8rem; }
  [role=tree] { padding: 0; }
  [role=treeitem] { padding: .15rem .3rem; border-radius: .3rem; cursor: pointer; }
  [role=treeitem].cluster { cursor: default; }
  [role=treeitem].cluster > .label { font-weight: 600; }
  [role=treeitem]:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 1px; }
  [role=treeitem][aria-current=page] > .label { font-weight: 700; color: #1a4f8a; }
  .state { display: block; font-size: .78rem; color: #4a5568; }
  .state.completed { color: #276749; }
  .state.failed { color: #9b2c2c; }
  [role=treeitem].disabled { cursor: not-allowed; }
  [role=treeitem].disabled > .label { color: #718096; }
  .reason { display: block; font-size: .78rem; color: #744210; }
`;
