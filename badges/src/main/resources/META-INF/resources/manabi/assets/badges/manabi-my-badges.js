// <manabi-my-badges [api="/manabi/api"]>
// The signed-in learner's badges (badges module, README "Learners and admins"): image, name, description, when it
// was awarded, revocation with its reason, downloads of the baked PNG and SVG and the hosted assertion (Open Badges
// 2.0), and the signed credential as JSON, PNG and SVG (Open Badges 3.0).
// One request: GET {api}/badges/mine. Strings from the UI bundle (badges.*); a plain list of articles with real
// links, so everything is reachable by keyboard and read in order by screen readers.
import { failureText, fetchJson, formatDate, loadMessages, localize, t } from '../core/i18n.js';

const STYLE = `
  :host { display: block; font-family: inherit; color: #1d2330; }
  ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
  li { border: 1px solid #d5dbe5; border-radius: .5rem; padding: 1rem; display: grid; gap: .4rem; }
  img { width: 6rem; height: 6rem; object-fit: contain; }
  h3 { font-size: 1.05rem; margin: 0; }
  p { margin: 0; }
  .when { color: #4a5568; font-size: .9rem; }
  .revoked { color: #9b2c2c; font-weight: 600; }
  .note { color: #4a5568; font-size: .85rem; }
  .links { display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
  a { color: #2b6cb0; }
  :focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
  .error { color: #9b2c2c; }
`;

class ManabiMyBadges extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  get api() { return this.getAttribute('api') || '/manabi/api'; }

  async connectedCallback() {
    const root = this.shadowRoot;
    root.innerHTML = `<style>${STYLE}</style><section aria-busy="true"></section>`;
    const section = root.querySelector('section');
    try {
      const me = await fetchJson(`${this.api}/me`);
      this.lang = me.language;
      this.messages = await loadMessages(this.api, this.lang);
      section.setAttribute('aria-label', t(this.messages, 'badges.region'));
      section.textContent = t(this.messages, 'badges.loading');
      this.render(section, await fetchJson(`${this.api}/badges/mine`));
    } catch (e) {
      section.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'error', role: 'alert', textContent: await failureText(this.api, e),
      }));
    } finally {
      section.removeAttribute('aria-busy');
    }
  }

  render(section, badges) {
    const m = this.messages;
    if (badges.length === 0) {
      section.replaceChildren(Object.assign(document.createElement('p'), { textContent: t(m, 'badges.none') }));
      return;
    }
    const list = document.createElement('ul');
    for (const badge of badges) {
      const name = localize(badge.name, this.lang);
      const item = document.createElement('li');
      item.dataset.badge = badge.badgeId;
      const img = Object.assign(document.createElement('img'), { src: badge.links.image, alt: '' });
      const title = Object.assign(document.createElement('h3'), { textContent: name });
      const description = Object.assign(document.createElement('p'), {
        textContent: localize(badge.description, this.lang),
      });
      const when = Object.assign(document.createElement('p'), {
        className: 'when', textContent: t(m, 'badges.issuedOn', formatDate(badge.issuedOn, this.lang)),
      });
      item.append(img, title, description, when);
      if (badge.revoked) {
        item.append(Object.assign(document.createElement('p'), {
          className: 'revoked', textContent: t(m, 'badges.revoked', badge.revocationReason),
        }));
      } else {
        const links = document.createElement('p');
        links.className = 'links';
        for (const [href, kind] of [[badge.links.png, 'PNG'], [badge.links.svg, 'SVG']]) {
          links.append(Object.assign(document.createElement('a'), {
            href, download: '', textContent: t(m, 'badges.download', kind),
            ariaLabel: t(m, 'badges.downloadLabel', name, kind),
          }));
        }
        links.append(Object.assign(document.createElement('a'), {
          href: badge.links.assertion, textContent: t(m, 'badges.verify'), rel: 'noopener', target: '_blank',
        }));
        item.append(links);
        // Open Badges 3.0: the signed credential itself, and baked into the images (verifiable offline).
        const credential = document.createElement('p');
        credential.className = 'links';
        credential.append(Object.assign(document.createElement('span'), { textContent: t(m, 'badges.ob3') }));
        for (const [href, kind] of [[badge.links.credential, 'JSON'], [badge.links.credentialPng, 'PNG'],
          [badge.links.credentialSvg, 'SVG']]) {
          const label = t(m, 'badges.ob3Kind', kind);
          credential.append(Object.assign(document.createElement('a'), {
            href, download: '', textContent: t(m, 'badges.download', label),
            ariaLabel: t(m, 'badges.downloadLabel', name, label),
          }));
        }
        item.append(credential);
        if (!badge.recipientMailKnown) {
          item.append(Object.assign(document.createElement('p'), { className: 'note', textContent: t(m, 'badges.noMail') }));
        }
      }
      list.append(item);
    }
    section.replaceChildren(list);
  }
}

if (!customElements.get('manabi-my-badges')) {
  customElements.define('manabi-my-badges', ManabiMyBadges);
}
