// Renderer of true-false questions: two radio buttons. Response: true or false.
import { el, solutionMark } from './dom.js';

export function render(container, question, ctx) {
  const group = el('div', { role: 'radiogroup', 'aria-labelledby': ctx.labelledBy });
  for (const value of [true, false]) {
    const input = el('input', {
      type: 'radio',
      name: `${ctx.idPrefix}tf`,
      value: String(value),
      checked: ctx.value === value,
      disabled: ctx.disabled,
    });
    input.addEventListener('change', () => { if (input.checked) ctx.onChange(value); });
    const mark = ctx.review && question.correct === value ? solutionMark(ctx) : null;
    group.append(el('label', {}, input, el('span', {}, ctx.t(value ? 'quiz.true' : 'quiz.false')), mark));
  }
  container.append(group);
}
