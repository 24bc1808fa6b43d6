// <manabi-quiz-player api="/manabi/api" assets="/manabi/assets" course="COURSE" ref="QUIZ" lang="ja">
// Plays one quiz of a course (see docs/DEVELOPING.md, "Web components"). The server scores everything: this element
// only shows answer-free questions, saves responses as the learner goes and submits them. Each question type is drawn
// by its own renderer ES module, loaded from the URL the server gives with the question (QuestionType SPI); the
// renderer contract is in quiz-engine/README.md ("How to write a question type").
// All texts come from the `messages` property (the merged UI bundle) or, for quiz content, from the server already
// resolved for `lang`.

const STYLE = `
  :host { display: block; color: #1d2330; line-height: 1.5; }
  * { box-sizing: border-box; }
  h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
  h3 { font-size: 1.05rem; margin: 0; }
  p { margin: .4rem 0; }
  ul.facts { padding-left: 1.2rem; margin: .4rem 0 1rem; }
  button { font: inherit; padding: .45rem .9rem; border-radius: .35rem; border: 1px solid #2b6cb0; background: #fff;
    color: #1a4f8a; cursor: pointer; min-height: 2.5rem; }
  button.primary { background: #2b6cb0; color: #fff; }
  button:disabled { opacity: .55; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
  .bar { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between;
    position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #d6dbe4; z-index: 1; }
  .timer { font-variant-numeric: tabular-nums; font-weight: 600; }
  .timer.low { color: #9b2c2c; }
  ol.questions { list-style: none; padding: 0; margin: 1rem 0; }
  ol.questions > li { margin: 0 0 1.25rem; }
  fieldset { border: 1px solid #d6dbe4; border-radius: .5rem; padding: .75rem 1rem 1rem; margin: 0; min-width: 0; }
  legend { padding: 0 .35rem; font-weight: 600; }
  .prompt { font-size: 1.05rem; margin: .25rem 0 .75rem; white-space: pre-line; }
  .meta { font-size: .85rem; color: #4a5568; }
  .answer label { display: flex; gap: .5rem; align-items: flex-start; padding: .35rem .25rem; border-radius: .3rem; }
  .answer label:hover { background: #f3f5f9; }
  .answer input[type=text], .answer select { font: inherit; padding: .35rem .5rem; max-width: 100%; }
  .answer input[type=radio], .answer input[type=checkbox] { width: 1.15rem; height: 1.15rem; margin-top: .2rem; flex: none; }
  .answer .solution { color: #22543d; font-weight: 600; }
  .answer .hint { font-size: .9rem; color: #4a5568; margin: 0 0 .4rem; }
  .answer ol.order { padding-left: 0; list-style: none; counter-reset: position; }
  .answer ol.order li { display: flex; gap: .4rem; align-items: center; margin: .25rem 0; padding: .25rem .4rem; border: 1px solid #d6dbe4; border-radius: .3rem; }
  .answer ol.order li::before { counter-increment: position; content: counter(position) "."; min-width: 1.5em; color: #4a5568; }
  .answer ol.order li span { flex: 1; }
  .answer ol.order button { min-height: 2rem; padding: .1rem .5rem; }
  .answer .pair { display: grid; grid-template-columns: minmax(8rem, 1fr) minmax(8rem, 1.4fr); gap: .5rem; align-items: center; margin: .3rem 0; }
  .outcome { margin-top: .6rem; padding: .5rem .75rem; border-radius: .35rem; background: #f3f5f9; }
  .outcome.correct { background: #e6f4ea; }
  .outcome.incorrect { background: #fdecea; }
  .outcome.partial { background: #fff7e0; }
  .result { padding: 1rem; border-radius: .5rem; margin: 1rem 0; background: #f3f5f9; }
  .result.passed { background: #e6f4ea; }
  .result.failed { background: #fdecea; }
  .status { font-size: .9rem; color: #4a5568; min-height: 1.4em; }
  .error { color: #9b2c2c; }
  .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
  dialog { border: 1px solid #d6dbe4; border-radius: .5rem; max-width: min(32rem, 92vw); }
  dialog::backdrop { background: rgba(0, 0, 0, .35); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (max-width: 40rem) { fieldset { padding: .5rem .6rem .75rem; } .answer .pair { grid-template-columns: 1fr; } }
`;

const SAVE_DELAY_MS = 800;
const ANNOUNCE_AT_SECONDS = [300, 60];
const renderers = new Map();

class QuizApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

class ManabiQuizPlayer extends HTMLElement {
  static observedAttributes = ['api', 'assets', 'course', 'ref', 'lang'];

  #messages = null;
  #quiz = null;
  #attempt = null;
  #responses = {};
  #dirty = new Set();
  #saveTimer = null;
  #tick = null;
  #deadline = null;
  #announced = new Set();
  #submitting = false;
  #generation = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }
  get assets() { return this.getAttribute('assets') || '/manabi/assets'; }
  get lang() { return this.getAttribute('lang') || document.documentElement.lang || 'en'; }

  /** The merged UI bundle for `lang`, set by the player shell. */
  set messages(value) {
    this.#messages = value;
    if (this.isConnected && (this.#quiz || this.#attempt)) this.#refresh();
  }

  get messages() { return this.#messages; }

  connectedCallback() {
    this.#refresh();
  }

  disconnectedCallback() {
    this.#stopTimer();
    this.#flush();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (this.isConnected && oldValue !== null && oldValue !== newValue) {
      if (name === 'ref' || name === 'course') this.#attempt = null;
      this.#refresh();
    }
  }

  t(key, ...args) {
    const pattern = this.#messages?.[key];
    if (pattern === undefined) return key;
    return pattern.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] ?? m));
  }

  // ---------------------------------------------------------------------------------------------- server calls

  async #call(path, options = {}) {
    const sep = path.includes('?') ? '&' : '?';
    const course = this.getAttribute('course');
    const url = `${this.api}/quizzes/${encodeURIComponent(this.getAttribute('ref'))}${path}${sep}lang=${encodeURIComponent(this.lang)}`
      + (course ? `&course=${encodeURIComponent(course)}` : '');
    const response = await fetch(url, {
      credentials: 'same-origin',
      ...options,
      headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
    });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = null; }
    if (!response.ok) throw new QuizApiError(response.status, body?.code ?? `http-${response.status}`, body?.message ?? response.statusText);
    return body;
  }

  async #ensureMessages() {
    if (this.#messages && this.#messages['quiz.submit']) return;
    const response = await fetch(`${this.api}/i18n/${encodeURIComponent(this.lang)}`, { credentials: 'same-origin' });
    this.#messages = (await response.json()).messages;
  }

  async #refresh() {
    const generation = ++this.#generation;
    try {
      await this.#ensureMessages();
      if (this.#attempt) {
        await this.#flush();
        const attempt = await this.#call(`/attempts/${encodeURIComponent(this.#attempt.attemptId)}`);
        if (generation === this.#generation) await this.#showAttempt(attempt);
        return;
      }
      this.#renderMessage(this.t('quiz.loading'));
      const quiz = await this.#call('');
      if (generation !== this.#generation) return;
      this.#quiz = quiz;
      this.#showIntro();
    } catch (e) {
      this.#showError(e);
    }
  }

  // ---------------------------------------------------------------------------------------------- intro

  #showIntro(notice) {
    this.#stopTimer();
    const q = this.#quiz;
    const root = this.#frame();
    const section = el('section', { 'aria-labelledby': 'quiz-title' });
    section.append(el('h2', { id: 'quiz-title', tabindex: '-1' }, q.title));
    if (q.description) section.append(el('p', {}, q.description));
    if (notice) section.append(el('p', { role: 'status' }, notice));
    const facts = el('ul', { class: 'facts' });
    facts.append(el('li', {}, this.t('quiz.questionCount', q.questionCount)));
    facts.append(el('li', {}, q.passThreshold.percent !== undefined
      ? this.t('quiz.passPercent', fmt(q.passThreshold.percent, this.lang))
      : this.t('quiz.passPoints', fmt(q.passThreshold.points, this.lang))));
    if (q.timeLimitSeconds) facts.append(el('li', {}, this.t('quiz.timeLimit', Math.round(q.timeLimitSeconds / 60))));
    facts.append(el('li', { 'data-attempts-left': q.attemptsLeft ?? '' }, q.maxAttempts
      ? this.t('quiz.attemptsLeft', q.attemptsLeft, q.maxAttempts) : this.t('quiz.attemptsUnlimited')));
    section.append(facts);
    if (q.attempts?.length) {
      section.append(el('h3', {}, this.t('quiz.history')));
      const list = el('ul', { class: 'facts history' });
      for (const a of q.attempts.filter((x) => x.status === 'submitted')) {
        list.append(el('li', {}, `${this.t('quiz.historyScore', a.number, fmt(a.score, this.lang), fmt(a.maxScore, this.lang))} — ${this.t(a.passed ? 'quiz.historyPassed' : 'quiz.historyFailed')}`));
      }
      section.append(list);
    }
    const actions = el('div', { class: 'actions' });
    if (q.openAttemptId) {
      actions.append(button(this.t('quiz.resume'), () => this.#start(), 'primary'));
    } else if (q.attemptsLeft === 0) {
      section.append(el('p', { class: 'no-attempts' }, this.t('quiz.noAttemptsLeft')));
    } else {
      actions.append(button(this.t(q.attempts?.length ? 'quiz.retake' : 'quiz.start'), () => this.#start(), 'primary'));
    }
    section.append(actions);
    root.append(section);
  }

  async #start() {
    try {
      const attempt = await this.#call('/attempts', { method: 'POST' });
      await this.#showAttempt(attempt);
      this.shadowRoot.querySelector('#quiz-title')?.focus();
    } catch (e) {
      if (e.code === 'attempt-limit') {
        this.#quiz = await this.#call('');
        this.#showIntro(this.t('quiz.error.attemptLimit'));
      } else {
        this.#showError(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- attempt

  async #showAttempt(attempt) {
    this.#attempt = attempt;
    if (attempt.status === 'submitted') {
      this.#showResult(attempt);
      return;
    }
    this.#responses = { ...(attempt.responses || {}) };
    const root = this.#frame();
    const bar = el('div', { class: 'bar' });
    bar.append(el('h2', { id: 'quiz-title', tabindex: '-1' }, `${attempt.title} — ${this.t('quiz.attemptNumber', attempt.number)}`));
    if (attempt.remainingSeconds !== undefined && attempt.remainingSeconds !== null) {
      bar.append(el('span', { class: 'timer', role: 'timer', 'aria-live': 'off', 'aria-atomic': 'true' }));
    }
    root.append(bar);
    root.append(el('p', { class: 'status', id: 'announce', role: 'status', 'aria-live': 'polite' }));
    root.append(el('p', { class: 'visually-hidden', id: 'alert', role: 'alert' }));
    const list = el('ol', { class: 'questions' });
    root.append(list);
    const total = attempt.questions.length;
    for (const [i, question] of attempt.questions.entries()) {
      const item = el('li');
      list.append(item);
      await this.#renderQuestion(item, question, i, total, { disabled: Boolean(attempt.checked?.[question.id]), review: false });
      if (attempt.checked?.[question.id]) this.#showOutcome(item, attempt.checked[question.id], false);
    }
    const actions = el('div', { class: 'actions' });
    actions.append(button(this.t('quiz.submit'), () => this.#confirmSubmit(), 'primary submit'));
    root.append(actions);
    root.append(el('p', { class: 'status', id: 'save-status', 'aria-live': 'polite' }));
    if (attempt.remainingSeconds !== undefined && attempt.remainingSeconds !== null) this.#startTimer(attempt.remainingSeconds);
  }

  async #renderQuestion(item, question, index, total, { disabled, review, outcome }) {
    const prefix = `q${index}`;
    const fieldset = el('fieldset', { 'aria-describedby': `${prefix}-meta`, 'data-question': question.id });
    const legend = el('legend', { id: `${prefix}-legend` }, this.t('quiz.questionOf', index + 1, total));
    const prompt = el('p', { class: 'prompt', id: `${prefix}-prompt` }, question.prompt);
    const meta = el('p', { class: 'meta', id: `${prefix}-meta` }, this.t('quiz.points', fmt(question.points, this.lang)));
    const container = el('div', { class: 'answer' });
    fieldset.append(legend, prompt, meta, container);
    item.replaceChildren(fieldset);
    const context = {
      lang: this.lang,
      messages: this.#messages,
      t: (key, ...args) => this.t(key, ...args),
      value: review ? this.#attempt?.responses?.[question.id] : this.#responses[question.id],
      disabled,
      review,
      labelledBy: `${prefix}-legend ${prefix}-prompt`,
      idPrefix: `${prefix}-`,
      onChange: (value) => this.#changed(question.id, value),
    };
    try {
      const renderer = await loadRenderer(question.renderer, this.assets);
      renderer.render(container, question, context);
    } catch (e) {
      console.error(`Renderer of ${question.type} failed`, e);
      container.append(el('p', { class: 'error', role: 'alert' }, this.t('quiz.error.generic')));
    }
    if (!review && !disabled && this.#attempt?.feedback === 'after-each') {
      const check = button(this.t('quiz.check'), () => this.#check(item, question), 'check');
      fieldset.append(el('div', { class: 'actions' }, check));
    }
    if (outcome) this.#showOutcome(item, outcome, review);
  }

  #changed(questionId, value) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      delete this.#responses[questionId];
      this.#dirty.add(questionId);
    } else {
      this.#responses[questionId] = value;
      this.#dirty.add(questionId);
    }
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#flush(), SAVE_DELAY_MS);
  }

  /** Sends the changed responses; a failed save is retried with the next change or at submit. */
  async #flush() {
    clearTimeout(this.#saveTimer);
    if (!this.#attempt || this.#attempt.status !== 'open' || this.#dirty.size === 0) return;
    const changed = {};
    for (const id of this.#dirty) changed[id] = this.#responses[id] ?? null;
    this.#dirty.clear();
    const status = this.shadowRoot.querySelector('#save-status');
    if (status) status.textContent = this.t('quiz.saving');
    try {
      await this.#call(`/attempts/${encodeURIComponent(this.#attempt.attemptId)}/responses`, { method: 'PUT', body: JSON.stringify({ responses: changed }) });
      if (status) status.textContent = this.t('quiz.saved');
    } catch (e) {
      if (e.code === 'time-up' || e.code === 'attempt-submitted') {
        await this.#timeUp();
        return;
      }
      Object.keys(changed).forEach((id) => this.#dirty.add(id));
      if (status) status.textContent = this.t('quiz.saveFailed');
    }
  }

  async #check(item, question) {
    try {
      const outcome = await this.#call(`/attempts/${encodeURIComponent(this.#attempt.attemptId)}/questions/${encodeURIComponent(question.id)}/check`,
        { method: 'POST', body: JSON.stringify({ response: this.#responses[question.id] ?? null }) });
      this.#dirty.delete(question.id);
      const index = this.#attempt.questions.indexOf(question);
      await this.#renderQuestion(item, question, index, this.#attempt.questions.length, { disabled: true, review: false, outcome });
      item.querySelector('.outcome')?.focus();
    } catch (e) {
      this.#showError(e, true);
    }
  }

  #showOutcome(item, outcome, review) {
    const box = el('div', { class: `outcome ${outcome.outcome}`, tabindex: '-1', role: review ? null : 'status' });
    box.append(el('p', {}, `${this.t(`quiz.outcome.${outcome.outcome}`)} — ${this.t('quiz.result.questionScore', fmt(outcome.points, this.lang), fmt(outcome.max, this.lang))}`));
    if (outcome.feedback) box.append(el('p', {}, outcome.feedback));
    if (outcome.explanation) box.append(el('p', {}, el('strong', {}, `${this.t('quiz.explanation')}: `), outcome.explanation));
    item.querySelector('fieldset').append(box);
  }

  #confirmSubmit() {
    const unanswered = this.#attempt.questions.filter((q) => this.#responses[q.id] === undefined).length;
    const dialog = el('dialog', { 'aria-labelledby': 'confirm-text' });
    dialog.append(el('p', { id: 'confirm-text' }, unanswered ? this.t('quiz.confirmSubmitUnanswered', unanswered) : this.t('quiz.confirmSubmit')));
    const actions = el('div', { class: 'actions' });
    const ok = button(this.t('quiz.submit'), () => { dialog.close(); dialog.remove(); this.#submit(); }, 'primary confirm');
    const back = button(this.t('quiz.backToQuestions'), () => { dialog.close(); dialog.remove(); }, 'cancel');
    actions.append(ok, back);
    dialog.append(actions);
    dialog.addEventListener('close', () => dialog.remove());
    this.shadowRoot.append(dialog);
    dialog.showModal();
    ok.focus();
  }

  async #submit() {
    if (this.#submitting) return;
    this.#submitting = true;
    try {
      clearTimeout(this.#saveTimer);
      // Always send everything: the server alone decides what arrived in time (it allows a short grace).
      const body = { responses: this.#responses };
      const attempt = await this.#call(`/attempts/${encodeURIComponent(this.#attempt.attemptId)}/submit`, { method: 'POST', body: JSON.stringify(body) });
      this.#dirty.clear();
      this.#stopTimer();
      this.#showResult(attempt);
      this.dispatchEvent(new CustomEvent('manabi-progress', {
        bubbles: true, composed: true,
        detail: { kind: 'quiz', ref: this.getAttribute('ref'), completed: true, passed: attempt.result.passed },
      }));
    } catch (e) {
      this.#showError(e, true);
    } finally {
      this.#submitting = false;
    }
  }

  async #timeUp() {
    this.#stopTimer();
    const alert = this.shadowRoot.querySelector('#alert');
    if (alert) alert.textContent = this.t('quiz.timeUp');
    await this.#submit();
  }

  // ---------------------------------------------------------------------------------------------- result

  async #showResult(attempt) {
    this.#stopTimer();
    this.#attempt = attempt;
    const r = attempt.result;
    const root = this.#frame();
    root.append(el('h2', { id: 'quiz-title', tabindex: '-1' }, `${attempt.title} — ${this.t('quiz.result.title')}`));
    const box = el('div', { class: `result ${r.passed ? 'passed' : 'failed'}`, role: 'status', 'data-passed': String(r.passed) });
    box.append(el('p', { class: 'score' }, this.t('quiz.result.score', fmt(r.score, this.lang), fmt(r.maxScore, this.lang), fmt(r.percent, this.lang))));
    box.append(el('p', { class: 'verdict' }, this.t(r.passed ? 'quiz.result.passed' : 'quiz.result.failed')));
    if (r.timedOut) box.append(el('p', {}, this.t('quiz.result.timedOut')));
    if (r.attemptsLeft !== undefined && r.attemptsLeft !== null && this.#quiz?.maxAttempts) {
      box.append(el('p', { 'data-attempts-left': r.attemptsLeft }, this.t('quiz.attemptsLeft', r.attemptsLeft, this.#quiz.maxAttempts)));
    }
    root.append(box);
    const actions = el('div', { class: 'actions' });
    if (r.attemptsLeft === undefined || r.attemptsLeft === null || r.attemptsLeft > 0) {
      actions.append(button(this.t('quiz.retake'), () => { this.#attempt = null; this.#start(); }, 'primary retake'));
    } else {
      root.append(el('p', { class: 'no-attempts' }, this.t('quiz.noAttemptsLeft')));
    }
    root.append(actions);
    if (r.questions?.length) {
      root.append(el('h3', {}, this.t('quiz.result.review')));
      const list = el('ol', { class: 'questions' });
      root.append(list);
      const outcomes = new Map(r.questions.map((o) => [o.questionId, o]));
      for (const [i, question] of attempt.questions.entries()) {
        const item = el('li');
        list.append(item);
        await this.#renderQuestion(item, question, i, attempt.questions.length, { disabled: true, review: r.review, outcome: outcomes.get(question.id) });
      }
    }
    this.shadowRoot.querySelector('#quiz-title')?.focus();
  }

  // ---------------------------------------------------------------------------------------------- timer

  #startTimer(remainingSeconds) {
    this.#stopTimer();
    this.#deadline = Date.now() + remainingSeconds * 1000;
    this.#announced = new Set(ANNOUNCE_AT_SECONDS.filter((s) => remainingSeconds <= s));
    const update = () => {
      const left = Math.max(0, Math.round((this.#deadline - Date.now()) / 1000));
      const timer = this.shadowRoot.querySelector('.timer');
      if (timer) {
        const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
        timer.textContent = this.t('quiz.timeLeft', clock);
        timer.classList.toggle('low', left <= 60);
      }
      for (const at of ANNOUNCE_AT_SECONDS) {
        if (left <= at && !this.#announced.has(at)) {
          this.#announced.add(at);
          const live = this.shadowRoot.querySelector('#announce');
          if (live) live.textContent = this.t('quiz.timeWarning', Math.round(at / 60));
        }
      }
      if (left === 0) this.#timeUp();
    };
    update();
    this.#tick = setInterval(update, 1000);
  }

  #stopTimer() {
    clearInterval(this.#tick);
    this.#tick = null;
  }

  // ---------------------------------------------------------------------------------------------- helpers

  #frame() {
    this.shadowRoot.innerHTML = `<style>${STYLE}</style>`;
    const region = el('div', { role: 'region', 'aria-label': this.t('quiz.region'), lang: this.lang });
    this.shadowRoot.append(region);
    return region;
  }

  #renderMessage(text) {
    this.#frame().append(el('p', { role: 'status' }, text));
  }

  #showError(e, keep = false) {
    console.error(e);
    const key = e?.status === 404 ? 'quiz.error.notFound' : e?.code === 'attempt-limit' ? 'quiz.error.attemptLimit' : 'quiz.error.generic';
    if (keep) {
      const alert = this.shadowRoot.querySelector('#alert') || this.shadowRoot.querySelector('[role=region]');
      const p = el('p', { class: 'error', role: 'alert' }, this.t(key));
      alert?.after ? alert.after(p) : this.shadowRoot.append(p);
      return;
    }
    this.#frame().append(el('p', { class: 'error', role: 'alert' }, this.t(key)));
  }
}

/** Loads a renderer module once: absolute URLs and root paths as given, anything else under the assets base. */
async function loadRenderer(url, assets) {
  const resolved = /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/') ? url : `${assets.replace(/\/$/, '')}/${url}`;
  if (!renderers.has(resolved)) renderers.set(resolved, import(resolved));
  return renderers.get(resolved);
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function button(text, onClick, className = '') {
  const b = el('button', { type: 'button', class: className }, text);
  b.addEventListener('click', onClick);
  return b;
}

function fmt(value, lang) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

if (!customElements.get('manabi-quiz-player')) customElements.define('manabi-quiz-player', ManabiQuizPlayer);
