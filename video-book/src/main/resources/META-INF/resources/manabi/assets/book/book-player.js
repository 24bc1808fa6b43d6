// <manabi-book-player>: plays a book of video topics in order, with subtitles, resume and watch tracking.
//
// Shell contract (docs/DEVELOPING.md): attributes api, assets, course, ref (book id), lang; property messages
// (the merged UI bundle). Dispatches manabi-progress {kind, ref, completed, passed} when a topic or the book
// completes.
//
// Watch tracking: only stretches actually played are reported. While the video plays, timeupdate events extend the
// current stretch; a seek, pause or end closes it, and an open stretch is sent at least every 4 seconds. The server
// merges the stretches into a union, checks them against wall-clock time and decides completion; this element only
// displays what the server answers. Reports sent by the video's play, pause and seeked events name them (event
// played / paused / seeked, with from: the position before a seek), for the xAPI Video Profile statements the server
// writes; a seek the player makes itself (resuming a topic) names none.
//
// Keyboard (focus anywhere in the player): Space/K play-pause, Left/Right 5 s, J/L 10 s, Home/End start/end,
// 0-9 jump to 0-90 %, C captions on/off, N/P next/previous topic, < and > (or , and .) speed, M mute,
// F full screen, Esc cancels the autoplay countdown.

import { formatDate, formatNumber, localize, pickTag } from '../core/i18n.js';

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];
const COUNTDOWN_SECONDS = 5;
const SEND_EVERY_MS = 4000;
const PREFS_KEY = 'manabi.book.prefs';

// Icons as inline SVG: symbol characters depend on the fonts installed and often render as empty boxes.
const svg = path => `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">`
  + `<path fill="currentColor" d="${path}"/></svg>`;
const ICONS = {
  play: svg('M7 4v16l13-8z'),
  pause: svg('M6 4h4v16H6zM14 4h4v16h-4z'),
  previous: svg('M6 5h2v14H6zM20 5v14L9 12z'),
  next: svg('M16 5h2v14h-2zM4 5v14l11-7z'),
  volume: svg('M4 9v6h4l5 5V4L8 9zM16 8.5v7a4 4 0 0 0 0-7z'),
  muted: svg('M4 9v6h4l5 5V4L8 9zM16.5 9.9l1.4-1.4 2.1 2.1 2.1-2.1 1.4 1.4-2.1 2.1 2.1 2.1-1.4 1.4-2.1-2.1-2.1 2.1-1.4-1.4 2.1-2.1z'),
  fullscreen: svg('M4 4h6v2H6v4H4zM14 4h6v6h-2V6h-4zM4 14h2v4h4v2H4zM18 14h2v6h-6v-2h4z'),
};

const STYLE = `
:host { display: block; color: #1b2733; } /* font inherited: the shell picks CJK fonts by :lang() */
* { box-sizing: border-box; }
.layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 56rem) { .layout { grid-template-columns: minmax(0, 3fr) minmax(14rem, 1fr); } }
.stage { position: relative; outline: none; }
.stage:focus-visible { box-shadow: 0 0 0 3px #f2b134; }
video { display: block; width: 100%; aspect-ratio: 16 / 9; background: #000; border-radius: 6px; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin-top: .5rem; }
.controls .seek { flex: 1 1 12rem; min-width: 8rem; }
button, select { font: inherit; display: inline-flex; align-items: center; justify-content: center; min-height: 2.5rem; min-width: 2.5rem; padding: .25rem .6rem; border-radius: 4px;
  border: 1px solid #8a9aab; background: #fff; color: inherit; cursor: pointer; }
button[aria-pressed="true"] { background: #1f3b5c; color: #fff; }
button:focus-visible, select:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #f2b134;
  outline-offset: 2px; }
.time { font-variant-numeric: tabular-nums; white-space: nowrap; }
label.inline { display: inline-flex; align-items: center; gap: .3rem; }
.screen { position: relative; }
.countdown { position: absolute; inset: auto 1rem 1rem 1rem; background: rgba(20, 30, 45, .92); color: #fff;
  padding: .75rem 1rem; border-radius: 6px; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.countdown[hidden] { display: none; }
.countdown p { margin: 0; flex: 1 1 12rem; }
.countdown button { background: #fff; color: #1b2733; }
h2 { font-size: 1.25rem; margin: 1rem 0 .25rem; }
.description { margin: .25rem 0; }
.links ul { padding-left: 1.2rem; }
nav h2 { margin-top: 0; }
ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .4rem; }
ol button { width: 100%; text-align: start; display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem;
  padding: .5rem .6rem; }
ol button[aria-current="true"] { border-color: #1f3b5c; border-width: 2px; background: #eef3f8; }
ol .num { grid-row: span 2; font-weight: bold; }
ol .meta { font-size: .85rem; color: #4a5a6a; }
ol .done .meta { color: #1d6b35; }
.status { min-height: 1.5em; margin: .5rem 0 0; }
.error { color: #a11; }
details { margin-top: .75rem; font-size: .9rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
`;

function randomSession() {
  return (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);
}

function round(seconds) {
  return Math.round(seconds * 1000) / 1000;
}

class ManabiBookPlayer extends HTMLElement {
  static observedAttributes = ['api', 'assets', 'course', 'ref', 'lang'];

  #messages = {};
  #book = null;
  #progress = new Map();
  #index = 0;
  #session = randomSession();
  #sequence = 0;
  #segmentStart = null;
  // Where the video stood when play was asked for: the stretch starts there, not where 'playing' first finds it
  // (a busy machine reports a few milliseconds later, and the played-segments would miss that bit; Video Profile 2.5).
  #playFrom = null;
  #lastTime = null;
  #shownAt = null;
  #seekFrom = null;
  #sentAt = 0;
  #queue = Promise.resolve();
  #retry = [];
  #countdown = null;
  #prefs = { captions: true, captionLanguage: null, rate: 1 };
  #resumeAt = null;
  #loadedKey = null;
  #els = {};

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    try {
      Object.assign(this.#prefs, JSON.parse(localStorage.getItem(PREFS_KEY) || '{}'));
    } catch (e) {
      // unreadable preferences: keep the defaults
    }
  }

  set messages(value) {
    this.#messages = value || {};
    this.#renderTexts();
  }

  get messages() {
    return this.#messages;
  }

  get #api() { return this.getAttribute('api') || '/manabi/api'; }
  get #lang() { return this.getAttribute('lang') || document.documentElement.lang || 'en'; }

  connectedCallback() {
    if (!this.#els.video) this.#build();
    this.#load();
    this.#onPageHide = () => this.#flush(true);
    window.addEventListener('pagehide', this.#onPageHide);
  }

  disconnectedCallback() {
    this.#flush(true);
    this.#cancelCountdown(false);
    window.removeEventListener('pagehide', this.#onPageHide);
  }

  #onPageHide = null;

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#els.video) return;
    if (name === 'lang') {
      this.#renderTexts();
      this.#applyCaptions();
    } else if (name === 'ref' || name === 'course' || name === 'api') {
      this.#load();
    }
  }

  // ---- text helpers -------------------------------------------------------------------------------------------

  #t(key, ...args) {
    const pattern = this.#messages[key] ?? key;
    return pattern.replace(/\{(\d+)\}/g, (m, i) => (args[i] === undefined ? m : String(args[i])));
  }

  #time(seconds) {
    const s = Math.max(0, Math.floor(seconds || 0));
    const two = new Intl.NumberFormat(this.#lang, { minimumIntegerDigits: 2, useGrouping: false });
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return (h > 0 ? `${h}:${two.format(m)}` : `${m}`) + `:${two.format(s % 60)}`;
  }

  #percent(share) {
    return formatNumber(share, this.#lang, { style: 'percent', maximumFractionDigits: 0 });
  }

  #rateLabel(rate) {
    return `${formatNumber(rate, this.#lang, { maximumFractionDigits: 2 })}×`;
  }

  #date(iso) {
    return formatDate(iso, this.#lang);
  }

  #url(path) {
    const course = encodeURIComponent(this.getAttribute('course') || '');
    return `${this.#api}/books/${encodeURIComponent(this.getAttribute('ref') || '')}${path}?course=${course}`;
  }

  #fileUrl(file) {
    return this.#url(`/files/${file.split('/').map(encodeURIComponent).join('/')}`);
  }

  // ---- DOM ----------------------------------------------------------------------------------------------------

  #build() {
    const root = this.shadowRoot;
    root.innerHTML = `<style>${STYLE}</style>
      <div class="layout">
        <section class="stage" tabindex="0" role="region" aria-describedby="keys">
          <div class="screen">
            <video preload="metadata" playsinline></video>
            <div class="countdown" role="status" aria-live="polite" aria-atomic="true" hidden>
              <p class="countdown-text"></p>
              <button type="button" class="play-now"></button>
              <button type="button" class="cancel"></button>
            </div>
          </div>
          <div class="controls" role="group">
            <button type="button" class="previous">${ICONS.previous}</button>
            <button type="button" class="back">-5</button>
            <button type="button" class="play">${ICONS.play}</button>
            <button type="button" class="forward">+5</button>
            <button type="button" class="next">${ICONS.next}</button>
            <input type="range" class="seek" min="0" max="0" step="0.1" value="0">
            <span class="time" aria-hidden="true"></span>
            <button type="button" class="captions" aria-pressed="false">CC</button>
            <label class="inline"><span class="caption-language-label"></span>
              <select class="caption-language"></select></label>
            <label class="inline"><span class="rate-label"></span><select class="rate"></select></label>
            <button type="button" class="mute" aria-pressed="false">${ICONS.volume}</button>
            <button type="button" class="fullscreen">${ICONS.fullscreen}</button>
          </div>
          <p class="status" role="status" aria-live="polite"></p>
          <h2 class="topic-title"></h2>
          <p class="topic-of"></p>
          <p class="description"></p>
          <div class="links"><h3 class="links-title"></h3><ul></ul></div>
          <details><summary class="keys-title"></summary><p id="keys" class="keys"></p></details>
        </section>
        <nav><h2 class="topics-title"></h2><ol></ol></nav>
      </div>`;
    const q = s => root.querySelector(s);
    this.#els = {
      stage: q('.stage'), video: q('video'), countdown: q('.countdown'), countdownText: q('.countdown-text'),
      playNow: q('.play-now'), cancel: q('.cancel'), previous: q('.previous'), back: q('.back'), play: q('.play'),
      forward: q('.forward'), next: q('.next'), seek: q('.seek'), time: q('.time'), captions: q('.captions'),
      captionLanguage: q('.caption-language'), captionLanguageLabel: q('.caption-language-label'),
      rate: q('.rate'), rateLabel: q('.rate-label'), mute: q('.mute'), fullscreen: q('.fullscreen'),
      status: q('.status'), title: q('.topic-title'), topicOf: q('.topic-of'), description: q('.description'),
      links: q('.links'), linksTitle: q('.links-title'), linkList: q('.links ul'), keysTitle: q('.keys-title'),
      keys: q('.keys'), topicsTitle: q('.topics-title'), list: q('nav ol'),
    };
    const e = this.#els;
    const v = e.video;
    for (const rate of RATES) {
      const option = document.createElement('option');
      option.value = String(rate);
      e.rate.append(option);
    }
    e.play.addEventListener('click', () => this.#togglePlay());
    e.previous.addEventListener('click', () => this.#go(this.#index - 1, true));
    e.next.addEventListener('click', () => this.#go(this.#index + 1, true));
    e.back.addEventListener('click', () => this.#seekBy(-5));
    e.forward.addEventListener('click', () => this.#seekBy(5));
    e.seek.addEventListener('input', () => { v.currentTime = Number(e.seek.value); });
    e.captions.addEventListener('click', () => this.#toggleCaptions());
    e.captionLanguage.addEventListener('change', () => {
      this.#savePrefs({ captionLanguage: e.captionLanguage.value, captions: true });
      this.#applyCaptions();
    });
    e.rate.addEventListener('change', () => this.#setRate(Number(e.rate.value)));
    e.mute.addEventListener('click', () => { v.muted = !v.muted; });
    e.fullscreen.addEventListener('click', () => this.#fullscreen());
    e.playNow.addEventListener('click', () => this.#finishCountdown());
    e.cancel.addEventListener('click', () => this.#cancelCountdown(true));
    this.addEventListener('keydown', ev => this.#key(ev));

    v.addEventListener('loadedmetadata', () => this.#metadataLoaded());
    v.addEventListener('play', () => {
      this.#playFrom = v.currentTime;
      this.#cancelCountdown(false);
      this.#report(null, false, 'played');
      this.#renderControls();
    });
    v.addEventListener('playing', () => {
      const from = this.#playFrom;
      this.#playFrom = null;
      // Only a start just before this one counts (not a position left over from a seek since).
      this.#segmentStart = from !== null && from <= v.currentTime && v.currentTime - from < 1 ? from : v.currentTime;
      this.#lastTime = v.currentTime;
    });
    v.addEventListener('timeupdate', () => this.#timeUpdate());
    v.addEventListener('seeking', () => {
      this.#playFrom = null;
      if (this.#seekFrom === null) this.#seekFrom = this.#shownAt;
      this.#flush(false);
      this.#segmentStart = null;
    });
    v.addEventListener('seeked', () => {
      if (!v.paused) {
        this.#segmentStart = v.currentTime;
        this.#lastTime = v.currentTime;
      }
      const from = this.#seekFrom;
      this.#seekFrom = null;
      this.#shownAt = v.currentTime;
      if (from === null) this.#report(null);
      else this.#report(null, false, 'seeked', from);
    });
    v.addEventListener('pause', () => {
      this.#flush(false, 'paused');
      this.#segmentStart = null;
      this.#renderControls();
    });
    v.addEventListener('ended', () => this.#ended());
    v.addEventListener('volumechange', () => this.#renderControls());
    v.addEventListener('ratechange', () => this.#renderControls());
    v.addEventListener('error', () => this.#say(this.#t('book.noVideoSupport'), true));
    this.#renderTexts();
  }

  #renderTexts() {
    const e = this.#els;
    if (!e.video) return;
    e.stage.setAttribute('aria-label', this.#t('book.player'));
    e.previous.setAttribute('aria-label', this.#t('book.previous'));
    e.next.setAttribute('aria-label', this.#t('book.next'));
    e.back.setAttribute('aria-label', this.#t('book.seekBack'));
    e.forward.setAttribute('aria-label', this.#t('book.seekForward'));
    e.seek.setAttribute('aria-label', this.#t('book.seek'));
    e.captions.setAttribute('aria-label', this.#t('book.captions'));
    e.captionLanguageLabel.textContent = this.#t('book.captionLanguage');
    e.rateLabel.textContent = this.#t('book.rate');
    e.fullscreen.setAttribute('aria-label', this.#t('book.fullscreen'));
    e.stage.querySelector('.controls').setAttribute('aria-label', this.#t('book.player'));
    e.playNow.textContent = this.#t('book.playNow');
    e.cancel.textContent = this.#t('book.cancel');
    e.linksTitle.textContent = this.#t('book.links');
    e.keysTitle.textContent = this.#t('book.keyboard');
    e.keys.textContent = this.#t('book.keyboardHelp');
    e.topicsTitle.textContent = this.#t('book.topics');
    for (const option of e.rate.options) option.textContent = this.#rateLabel(Number(option.value));
    for (const b of [e.previous, e.next, e.back, e.forward, e.captions, e.fullscreen]) {
      b.title = b.getAttribute('aria-label');
    }
    this.#renderCaptionChoices();
    this.#renderTopic();
    this.#renderList();
    this.#renderControls();
  }

  #renderControls() {
    const e = this.#els;
    const v = e.video;
    if (!v) return;
    const playing = !v.paused && !v.ended;
    const playIcon = playing ? ICONS.pause : ICONS.play;
    if (e.play.dataset.icon !== playIcon) {
      e.play.innerHTML = playIcon;
      e.play.dataset.icon = playIcon;
    }
    e.play.setAttribute('aria-label', this.#t(playing ? 'book.pause' : 'book.play'));
    e.play.title = e.play.getAttribute('aria-label');
    const muteIcon = v.muted ? ICONS.muted : ICONS.volume;
    if (e.mute.dataset.icon !== muteIcon) {
      e.mute.innerHTML = muteIcon;
      e.mute.dataset.icon = muteIcon;
    }
    e.mute.setAttribute('aria-pressed', String(v.muted));
    e.mute.setAttribute('aria-label', this.#t(v.muted ? 'book.unmute' : 'book.mute'));
    e.mute.title = e.mute.getAttribute('aria-label');
    e.captions.setAttribute('aria-pressed', String(!!this.#prefs.captions));
    e.rate.value = String(v.playbackRate);
    const topics = this.#book?.topics ?? [];
    e.previous.disabled = this.#index <= 0;
    e.next.disabled = this.#index >= topics.length - 1;
    const duration = Number.isFinite(v.duration) ? v.duration : (topics[this.#index]?.video.duration ?? 0);
    e.seek.max = String(duration);
    e.seek.value = String(v.currentTime);
    const text = `${this.#time(v.currentTime)} / ${this.#time(duration)}`;
    e.time.textContent = text;
    e.seek.setAttribute('aria-valuetext', text);
  }

  #renderTopic() {
    const e = this.#els;
    const topic = this.#book?.topics[this.#index];
    if (!topic) return;
    const lang = this.#lang;
    e.title.textContent = localize(topic.title, lang);
    e.topicOf.textContent = this.#t('book.topicOf', this.#index + 1, this.#book.topics.length);
    e.description.textContent = localize(topic.description, lang);
    e.linkList.replaceChildren(...topic.links.map(link => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = link.url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = localize(link.label, lang) || link.url;
      if (link.language) {
        a.hreflang = link.language;
        const name = this.#messages[`language.name.${link.language}`];
        if (name && link.language !== lang) {
          a.append(' ', this.#t('book.linkLanguage.same', name));
        }
      }
      li.append(a);
      return li;
    }));
    e.links.hidden = topic.links.length === 0;
  }

  #renderList() {
    const e = this.#els;
    if (!this.#book) return;
    e.list.replaceChildren(...this.#book.topics.map((topic, i) => {
      const p = this.#progress.get(topic.id);
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.topic = topic.id;
      if (i === this.#index) b.setAttribute('aria-current', 'true');
      const num = document.createElement('span');
      num.className = 'num';
      num.textContent = new Intl.NumberFormat(this.#lang).format(i + 1);
      const title = document.createElement('span');
      title.className = 'title';
      title.textContent = localize(topic.title, this.#lang);
      const meta = document.createElement('span');
      meta.className = 'meta';
      const parts = [this.#time(topic.video.duration)];
      if (p?.completed) {
        li.className = 'done';
        parts.push(`✓ ${this.#t('book.completed')}`);
      } else if (p && p.share > 0) {
        parts.push(this.#t('book.watched', this.#percent(p.share)));
      }
      if (p?.updatedAt) parts.push(this.#t('book.lastWatched', this.#date(p.updatedAt)));
      meta.textContent = parts.join(' · ');
      b.append(num, title, meta);
      b.addEventListener('click', () => this.#go(i, true));
      li.append(b);
      return li;
    }));
  }

  #renderCaptionChoices() {
    const e = this.#els;
    const topic = this.#book?.topics[this.#index];
    const languages = topic ? topic.subtitles.map(s => s.language) : [];
    const chosen = this.#captionLanguage(languages);
    e.captionLanguage.replaceChildren(...languages.map(l => {
      const option = document.createElement('option');
      option.value = l;
      option.lang = l;
      option.textContent = this.#messages[`language.name.${l}`] ?? l;
      option.selected = l === chosen;
      return option;
    }));
    e.captionLanguage.disabled = languages.length === 0;
    e.captions.disabled = languages.length === 0;
  }

  #say(text, isError = false) {
    this.#els.status.textContent = text;
    this.#els.status.classList.toggle('error', isError);
  }

  // ---- loading ------------------------------------------------------------------------------------------------

  async #json(url, options = {}) {
    const response = await fetch(url, { credentials: 'same-origin', ...options,
      headers: { Accept: 'application/json', ...(options.headers || {}) } });
    if (!response.ok) {
      const error = new Error(`HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  async #load() {
    const key = `${this.#api}|${this.getAttribute('course')}|${this.getAttribute('ref')}`;
    if (!this.getAttribute('ref') || !this.getAttribute('course') || key === this.#loadedKey) return;
    this.#loadedKey = key;
    this.dataset.state = 'loading';
    try {
      const [book, progress] = await Promise.all([this.#json(this.#url('')), this.#json(this.#url('/progress'))]);
      this.#book = book;
      this.#progress = new Map(progress.topics.map(p => [p.topicId, p]));
      this.#bookCompleted = progress.completed;
      this.#open(this.#resumeIndex(), { autoplay: false, resume: true });
      this.dataset.state = 'ready';
    } catch (error) {
      this.dataset.state = 'error';
      this.#say(this.#t('book.loadError'), true);
    }
  }

  #bookCompleted = false;

  // The topic last played, unless it was played to its end: then the one after it.
  #resumeIndex() {
    const topics = this.#book.topics;
    let latest = -1;
    topics.forEach((t, i) => {
      const p = this.#progress.get(t.id);
      if (p?.updatedAt && (latest < 0 || p.updatedAt > this.#progress.get(topics[latest].id).updatedAt)) latest = i;
    });
    if (latest < 0) return 0;
    const p = this.#progress.get(topics[latest].id);
    return p.position >= p.duration - 1 && latest < topics.length - 1 ? latest + 1 : latest;
  }

  #open(index, { autoplay, resume }) {
    const topic = this.#book.topics[index];
    if (!topic) return;
    this.#flush(false);
    this.#segmentStart = null;
    this.#shownAt = null;
    this.#seekFrom = null;
    this.#cancelCountdown(false);
    this.#index = index;
    this.dataset.topic = topic.id;
    const v = this.#els.video;
    v.querySelectorAll('track').forEach(t => t.remove());
    for (const s of topic.subtitles) {
      const track = document.createElement('track');
      track.kind = 'subtitles';
      track.srclang = s.language;
      track.label = this.#messages[`language.name.${s.language}`] ?? s.language;
      track.src = this.#fileUrl(s.file);
      v.append(track);
    }
    const p = this.#progress.get(topic.id);
    this.#resumeAt = resume && p && p.position > 0.5 && p.position < topic.video.duration - 1 ? p.position : null;
    v.src = this.#fileUrl(topic.video.file);
    v.playbackRate = this.#prefs.rate;
    v.defaultPlaybackRate = this.#prefs.rate;
    this.#renderCaptionChoices();
    this.#applyCaptions();
    this.#renderTopic();
    this.#renderList();
    this.#renderControls();
    if (autoplay) v.play().catch(() => this.#renderControls());
  }

  #metadataLoaded() {
    const v = this.#els.video;
    v.playbackRate = this.#prefs.rate;
    if (this.#resumeAt !== null) {
      v.currentTime = this.#resumeAt;
      this.#say(this.#t('book.resumed', this.#time(this.#resumeAt)));
      this.#resumeAt = null;
    }
    this.#applyCaptions();
    this.#renderControls();
  }

  #go(index, autoplay) {
    if (!this.#book || index < 0 || index >= this.#book.topics.length) return;
    this.#open(index, { autoplay, resume: true });
  }

  // ---- captions, rate, playback -------------------------------------------------------------------------------

  #captionLanguage(languages) {
    if (languages.length === 0) return null;
    const preferred = this.#prefs.captionLanguage && languages.includes(this.#prefs.captionLanguage)
      ? this.#prefs.captionLanguage : this.#lang;
    return pickTag(languages, preferred);
  }

  #applyCaptions() {
    const v = this.#els.video;
    const tracks = Array.from(v.textTracks);
    const chosen = this.#captionLanguage(tracks.map(t => t.language));
    for (const track of tracks) {
      track.mode = this.#prefs.captions && track.language === chosen ? 'showing' : 'disabled';
    }
    if (chosen) this.#els.captionLanguage.value = chosen;
    this.#renderControls();
  }

  #toggleCaptions() {
    this.#savePrefs({ captions: !this.#prefs.captions });
    this.#applyCaptions();
  }

  #setRate(rate) {
    const v = this.#els.video;
    v.playbackRate = rate;
    v.defaultPlaybackRate = rate;
    this.#savePrefs({ rate });
  }

  #savePrefs(change) {
    Object.assign(this.#prefs, change);
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify(this.#prefs));
    } catch (e) {
      // storage unavailable (private mode): preferences last for this page only
    }
  }

  #togglePlay() {
    const v = this.#els.video;
    if (v.paused || v.ended) v.play().catch(() => this.#renderControls());
    else v.pause();
  }

  #seekBy(seconds) {
    const v = this.#els.video;
    const end = Number.isFinite(v.duration) ? v.duration : Infinity;
    v.currentTime = Math.min(Math.max(0, v.currentTime + seconds), end);
  }

  #fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else this.#els.stage.requestFullscreen?.().catch(() => {});
  }

  #key(ev) {
    if (ev.ctrlKey || ev.altKey || ev.metaKey) return;
    const target = ev.composedPath()[0];
    const tag = target?.tagName;
    // Space and Enter belong to the focused button or <summary> (the shortcut list), not to playback.
    const activates = ev.key === ' ' || ev.key === 'Enter';
    if (tag === 'SELECT' || tag === 'A' || ((tag === 'BUTTON' || tag === 'SUMMARY') && activates)) return;
    const v = this.#els.video;
    const handlers = {
      ' ': () => this.#togglePlay(), k: () => this.#togglePlay(),
      ArrowLeft: () => this.#seekBy(-5), ArrowRight: () => this.#seekBy(5),
      j: () => this.#seekBy(-10), l: () => this.#seekBy(10),
      Home: () => { v.currentTime = 0; },
      End: () => { if (Number.isFinite(v.duration)) v.currentTime = v.duration; },
      c: () => this.#toggleCaptions(),
      n: () => this.#go(this.#index + 1, true), p: () => this.#go(this.#index - 1, true),
      '<': () => this.#stepRate(-1), ',': () => this.#stepRate(-1),
      '>': () => this.#stepRate(1), '.': () => this.#stepRate(1),
      m: () => { v.muted = !v.muted; }, f: () => this.#fullscreen(),
      Escape: () => this.#cancelCountdown(true),
    };
    const key = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
    let handler = handlers[ev.key] ?? handlers[key];
    if (!handler && /^[0-9]$/.test(ev.key) && Number.isFinite(v.duration)) {
      handler = () => { v.currentTime = v.duration * Number(ev.key) / 10; };
    }
    if (handler) {
      ev.preventDefault();
      handler();
    }
  }

  #stepRate(direction) {
    const current = RATES.indexOf(this.#els.video.playbackRate);
    const index = Math.min(RATES.length - 1, Math.max(0, (current < 0 ? RATES.indexOf(1) : current) + direction));
    this.#setRate(RATES[index]);
  }

  // ---- autoplay -----------------------------------------------------------------------------------------------

  #ended() {
    this.#renderControls();
    const next = this.#book?.topics[this.#index + 1];
    if (!next) {
      if (this.#bookCompleted) this.#say(this.#t('book.bookCompleted'));
      return;
    }
    let left = COUNTDOWN_SECONDS;
    const e = this.#els;
    const show = () => { e.countdownText.textContent = this.#t('book.countdown', localize(next.title, this.#lang), left); };
    show();
    e.countdown.hidden = false;
    this.#countdown = setInterval(() => {
      left -= 1;
      if (left <= 0) this.#finishCountdown();
      else show();
    }, 1000);
  }

  #finishCountdown() {
    if (this.#countdown === null) return;
    this.#cancelCountdown(false);
    this.#open(this.#index + 1, { autoplay: true, resume: false });
  }

  #cancelCountdown(announce) {
    if (this.#countdown === null) return;
    clearInterval(this.#countdown);
    this.#countdown = null;
    this.#els.countdown.hidden = true;
    if (announce) this.#say(this.#t('book.autoplayCancelled'));
  }

  // ---- watch tracking -----------------------------------------------------------------------------------------

  #timeUpdate() {
    this.#renderControls();
    const v = this.#els.video;
    if (!v.seeking && this.#seekFrom === null) this.#shownAt = v.currentTime;
    if (v.paused || v.seeking || this.#segmentStart === null) return;
    const t = v.currentTime;
    // A jump no seek announced (e.g. a stalled decoder skipping): close the stretch rather than bridge the gap.
    if (t < this.#lastTime || t - this.#lastTime > 2 * Math.max(1, v.playbackRate)) {
      this.#flush(false);
      this.#segmentStart = t;
      this.#lastTime = t;
      return;
    }
    this.#lastTime = t;
    if (performance.now() - this.#sentAt >= SEND_EVERY_MS) this.#flush(false);
  }

  // Sends the open stretch [segmentStart, lastTime] and continues the stretch from its end; with an event, the
  // report names it (sent even without a stretch).
  #flush(leaving, event = null) {
    if (this.#segmentStart !== null && this.#lastTime !== null && this.#lastTime - this.#segmentStart >= 0.05) {
      this.#report({ start: this.#segmentStart, end: this.#lastTime }, leaving, event);
      this.#segmentStart = this.#lastTime;
    } else if (event) {
      this.#report(null, leaving, event);
    }
  }

  #report(interval, leaving = false, event = null, from = null) {
    const topic = this.#book?.topics[this.#index];
    if (!topic) return;
    this.#sentAt = performance.now();
    const v = this.#els.video;
    const body = { session: this.#session, sequence: this.#sequence++,
      start: interval ? round(interval.start) : null, end: interval ? round(interval.end) : null,
      position: round(Math.min(v.currentTime || 0, topic.video.duration)) };
    if (event) body.event = event;
    if (event === 'seeked') body.from = round(Math.min(from, topic.video.duration));
    const url = this.#url(`/topics/${encodeURIComponent(topic.id)}/progress`);
    const send = b => fetch(url, { method: 'POST', credentials: 'same-origin', keepalive: leaving,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(b) });
    if (leaving) {
      send(body);
      return;
    }
    this.#queue = this.#queue.then(async () => {
      const retries = this.#retry.splice(0);
      for (const r of retries) await this.#deliver(send, topic, { ...r, sequence: this.#sequence++ });
      await this.#deliver(send, topic, body);
    });
  }

  async #deliver(send, topic, body) {
    try {
      const response = await send(body);
      if (response.ok) {
        this.#received(topic, await response.json());
      } else if (response.status >= 500) {
        this.#retry.push(body);
        this.#say(this.#t('book.saveError'), true);
      }
      // 4xx: the server refused this report (stale or impossible); nothing to retry.
    } catch (e) {
      if (body.start !== null) this.#retry.push(body);
      this.#say(this.#t('book.saveError'), true);
    }
  }

  #received(topic, progress) {
    const before = this.#progress.get(topic.id);
    this.#progress.set(topic.id, progress);
    if (this.#els.status.classList.contains('error')) this.#say('');
    this.#renderList();
    if (progress.completed && !before?.completed) {
      this.#emit('video-topic', `${this.getAttribute('ref')}/${topic.id}`, true);
      const all = this.#book.topics.every(t => this.#progress.get(t.id)?.completed);
      if (all && !this.#bookCompleted) {
        this.#bookCompleted = true;
        this.#emit('book', this.getAttribute('ref'), true);
        this.#say(this.#t('book.bookCompleted'));
      }
    }
  }

  #emit(kind, ref, completed) {
    this.dispatchEvent(new CustomEvent('manabi-progress', { bubbles: true, composed: true,
      detail: { kind, ref, completed, passed: null } }));
  }
}

if (!customElements.get('manabi-book-player')) {
  customElements.define('manabi-book-player', ManabiBookPlayer);
}
