// Renderer of matching questions: one labelled drop-down per prompt. Response: {promptId: choiceId}.
import { el } from './dom.js';

export function render(container, question, ctx) {
  const hintId = `${ctx.idPrefix}hint`;
  container.append(el('p', { class: 'hint', id: hintId }, ctx.t('quiz.matching.hint')));
  const group = el('div', { role: 'group', 'aria-labelledby': ctx.labelledBy, 'aria-describedby': hintId });
  const value = ctx.value && typeof ctx.value === 'object' ? { ...ctx.value } : {};
  const choiceText = new Map(question.choices.map((c) => [c.id, c.text]));
  question.prompts.forEach((prompt, i) => {
    const id = `${ctx.idPrefix}match-${i}`;
    const select = el('select', { id, disabled: ctx.disabled, 'data-prompt': prompt.id });
    select.append(el('option', { value: '' }, ctx.t('quiz.matching.choose')));
    for (const choice of question.choices) {
      select.append(el('option', { value: choice.id, selected: value[prompt.id] === choice.id }, choice.text));
    }
    select.addEventListener('change', () => {
      if (select.value) value[prompt.id] = select.value;
      else delete value[prompt.id];
      ctx.onChange(Object.keys(value).length ? { ...value } : null);
    });
    const solution = ctx.review && question.correct?.[prompt.id]
      ? el('span', { class: 'solution' }, `✓ ${ctx.t('quiz.correctAnswer')}: ${choiceText.get(question.correct[prompt.id])}`) : null;
    group.append(el('div', { class: 'pair' }, el('label', { for: id }, prompt.text), el('div', {}, select, solution)));
  });
  container.append(group);
}
