// Renderer of numeric questions. Response: the typed text; the server reads full-width digits and decimal commas.
import { el } from './dom.js';

const NUMBER = /^\s*[-+−]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*$/;

export function render(container, question, ctx) {
  const id = `${ctx.idPrefix}number`;
  const errorId = `${ctx.idPrefix}error`;
  const input = el('input', {
    type: 'text', id, inputmode: 'decimal', autocomplete: 'off', disabled: ctx.disabled,
    'aria-describedby': errorId,
  });
  input.value = ctx.value ?? '';
  const error = el('span', { id: errorId, class: 'error', 'aria-live': 'polite' });
  input.addEventListener('input', () => {
    const text = input.value.normalize('NFKC');
    const valid = text.trim() === '' || NUMBER.test(text);
    input.setAttribute('aria-invalid', String(!valid));
    error.textContent = valid ? '' : ctx.t('quiz.numeric.invalid');
    ctx.onChange(input.value.trim());
  });
  const label = el('label', { for: id }, ctx.t('quiz.numeric.label'));
  const row = el('div', {}, label, ' ', input, question.unit ? el('span', {}, ` ${question.unit}`) : null, ' ', error);
  container.append(row);
  if (ctx.review && question.answer !== undefined) {
    const tolerance = question.tolerance ? ` ± ${fmt(question.tolerance, ctx.lang)}` : '';
    container.append(el('p', { class: 'solution' }, `${ctx.t('quiz.correctAnswer')}: ${fmt(question.answer, ctx.lang)}${tolerance}${question.unit ? ` ${question.unit}` : ''}`));
  }
}

function fmt(value, lang) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 10 }).format(value);
}
