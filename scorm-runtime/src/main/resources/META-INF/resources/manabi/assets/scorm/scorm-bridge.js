// The portal side of the content-origin bridge (README "Content origin"): points the player's (or preview's) frame at
// the launcher of one SCO session on the content origin and talks to it by postMessage (scorm-launcher.js has the
// message list). Only messages whose source is that frame's window, whose origin is the session's content origin
// ("null" for the sandbox fallback, an opaque origin) and which name this launch's launcher are read; the session
// goes only to the content origin.

/** One launch of one SCO session in `frame`. */
export class LauncherBridge {
  /**
   * @param {HTMLIFrameElement} frame the player's frame
   * @param {object} session the session view from the server (launchUrl, launchHref, contentOrigin, sandbox, values)
   * @param {object} definition the data model definition
   * @param {object} options title (of the SCO frame), log (send every API call), onEvent(message)
   */
  constructor(frame, session, definition, { title = '', log = false, onEvent = () => {} } = {}) {
    this.frame = frame;
    this.session = session;
    this.launcher = new URL(session.launchUrl, location.href).pathname;
    this.closing = null;
    this.onEvent = onEvent;
    this.listener = (event) => {
      if (event.source !== frame.contentWindow || event.origin !== session.contentOrigin) return;
      const m = event.data;
      if (!m || m.manabi !== 'scorm-launcher' || m.launcher !== this.launcher) return;
      if (m.type === 'ready') {
        this.ready = true;
        this.#post({ type: 'launch', session: launchSession(session), definition, href: session.launchHref, title, log });
      } else if (m.type === 'closed') {
        this.closed?.();
      } else {
        onEvent(m);
      }
    };
    window.addEventListener('message', this.listener);
    if (session.sandbox) frame.setAttribute('sandbox', session.sandbox);
    else frame.removeAttribute('sandbox');
    frame.src = session.launchUrl;
  }

  #post(message) {
    // An opaque origin cannot be named as a target: in the sandbox fallback '*' (the frame's window is checked).
    this.frame.contentWindow?.postMessage({ manabi: 'scorm-portal', ...message },
      this.session.contentOrigin === 'null' ? '*' : this.session.contentOrigin);
  }

  /**
   * Ends the session: the launcher unloads the SCO (which may Terminate), terminates for it if it did not and waits
   * for the commits; then the frame is emptied. Resolves after at most 8 s, whatever the content does.
   * learnerNavigation: the learner's navigation request follows, and goes before the SCO's (SN 5.4).
   */
  close({ learnerNavigation = false } = {}) {
    if (!this.closing) {
      this.closing = new Promise((resolve) => {
        this.closed = resolve;
        if (!this.ready) resolve();
        this.#post({ type: 'close', learnerNavigation });
        setTimeout(resolve, 8000);
      }).then(() => {
        window.removeEventListener('message', this.listener);
        this.frame.src = 'about:blank';
      });
    }
    return this.closing;
  }
}

/** What the adapter needs of the session (not the URLs). */
function launchSession(s) {
  return { session: s.session, sequence: s.sequence, model: s.model, itemId: s.itemId, mode: s.mode, review: s.review, values: s.values };
}
