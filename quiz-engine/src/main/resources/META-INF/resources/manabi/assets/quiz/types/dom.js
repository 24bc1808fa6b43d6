// Small DOM helpers shared by the built-in renderers. Renderers of other question types need not use them.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** A visible and spoken "correct answer" marker for review. */
export function solutionMark(ctx) {
  return el('span', { class: 'solution' }, ` ✓ ${ctx.t('quiz.correctAnswer')}`);
}
