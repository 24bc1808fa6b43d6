// Renderer of ordering questions: a list with move-up/move-down buttons; Alt+ArrowUp/ArrowDown moves the focused
// item. Response: the item ids in the shown order. The list starts in the scrambled order the server sent, and
// nothing is saved until the learner moves an item: an untouched list is unanswered, so submitting it earns nothing
// by itself (the server never sends the correct order, but saving it would still turn "skipped" into a guess).
import { el } from './dom.js';

export function render(container, question, ctx) {
  const byId = new Map(question.items.map((i) => [i.id, i]));
  let order = Array.isArray(ctx.value) && ctx.value.every((id) => byId.has(id)) && ctx.value.length === byId.size
    ? [...ctx.value] : question.items.map((i) => i.id);
  const hintId = `${ctx.idPrefix}hint`;
  container.append(el('p', { class: 'hint', id: hintId }, ctx.t('quiz.ordering.hint')));
  const list = el('ol', { class: 'order', 'aria-labelledby': ctx.labelledBy, 'aria-describedby': hintId });
  const live = el('p', { class: 'visually-hidden', 'aria-live': 'assertive' });
  container.append(list, live);

  const move = (index, step, focusSelector) => {
    const target = index + step;
    if (target < 0 || target >= order.length) return;
    [order[index], order[target]] = [order[target], order[index]];
    draw();
    ctx.onChange([...order]);
    live.textContent = ctx.t('quiz.ordering.moved', byId.get(order[target]).text, target + 1, order.length);
    list.children[target]?.querySelector(focusSelector)?.focus();
  };

  const draw = () => {
    list.replaceChildren();
    order.forEach((id, index) => {
      const text = byId.get(id).text;
      const item = el('li', { tabindex: ctx.disabled ? null : '0', 'data-id': id }, el('span', {}, text));
      if (!ctx.disabled) {
        const up = el('button', { type: 'button', class: 'up', 'aria-label': ctx.t('quiz.ordering.moveUp', text), disabled: index === 0 }, '↑');
        const down = el('button', { type: 'button', class: 'down', 'aria-label': ctx.t('quiz.ordering.moveDown', text), disabled: index === order.length - 1 }, '↓');
        up.addEventListener('click', () => move(index, -1, index - 1 === 0 ? '.down' : '.up'));
        down.addEventListener('click', () => move(index, 1, index + 1 === order.length - 1 ? '.up' : '.down'));
        item.addEventListener('keydown', (e) => {
          if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
            e.preventDefault();
            const step = e.key === 'ArrowUp' ? -1 : 1;
            move(index, step, null);
            list.children[index + step]?.focus();
          }
        });
        item.append(up, down);
      }
      list.append(item);
    });
  };
  draw();
  if (ctx.review && Array.isArray(question.correct)) {
    const solution = el('ol', {}, ...question.correct.map((id) => el('li', {}, byId.get(id)?.text ?? id)));
    container.append(el('div', { class: 'solution' }, el('p', {}, `${ctx.t('quiz.correctAnswer')}:`), solution));
  }
}
