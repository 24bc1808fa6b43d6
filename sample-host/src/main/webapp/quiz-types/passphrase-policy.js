// Renderer of the portal's own "passphrase-policy" question type (dev.manabi.samplehost.quiz.PassphrasePolicyType),
// following the renderer contract of the quiz engine's README: render(container, question, ctx).
// It shows a text field and a character count; whether the passphrase meets the policy is decided on the server.

export function render(container, question, ctx) {
  const id = `${ctx.idPrefix}passphrase`;
  const countId = `${ctx.idPrefix}count`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = ctx.t('quiz.text.label');
  const input = document.createElement('input');
  Object.assign(input, { type: 'text', id, maxLength: question.maxLength, autocomplete: 'off', spellcheck: false, disabled: ctx.disabled });
  input.setAttribute('aria-describedby', countId);
  input.value = typeof ctx.value === 'string' ? ctx.value : '';
  const count = document.createElement('span');
  count.id = countId;
  count.className = 'hint';
  const update = () => {
    count.textContent = ` ${ctx.t('quiz.text.count', [...input.value.normalize('NFKC')].length, question.minLength)}`;
  };
  input.addEventListener('input', () => {
    update();
    ctx.onChange(input.value);
  });
  update();
  const row = document.createElement('div');
  row.append(label, ' ', input, count);
  container.append(row);
}
