// Test-only init script: records, per delivered activity, what the content reported through the SCORM API as the
// API itself then answers (GetValue applies SCORM 2004 RTE 4.2.4.1 / 4.2.21.1 evaluation), and whether the SCO
// finished. Kept in the portal's sessionStorage so a reload of the player page keeps the record. The API lives in the
// launcher on the content origin (/manabi/content/c/{capability}/), where SCOs find window.API / window.API_1484_11
// by walking window.parent: this script wraps them there and posts what it saw to the portal's window, where the
// same script keeps it under the activity the player delivered.
(() => {
  const inLauncher = window !== window.top && /\/manabi\/content\/c\/[^/]+\/$/.test(location.pathname);
  if (window === window.top) {
    window.addEventListener('message', (event) => {
      if (event.data?.scormReported) note(event.data.scormReported);
    });
  } else if (!inLauncher) {
    return;
  }
  const player = () => {
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'manabi-scorm-player') return el;
        if (el.shadowRoot) { const found = walk(el.shadowRoot); if (found) return found; }
      }
      return null;
    };
    return walk(document);
  };
  const report = (patch) => window.top.postMessage({ scormReported: patch }, '*');
  const note = (patch) => {
    const item = player()?.itemId;
    if (!item) return;
    const all = JSON.parse(sessionStorage.getItem('scorm-reported') || '{}');
    const entry = all[item] || {};
    entry.values = Object.assign(entry.values || {}, patch.values || {});
    if (patch.finished) entry.finished = true;
    all[item] = entry;
    sessionStorage.setItem('scorm-reported', JSON.stringify(all));
  };
  const apis = {
    API: { set: 'LMSSetValue', get: 'LMSGetValue', finish: 'LMSFinish', reset: 'cmi.core.lesson_mode',
      watched: ['cmi.core.lesson_status', 'cmi.core.score.raw', 'cmi.core.score.min', 'cmi.core.score.max'] },
    API_1484_11: { set: 'SetValue', get: 'GetValue', finish: 'Terminate', reset: 'cmi.mode',
      watched: ['cmi.completion_status', 'cmi.success_status', 'cmi.score.scaled'] },
  };
  if (!inLauncher) return;
  for (const [name, api] of Object.entries(apis)) {
    let facade;
    Object.defineProperty(window, name, {
      configurable: true,
      get: () => facade,
      set: (f) => {
        facade = f;
        const set = f[api.set];
        const finish = f[api.finish];
        f[api.set] = (key, value) => {
          const result = set(key, value);
          if (String(result) === 'true') {
            const values = {};
            for (const w of api.watched) values[w] = f[api.get](w);
            f[api.get](api.reset); // leaves GetLastError at 0, as after the content's own successful call
            report({ values });
          }
          return result;
        };
        f[api.finish] = (arg) => { report({ finished: true }); return finish(arg); };
      },
    });
  }
})();
