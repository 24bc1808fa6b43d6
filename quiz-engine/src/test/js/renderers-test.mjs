// Runs the built-in question renderers under node against a minimal fake DOM (invoked by RendererScriptTest).
// usage: node renderers-test.mjs <assets/quiz/types dir> <numeric-cases.json>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [types, numericCases] = process.argv.slice(2);

// Just enough DOM for the renderers: elements with attributes, children, listeners and text.
class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.childNodes = [];
    this.listeners = {};
    this.value = '';
  }
  get children() { return this.childNodes.filter((n) => n instanceof FakeElement); }
  get textContent() { return this.childNodes.map((n) => (typeof n === 'string' ? n : n.textContent)).join(''); }
  set textContent(text) { this.childNodes = [String(text)]; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return this.attributes[name] ?? null; }
  append(...nodes) { this.childNodes.push(...nodes.map((n) => (n instanceof FakeElement ? n : String(n)))); }
  replaceChildren(...nodes) { this.childNodes = []; this.append(...nodes); }
  addEventListener(type, listener) { (this.listeners[type] ??= []).push(listener); }
  dispatch(type, init = {}) { for (const l of this.listeners[type] ?? []) l({ preventDefault() {}, ...init }); }
  focus() {}
  matches(selector) {
    if (selector.startsWith('.')) return (this.attributes.class ?? '').split(' ').includes(selector.slice(1));
    return this.tagName === selector.toUpperCase();
  }
  querySelectorAll(selector) {
    const out = [];
    for (const child of this.children) {
      if (child.matches(selector)) out.push(child);
      out.push(...child.querySelectorAll(selector));
    }
    return out;
  }
  querySelector(selector) { return selector ? this.querySelectorAll(selector)[0] ?? null : null; }
}
globalThis.document = { createElement: (tag) => new FakeElement(tag) };

const { expect, done } = await import(process.env.MANABI_CHECKS);

function context(value, changes) {
  return {
    value, disabled: false, review: false, labelledBy: 'legend prompt', idPrefix: 'q0-', lang: 'en', messages: {},
    t: (key, ...args) => [key, ...args].join(' '), onChange: (v) => changes.push(v),
  };
}

const ordering = await import(pathToFileURL(join(types, 'ordering.js')).href);
const question = { id: 'o', items: [{ id: 'b', text: 'B' }, { id: 'c', text: 'C' }, { id: 'a', text: 'A' }] };

// 1. An untouched ordering question stays unanswered: nothing is reported until the learner moves an item.
{
  const changes = [];
  const container = new FakeElement('div');
  ordering.render(container, question, context(undefined, changes));
  const shown = container.querySelector('ol').children.map((li) => li.getAttribute('data-id'));
  expect('ordering shows the order the server sent', shown, ['b', 'c', 'a']);
  expect('ordering reports nothing before a move', changes, []);
  container.querySelector('ol').children[0].querySelector('.down').dispatch('click');
  expect('a move reports the whole new order', changes, [['c', 'b', 'a']]);
}

// 2. A saved order is shown as saved and not reported again.
{
  const changes = [];
  const container = new FakeElement('div');
  ordering.render(container, question, context(['a', 'b', 'c'], changes));
  const shown = container.querySelector('ol').children.map((li) => li.getAttribute('data-id'));
  expect('ordering restores the saved order', shown, ['a', 'b', 'c']);
  expect('restoring reports nothing', changes, []);
  container.querySelector('ol').children[2].dispatch('keydown', { altKey: true, key: 'ArrowUp' });
  expect('Alt+ArrowUp moves the focused item up', changes, [['a', 'c', 'b']]);
}

// 3. Numbers are read exactly as the server reads them (BuiltInScoringTest uses the same cases).
const numeric = await import(pathToFileURL(join(types, 'numeric.js')).href);
for (const c of JSON.parse(readFileSync(numericCases, 'utf8'))) {
  expect(`parseNumber '${c.text}'`, numeric.parseNumber(c.text), c.value);
}
{
  const changes = [];
  const container = new FakeElement('div');
  numeric.render(container, { id: 'n' }, context(undefined, changes));
  const input = container.querySelector('input');
  for (const [text, invalid] of [['１，０００', 'false'], ['1,000,5', 'true'], ['', 'false']]) {
    input.value = text;
    input.dispatch('input');
    expect(`'${text}' marked invalid: ${invalid}`, input.getAttribute('aria-invalid'), invalid);
  }
  expect('the typed text is the response', changes, ['１，０００', '1,000,5', '']);
}

done();
