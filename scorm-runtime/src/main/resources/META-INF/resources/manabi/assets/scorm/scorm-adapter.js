// The SCORM run-time API a SCO talks to: window.API (SCORM 1.2 RTE 3.3) and window.API_1484_11 (SCORM 2004 RTE
// 3.1). Every call is answered synchronously from the local copy of the data model (cmi-model.js, same JSON as the
// server); Commit/Terminate send the SetValue calls made since the last acknowledged commit, in call order, with a
// monotonically increasing sequence number (the server rejects stale ones and re-validates every value).
// No DOM here: the player supplies the transport; node runs this module in the build's tests.
import { DataModel } from './cmi-model.js';
import { byteLength } from './scorm-transport.js';

const NOT_INITIALIZED = 'notInitialized';
const RUNNING = 'running';
const TERMINATED = 'terminated';

export class ScormAdapter {
  /**
   * @param {object} definition data model JSON
   * @param {object} session {session, sequence, model, values, review} from the server (or the preview)
   * @param {object} options transport(body, {keepalive}) => Promise<{ok, status, body}>; onCall(entry);
   *   onTerminate({navRequest}); onProblem({code, message}); flushAboveBytes: commit at once when unacknowledged
   *   SetValue data grows beyond this many UTF-8 bytes
   */
  constructor(definition, session, options = {}) {
    this.model = new DataModel(definition);
    this.session = session;
    this.values = new Map(Object.entries(session.values || {}));
    this.state = NOT_INITIALIZED;
    this.lastError = 0;
    this.lastDiagnostic = '';
    this.pending = [];       // [{id, element, value, bytes}] SetValue calls not yet acknowledged
    this.pendingBytes = 0;   // their UTF-8 size
    this.early = null;       // the commit sent because pendingBytes outgrew options.flushAboveBytes
    this.nextId = 1;
    this.sequence = Number(session.sequence || 0);
    this.acked = this.sequence;
    this.failure = null;     // {code, message} once the server refused this session for good
    this.options = options;
    this.inFlight = new Set();
    // The one terminating commit of this session: {body, request, acked}. After Terminate/LMSFinish nothing else is
    // ever sent: the server closes the session with that commit (SCORM 2004 RTE 3.1.3.2), so a later ordinary
    // commit would be refused as "session closed", or, arriving first, would make the terminate itself stale.
    this.termination = null;
  }

  get review() {
    return !!this.session.review;
  }

  // ---- the eight API functions, version-neutral ------------------------------------------------------------

  initialize(arg) {
    return this.#call('Initialize', [arg], () => {
      if (!isEmptyArg(arg)) return this.#fail(this.model.stateError('initialize', 'argument'));
      if (this.state === RUNNING) return this.#fail(this.model.stateError('initialize', 'running'));
      if (this.state === TERMINATED) return this.#fail(this.model.stateError('initialize', 'terminated'));
      this.state = RUNNING;
      return this.#ok('true');
    });
  }

  terminate(arg) {
    return this.#call('Terminate', [arg], () => {
      if (!isEmptyArg(arg)) return this.#fail(this.model.stateError('terminate', 'argument'));
      if (this.state === NOT_INITIALIZED) return this.#fail(this.model.stateError('terminate', 'notInitialized'));
      if (this.state === TERMINATED) return this.#fail(this.model.stateError('terminate', 'terminated'));
      // The server refused this session (superseded by another tab, invalid data...): what the SCO wants stored on
      // Terminate cannot be stored, so Terminate fails with the definition's termination failure code (2004: 111
      // "General Termination Failure", RTE 3.1.7.2; 1.2: 101 "General exception", RTE 3.3.2.1), as Commit fails
      // with 391 / 101. The state does not change on failure (RTE 3.1.3.2).
      if (this.failure) return this.#fail(this.model.stateError('terminate', 'failure'), 'false', this.failure.message);
      this.state = TERMINATED;
      const navRequest = this.values.get('adl.nav.request');
      this.#sendTermination(true);
      this.options.onTerminate?.({ navRequest: navRequest && navRequest !== '_none_' ? navRequest : null });
      return this.#ok('true');
    });
  }

  getValue(element) {
    return this.#call('GetValue', [element], () => {
      if (this.state === NOT_INITIALIZED) return this.#fail(this.model.stateError('getValue', 'notInitialized'), '');
      if (this.state === TERMINATED) return this.#fail(this.model.stateError('getValue', 'terminated'), '');
      const { value, error } = this.model.getValue(this.values, element);
      if (error) return this.#fail(error, '');
      return this.#ok(value);
    });
  }

  setValue(element, value) {
    return this.#call('SetValue', [element, value], () => {
      if (this.state === NOT_INITIALIZED) return this.#fail(this.model.stateError('setValue', 'notInitialized'));
      if (this.state === TERMINATED) return this.#fail(this.model.stateError('setValue', 'terminated'));
      const text = value === undefined || value === null ? '' : String(value);
      // A commit carries at most the definition's limits.setsPerCommit calls (the server refuses more): when that
      // many still wait for the server, this one fails (351 General Set Failure / 1.2: 101) instead of the commit.
      if (this.pending.length >= this.model.limits.setsPerCommit) return this.#fail(this.model.setErrors.tooManySets);
      const error = this.model.setValue(this.values, element, text);
      if (error) return this.#fail(error);
      const entry = { id: this.nextId++, element: String(element), value: text };
      entry.bytes = byteLength(entry.element) + byteLength(text);
      this.pending.push(entry);
      this.pendingBytes += entry.bytes;
      this.#commitEarly();
      return this.#ok('true');
    });
  }

  commit(arg) {
    return this.#call('Commit', [arg], () => {
      if (!isEmptyArg(arg)) return this.#fail(this.model.stateError('commit', 'argument'));
      if (this.state === NOT_INITIALIZED) return this.#fail(this.model.stateError('commit', 'notInitialized'));
      if (this.state === TERMINATED) return this.#fail(this.model.stateError('commit', 'terminated'));
      if (this.failure) return this.#fail(this.model.stateError('commit', 'failure'), 'false', this.failure.message);
      this.flush({});
      return this.#ok('true');
    });
  }

  getLastError() {
    return this.#call('GetLastError', [], () => String(this.lastError), false);
  }

  getErrorString(code) {
    return this.#call('GetErrorString', [code], () => this.model.errorString(code), false);
  }

  getDiagnostic(code) {
    return this.#call('GetDiagnostic', [code], () => {
      if (code === undefined || code === null || code === '' || String(code) === String(this.lastError)) {
        return this.lastDiagnostic || this.model.diagnostic(this.lastError);
      }
      return this.model.diagnostic(code);
    }, false);
  }

  /** The API object of the data model's version, ready to be put on window. */
  api() {
    const a = this;
    if (this.model.model === '1.2') {
      return {
        LMSInitialize: (x) => a.initialize(x), LMSFinish: (x) => a.terminate(x),
        LMSGetValue: (e) => a.getValue(e), LMSSetValue: (e, v) => a.setValue(e, v), LMSCommit: (x) => a.commit(x),
        LMSGetLastError: () => a.getLastError(), LMSGetErrorString: (c) => a.getErrorString(c),
        LMSGetDiagnostic: (c) => a.getDiagnostic(c),
      };
    }
    return {
      version: '1.0',
      Initialize: (x) => a.initialize(x), Terminate: (x) => a.terminate(x),
      GetValue: (e) => a.getValue(e), SetValue: (e, v) => a.setValue(e, v), Commit: (x) => a.commit(x),
      GetLastError: () => a.getLastError(), GetErrorString: (c) => a.getErrorString(c),
      GetDiagnostic: (c) => a.getDiagnostic(c),
    };
  }

  // ---- commits ---------------------------------------------------------------------------------------------

  /** True when SetValue calls wait for the server. */
  get dirty() {
    return this.pending.length > 0;
  }

  /**
   * Sends every unacknowledged SetValue with the next sequence number. Overlapping sends are safe: each carries
   * all calls since the last acknowledgement, the server applies only sequence numbers above its last one, and
   * re-applying an assignment is idempotent. Resolves true when acknowledged. Once the session is terminated this
   * only completes the terminating commit (periodic saves and pagehide may still call it).
   */
  flush({ terminate = false, keepalive = false } = {}) {
    if (this.state === TERMINATED) return this.#finishTermination(keepalive);
    if (terminate) {
      this.state = TERMINATED;
      return this.#sendTermination(keepalive);
    }
    if (this.review || this.failure || !this.options.transport) return Promise.resolve(!this.failure);
    if (this.pending.length === 0) return Promise.resolve(true);
    this.sequence += 1;
    return this.#send(this.#body(this.sequence, false), keepalive);
  }

  /** Sends the terminating commit once; every later send of it is the same body with the same sequence number. */
  #sendTermination(keepalive) {
    if (this.review || this.failure || !this.options.transport) return Promise.resolve(!this.failure);
    if (!this.termination) {
      this.sequence += 1;
      this.termination = { body: this.#body(this.sequence, true), request: null, acked: false };
    }
    const t = this.termination;
    t.request = this.#send(t.body, keepalive).then((ok) => {
      if (ok) t.acked = true;
      return ok;
    });
    return t.request;
  }

  /**
   * After Terminate: waits for the terminating commit; if it got no answer (network error, page closing) sends the
   * very same request again, which the server acknowledges idempotently. Never a new, non-terminating commit.
   */
  #finishTermination(keepalive) {
    const t = this.termination;
    if (!t) return this.#sendTermination(keepalive);
    if (t.acked || this.failure) return Promise.resolve(t.acked);
    return t.request.then((ok) => (ok || this.failure ? ok : this.#sendTermination(keepalive)));
  }

  #body(sequence, terminate) {
    const sent = this.pending.slice();
    const body = { session: this.session.session, sequence, terminate, sets: sent.map((s) => ({ element: s.element, value: s.value })), upTo: sent.length ? sent[sent.length - 1].id : 0 };
    // The learner's navigation is pending: the server processes it instead of the SCO's adl.nav.request (SN 5.4).
    if (terminate && this.learnerNavigation) body.learnerNavigation = true;
    return body;
  }

  #send(commit, keepalive) {
    const { upTo, ...body } = commit;
    const { sequence } = body;
    const request = Promise.resolve()
      .then(() => this.options.transport(body, { keepalive }))
      .then((response) => {
        if (response.ok) {
          if (sequence > this.acked) this.acked = sequence;
          this.pending = this.pending.filter((s) => s.id > upTo);
          this.pendingBytes = this.pending.reduce((n, s) => n + s.bytes, 0);
          return true;
        }
        if (response.status === 409 && response.body?.code === 'scorm-commit-stale' && this.acked >= sequence) return true;
        if (response.status === 409 && response.body?.code === 'scorm-commit-stale' && sequence < this.sequence) return true;
        if ([401, 403, 404, 409, 413, 422].includes(response.status)) {
          this.failure = { code: response.body?.code ?? `http-${response.status}`, message: response.body?.message ?? '' };
          this.options.onProblem?.(this.failure);
        }
        return false;
      })
      .catch(() => false)
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
    return request;
  }

  /**
   * A SCO that stores a lot between commits (suspend data, interactions) would leave more than a keepalive request
   * or sendBeacon can carry (64 KiB) for the moment the tab closes: commit it now, one such commit at a time. The
   * same once half the SetValue calls a commit may carry (limits.setsPerCommit) wait.
   */
  #commitEarly() {
    const limit = this.options.flushAboveBytes;
    const sets = this.pending.length >= this.model.limits.setsPerCommit / 2;
    if (this.early || (!sets && (!limit || this.pendingBytes < limit))) return;
    this.early = this.flush().finally(() => { this.early = null; });
  }

  /** Waits for every commit in flight. */
  settled() {
    return Promise.all([...this.inFlight]);
  }

  /**
   * The LMS ends the session when the learner leaves the activity without the SCO calling Terminate/LMSFinish
   * (it may still do so from its unload handler first).
   */
  close({ keepalive = true } = {}) {
    if (this.state === RUNNING) return this.flush({ terminate: true, keepalive });
    if (this.state === TERMINATED) return this.#finishTermination(keepalive);
    return this.settled().then(() => true);
  }

  // ---- bookkeeping -----------------------------------------------------------------------------------------

  #ok(result) {
    this.lastError = 0;
    this.lastDiagnostic = '';
    return result;
  }

  #fail(code, result = 'false', diagnostic = '') {
    this.lastError = code;
    this.lastDiagnostic = diagnostic;
    return result;
  }

  #call(fn, args, body, setsError = true) {
    const started = Date.now();
    const result = body();
    this.options.onCall?.({ fn: this.#name(fn), args, result, error: setsError ? this.lastError : null, time: started });
    return result;
  }

  #name(fn) {
    if (this.model.model !== '1.2') return fn;
    return { Initialize: 'LMSInitialize', Terminate: 'LMSFinish' }[fn] ?? `LMS${fn}`;
  }
}

/**
 * What the player asks the server for after Terminate, from adl.nav.request (SCORM 2004 RTE 4.4.1):
 * {request, target} for continue, previous, {target=ID}choice and {target=ID}jump (4th Edition: a jump is not
 * subject to the choice rules, so it may reach an activity hidden from choice; the server's activity tree tells
 * them apart), {request} for the exit requests, null for _none_ or nothing.
 */
export function navigationRequest(value) {
  if (!value || value === '_none_') return null;
  const targeted = /^\{target=([^}]+)\}(choice|jump)$/.exec(value);
  if (targeted) return { request: targeted[2], target: targeted[1] };
  if (['continue', 'previous', 'exit', 'exitAll', 'suspendAll', 'abandon', 'abandonAll'].includes(value)) return { request: value, target: null };
  return null;
}

function isEmptyArg(arg) {
  return arg === '' || arg === undefined || arg === null;
}

/**
 * A stable API object for window.API / window.API_1484_11 that forwards to the adapter of the SCO currently
 * delivered (SCOs may keep the object they found); with none, every call fails as "not initialized".
 */
export function apiFacade(version, currentAdapter) {
  const names = version === '1.2'
    ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic']
    : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic'];
  const facade = version === '1.2' ? {} : { version: '1.0' };
  for (const name of names) {
    facade[name] = (...args) => {
      const adapter = currentAdapter();
      if (!adapter || adapter.model.model !== version) {
        if (name.endsWith('GetLastError')) return version === '1.2' ? '301' : '101';
        if (name.endsWith('GetErrorString') || name.endsWith('GetDiagnostic')) return '';
        return name.endsWith('GetValue') ? '' : 'false';
      }
      return adapter.api()[name](...args);
    };
  }
  return facade;
}
