// A small cmi5 AU runtime (cmi5 Quartz sections 8.1, 8.2, 9, 10, 11): reads the launch parameters, fetches the
// auth-token once, reads LMS.LaunchData and the learner's language, and sends "cmi5 defined" statements built from
// the context template. Plain ES module, fetch only.

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const VERBS = 'http://adlnet.gov/expapi/verbs/';

export async function launch() {
  const q = new URLSearchParams(location.search);
  const endpoint = q.get('endpoint');
  const actor = JSON.parse(q.get('actor'));
  const registration = q.get('registration');
  const activityId = q.get('activityId');
  // 8.2: one POST to the fetch URL; the token then goes in every xAPI request.
  const fetched = await (await fetch(q.get('fetch'), { method: 'POST' })).json();
  if (!fetched['auth-token']) throw new Error('fetch: ' + (fetched['error-text'] || 'no token'));
  const headers = { Authorization: 'Basic ' + fetched['auth-token'], 'X-Experience-API-Version': '1.0.3' };
  const get = async (path, params) => {
    const r = await fetch(endpoint + path + '?' + new URLSearchParams(params), { headers });
    return r.ok ? r.json() : null;
  };
  const launchData = await get('activities/state', { activityId, agent: JSON.stringify(actor), registration,
    stateId: 'LMS.LaunchData' });
  const preferences = await get('agents/profile', { agent: JSON.stringify(actor), profileId: 'cmi5LearnerPreferences' });
  const started = Date.now();

  async function send(verb, result, extensions) {
    // 10 contextTemplate: the AU's context starts from it; 9.6.2.1 / 9.6.2.2 categories; 9.6.1 registration.
    const context = structuredClone(launchData.contextTemplate);
    context.registration = registration;
    context.contextActivities = context.contextActivities || {};
    const category = [{ id: CMI5_CATEGORY }];
    if (result && ('success' in result || 'completion' in result)) category.push({ id: MOVEON_CATEGORY });
    context.contextActivities.category = category;
    if (extensions) context.extensions = { ...context.extensions, ...extensions };
    const statement = { id: crypto.randomUUID(), actor, verb: { id: VERBS + verb, display: { en: verb } },
      object: { id: activityId, objectType: 'Activity' }, context, timestamp: new Date().toISOString() };
    if (result) statement.result = result;
    const r = await fetch(endpoint + 'statements', { method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(statement) });
    if (!r.ok) throw new Error(verb + ': ' + r.status + ' ' + (await r.text()));
  }

  function duration() {
    return 'PT' + (Math.max(0, Date.now() - started) / 1000).toFixed(2) + 'S';
  }

  await send('initialized');
  return {
    launchData,
    language: (preferences && preferences.languagePreference || navigator.language || 'en').split(',')[0],
    normal: launchData.launchMode === 'Normal',
    /** 9.3.3, 9.5.3, 9.5.4.1 */
    completed: () => send('completed', { completion: true, duration: duration() }),
    /** 9.3.4 / 9.3.5, 9.5.1, 9.5.2: the verb follows masteryScore. */
    judged: (scaled) => {
      const mastery = launchData.masteryScore;
      const passed = mastery === undefined || scaled >= mastery;
      // 9.6.3.2: a verdict based on masteryScore carries it as an extension.
      const extensions = mastery === undefined ? undefined
        : { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': mastery };
      return send(passed ? 'passed' : 'failed', { success: passed, score: { scaled }, duration: duration() },
        extensions).then(() => passed);
    },
    /** 9.3.8: the last statement of the session. */
    terminated: () => send('terminated', { duration: duration() }),
  };
}

/** The text of {@code texts} in the learner's language (ja, en, zh-Hans, ko; else English). */
export function pick(texts, language) {
  const tag = String(language || 'en').toLowerCase();
  if (tag.startsWith('zh')) return texts['zh-Hans'];
  return texts[tag.slice(0, 2)] || texts.en;
}
