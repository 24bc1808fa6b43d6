// Renderer of numeric questions. Response: the typed text, which the server reads by the rule of parseNumber.
import { el } from './dom.js';

const GROUPED = /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;
const PLAIN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The number a learner's text stands for, or null: the same rule as the server's NumericAnswer.parse, so the input
 * is marked invalid exactly when the server would score it as no number. After NFKC (full-width digits and commas
 * from Japanese and Chinese input methods become ASCII), a comma is a thousands separator when the text is grouped
 * in threes (1,000 and 12,345.6; the first group does not start with 0), else a decimal separator between digits
 * (1,5 and 0,001).
 */
export function parseNumber(input) {
  let text = String(input).normalize('NFKC').trim().replace(/\u2212/g, '-');
  if (GROUPED.test(text)) text = text.replace(/,/g, '');
  else if (DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  if (!PLAIN.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

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
    const valid = input.value.normalize('NFKC').trim() === '' || parseNumber(input.value) !== null;
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
