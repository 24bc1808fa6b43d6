// Renderer of short-text questions: one text field. Response: the typed text (matched on the server after NFKC).
import { el } from './dom.js';

export function render(container, question, ctx) {
  const id = `${ctx.idPrefix}text`;
  const input = el('input', {
    type: 'text', id, maxlength: question.maxLength ?? 500, autocomplete: 'off', spellcheck: 'false', disabled: ctx.disabled,
  });
  input.value = ctx.value ?? '';
  input.addEventListener('input', () => ctx.onChange(input.value));
  container.append(el('div', {}, el('label', { for: id }, ctx.t('quiz.text.label')), ' ', input));
  if (ctx.review && Array.isArray(question.accepted)) {
    container.append(el('p', { class: 'solution' }, `${ctx.t('quiz.correctAnswer')}: ${question.accepted.join(' / ')}`));
  }
}
