// Shared drawing of option lists for the single-choice (radio buttons) and multiple-choice (check boxes) renderers.
// Response: the chosen option id (single) or an array of ids (multiple).
import { el, solutionMark } from './dom.js';

export function renderChoices(container, question, ctx, multiple) {
  const hintId = `${ctx.idPrefix}hint`;
  container.append(el('p', { class: 'hint', id: hintId }, ctx.t(multiple ? 'quiz.choice.selectAll' : 'quiz.choice.selectOne')));
  const group = el('div', {
    role: multiple ? 'group' : 'radiogroup',
    'aria-labelledby': ctx.labelledBy,
    'aria-describedby': hintId,
  });
  const chosen = new Set(multiple ? (Array.isArray(ctx.value) ? ctx.value : []) : (ctx.value ? [ctx.value] : []));
  const correct = new Set(ctx.review ? [].concat(question.correct ?? []) : []);
  for (const option of question.options) {
    const input = el('input', {
      type: multiple ? 'checkbox' : 'radio',
      name: `${ctx.idPrefix}choice`,
      value: option.id,
      checked: chosen.has(option.id),
      disabled: ctx.disabled,
    });
    input.addEventListener('change', () => {
      if (multiple) {
        ctx.onChange([...group.querySelectorAll('input:checked')].map((i) => i.value));
      } else if (input.checked) {
        ctx.onChange(option.id);
      }
    });
    group.append(el('label', {}, input, el('span', {}, option.text), correct.has(option.id) ? solutionMark(ctx) : null));
  }
  container.append(group);
}
