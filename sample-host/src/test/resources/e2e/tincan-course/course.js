// A tincan.xml course as launched by an LMS (Rustici, "Incorporating a TinCan LRS into an LMS", "Launch"): it reads
// endpoint, auth, actor, registration and activity_id from its URL and sends its statements to the LRS with fetch.
// "attempted" when it opens; "completed" and "passed" (scaled score 0.9) when the learner finishes.
const launch = new URLSearchParams(location.search);
const state = document.getElementById('state');
const finish = document.getElementById('finish');

async function send(verb, result) {
  const statement = {
    actor: JSON.parse(launch.get('actor')),
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { en: verb } },
    object: { objectType: 'Activity', id: launch.get('activity_id') },
    context: { registration: launch.get('registration') },
    timestamp: new Date().toISOString(),
  };
  if (result) statement.result = result;
  const response = await fetch(`${launch.get('endpoint')}statements`, {
    method: 'POST',
    headers: {
      Authorization: launch.get('auth'),
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(statement),
  });
  if (!response.ok) throw new Error(`${verb}: ${response.status} ${await response.text()}`);
  state.textContent = verb;
}

finish.addEventListener('click', async () => {
  finish.disabled = true;
  try {
    await send('completed', { completion: true });
    await send('passed', { success: true, completion: true, score: { scaled: 0.9 } });
  } catch (e) {
    state.textContent = `failed ${e.message}`;
  }
});

send('attempted').then(() => { finish.disabled = false; })
  .catch((e) => { state.textContent = `failed ${e.message}`; });
