// SCORM run-time data models in the browser, driven by the same JSON definitions the server validates with
// (GET {api}/scorm/datamodel/{1.2|2004}; Java: dev.manabi.scorm.cmi.DataModel). Pure functions, no DOM: the
// adapter answers GetValue/SetValue synchronously from here, and node runs this module in the build's tests.
// Rules: SCORM 1.2 RTE 3.4 and SCORM 2004 RTE 4.2 (keywords _children/_count/_version, collections, vocabularies,
// SPM, ranges, dependencies), error codes from the definition's getErrors/setErrors tables.

const INDEX = /^(?:0|[1-9]\d{0,8})$/;
const TARGET = /^\{target=[^\s{}]+\}$/;

function expand(pattern, macros) {
  let out = pattern;
  for (const [name, value] of Object.entries(macros || {})) out = out.split(`%${name}%`).join(value);
  return out;
}

/**
 * Record bookkeeping per values Map (collection prefix -> {keys: index -> number of keys, count}), so a SetValue
 * costs the same with 10 or 10,000 values (scanning every key per call made a SCO's commit quadratic). Only
 * DataModel.setValue adds keys; a Map changed elsewhere (its size differs from what was indexed) is indexed again.
 * Same rule as CmiValues on the server.
 */
const RECORDS = new WeakMap();

function recordsOf(values) {
  let r = RECORDS.get(values);
  if (!r || r.size !== values.size) {
    r = { size: 0, collections: new Map() };
    for (const key of values.keys()) addKey(r, key);
    RECORDS.set(values, r);
  }
  return r;
}

function addKey(r, key) {
  const parts = key.split('.');
  for (let i = 1; i < parts.length; i += 1) {
    if (!/^\d{1,9}$/.test(parts[i])) continue;
    const prefix = parts.slice(0, i).join('.');
    let c = r.collections.get(prefix);
    if (!c) r.collections.set(prefix, (c = { keys: new Map(), count: 0 }));
    const index = Number(parts[i]);
    c.keys.set(index, (c.keys.get(index) || 0) + 1);
    while (c.keys.has(c.count)) c.count += 1;
  }
  r.size += 1;
}

/** The number of records of the collection at prefix: the lowest index without any value. */
export function count(values, prefix) {
  return recordsOf(values).collections.get(prefix)?.count ?? 0;
}

/** Stores a value, keeping the record bookkeeping in step. */
function store(values, name, value) {
  const r = recordsOf(values);
  const added = !values.has(name);
  values.set(name, value);
  if (added) addKey(r, name);
}

function number(text) {
  if (text === undefined || text === null || String(text).trim() === '') return null;
  const d = Number(text);
  return Number.isNaN(d) ? null : d;
}

/**
 * The value the LMS gives an element the definition marks {@code evaluate} (SCORM 2004 RTE 4.2.4.1
 * completion_status, 4.2.21.1 success_status): with a threshold, the measure at or above it answers `reached`, below
 * it `below`, no measure `unmeasured`, whatever the SCO set; without a threshold what the SCO set, else `fallback`.
 * Same rule as Element.Evaluation on the server.
 */
export function evaluate(rule, reported, threshold, measure, fallback) {
  if (threshold === null) return reported ?? fallback;
  if (measure === null) return rule.unmeasured;
  return measure >= threshold ? rule.reached : rule.below;
}

export class DataModel {
  constructor(definition) {
    this.definition = definition;
    this.model = definition.model;
    this.types = {};
    for (const [name, t] of Object.entries(definition.types)) {
      this.types[name] = { ...t, regex: t.pattern ? new RegExp(expand(t.pattern, definition.macros)) : null };
    }
    this.responses = {};
    for (const [set, byType] of Object.entries(definition.responses || {})) {
      this.responses[set] = {};
      for (const [type, p] of Object.entries(byType)) this.responses[set][type] = new RegExp(expand(p, definition.macros));
    }
    this.distinctResponseItems = new Set(definition.distinctResponseItems?.types || []);
    this.elements = definition.elements;
    this.collections = definition.collections || {};
    this.limits = definition.limits;
    this.getErrors = definition.getErrors;
    this.setErrors = definition.setErrors;
  }

  errorString(code) {
    return this.definition.errors[String(code)]?.[0] ?? '';
  }

  diagnostic(code) {
    return this.definition.errors[String(code)]?.[1] ?? '';
  }

  stateError(fn, condition) {
    return this.definition.states[fn]?.[condition] ?? 0;
  }

  /** GetValue: {value, error}. */
  getValue(values, name) {
    if (name === undefined || name === null || name === '') return { value: '', error: this.getErrors.empty };
    name = String(name);
    const m = this.#match(name);
    if (!m) return { value: '', error: this.#keywordMiss(name, true) };
    const e = m.element;
    if (e.keyword) {
      if (!this.#parentsExist(values, m)) return { value: '', error: this.getErrors.indexOutOfRange };
      if (e.keyword === 'count') return { value: String(count(values, name.slice(0, -'._count'.length))), error: 0 };
      return { value: e.value, error: 0 };
    }
    if (this.#access(values, e, name) === 'wo') return { value: '', error: this.getErrors.writeOnly };
    if (!this.#parentsExist(values, m)) return { value: '', error: this.getErrors.indexOutOfRange };
    if (e.evaluate) {
      const rule = e.evaluate;
      return { value: evaluate(rule, values.get(name), number(values.get(rule.threshold)), number(values.get(rule.measure)), e.default), error: 0 };
    }
    if (values.has(name)) return { value: values.get(name), error: 0 };
    // The launch may answer every {target=...} it does not list at once, under the element's own name (SCORM 2004
    // RTE 4.4.2 adl.nav.request_valid: the LMS knows its activity tree). Same rule as DataModel.getValue.
    if (e.name.endsWith('.{target}') && values.has(e.name)) return { value: values.get(e.name), error: 0 };
    if (e.default !== undefined) return { value: e.default, error: 0 };
    return { value: '', error: this.getErrors.notInitialized };
  }

  /** SetValue: 0 and the value stored, or the error code and nothing changed. */
  setValue(values, name, value) {
    if (name === undefined || name === null || name === '') return this.setErrors.empty;
    name = String(name);
    value = value === undefined || value === null ? '' : String(value);
    const m = this.#match(name);
    if (!m) return this.#keywordMiss(name, false);
    const e = m.element;
    if (e.keyword) return this.setErrors.keyword;
    if (this.#access(values, e, name) === 'ro') return this.setErrors.readOnly;
    const collectionError = this.#checkCollections(values, m, value);
    if (collectionError) return collectionError;
    const typeError = this.#checkType(values, m, value);
    if (typeError) return typeError;
    store(values, name, value);
    return 0;
  }

  #match(name) {
    for (const e of this.elements) {
      const m = matchElement(e, name);
      if (m) return m;
    }
    return null;
  }

  #keywordMiss(name, get) {
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const last = name.slice(dot + 1);
      const prefix = name.slice(0, dot);
      if ((last === '_children' || last === '_count') && this.#exists(prefix)) {
        if (!get) return this.setErrors.keyword;
        return this.getErrors[last === '_children' ? 'noChildren' : 'noCount'];
      }
    }
    return get ? this.getErrors.undefined : this.setErrors.undefined;
  }

  #exists(prefix) {
    if (this.#match(prefix)) return true;
    const n = prefix.split('.');
    return this.elements.some((e) => {
      if (e.name.endsWith('.{target}')) return false;
      const p = e.name.split('.');
      if (n.length >= p.length) return false;
      return n.every((seg, i) => (p[i] === 'n' ? INDEX.test(seg) : p[i] === seg));
    });
  }

  #access(values, e, name) {
    if (e.accessFrom) {
      const override = values.get(name + e.accessFrom);
      if (override !== undefined) return override;
    }
    return e.access;
  }

  #parentsExist(values, m) {
    return m.indices.every((index, i) => index < count(values, m.prefixes[i]));
  }

  #checkCollections(values, m, value) {
    for (let level = 0; level < m.indices.length; level += 1) {
      const prefix = m.prefixes[level];
      const index = m.indices[level];
      const n = count(values, prefix);
      if (index > n) return this.setErrors.indexOutOfRange;
      const collection = genericName(prefix);
      const most = this.limits.records?.[collection];
      // A new record beyond what this LMS keeps (the definition's limits, above SCORM's SPM).
      if (most !== undefined && index === n && n >= most) return this.setErrors.tooManyRecords;
      const rules = this.collections[collection];
      const record = `${prefix}.${index}`;
      const innermost = level === m.indices.length - 1;
      const field = innermost ? m.element.name.slice(m.element.name.lastIndexOf('.n.') + 3) : null;
      if (!rules) continue;
      if (rules.lmsOnly && index === n) return this.setErrors.indexOutOfRange;
      if (rules.key && !values.has(`${record}.${rules.key}`) && !(innermost && rules.key === field)) {
        return this.setErrors.dependency;
      }
      if (innermost && rules.maxByType && Object.keys(rules.maxByType).length) {
        const parentRecord = prefix.slice(0, prefix.lastIndexOf('.'));
        const type = values.get(`${parentRecord}.${rules.typeElement}`);
        const max = type === undefined ? undefined : rules.maxByType[type];
        if (max !== undefined && index >= max) return this.setErrors.tooManyPatterns;
      }
      if (innermost && rules.key && rules.key === field) {
        const current = values.get(`${record}.${field}`);
        if (rules.immutableKey && current !== undefined && current !== value) return this.setErrors.idImmutable;
        let unique = !!rules.unique;
        if (!unique && rules.uniqueByType && rules.uniqueByType.length) {
          const parentRecord = prefix.slice(0, prefix.lastIndexOf('.'));
          unique = rules.uniqueByType.includes(values.get(`${parentRecord}.${rules.typeElement}`));
        }
        if (unique) {
          for (let i = 0; i < n; i += 1) {
            if (i !== index && values.get(`${prefix}.${i}.${field}`) === value) return this.setErrors.duplicateId;
          }
        }
      }
    }
    return 0;
  }

  #checkType(values, m, value) {
    const e = m.element;
    if (value.length > this.limits.valueChars) return this.setErrors.tooLong;
    const type = this.types[e.type];
    let numeric = !!type.numeric;
    if (e.vocabulary && e.vocabulary.length) {
      const settable = e.setVocabulary && e.setVocabulary.length ? e.setVocabulary : e.vocabulary;
      if (!settable.includes(value)) {
        const or = e.orType ? this.types[e.orType] : null;
        if (!or || !(or.regex === null || or.regex.test(value))) return this.setErrors.typeMismatch;
        numeric = !!or.numeric;
      } else {
        numeric = false;
      }
    } else if (e.responses) {
      const interactionType = values.get(concrete(e.dependsOn, m.indices));
      if (interactionType === undefined) return this.setErrors.dependency;
      const p = this.responses[e.responses]?.[interactionType];
      if (p && !p.test(value)) return this.setErrors.typeMismatch;
      if (this.distinctResponseItems.has(interactionType)) {
        const items = value.split('[,]');
        if (new Set(items).size !== items.length) return this.setErrors.typeMismatch;
      }
    } else if (type.regex && !type.regex.test(value)) {
      return this.setErrors.typeMismatch;
    }
    if (type.maxLength !== undefined && value.length > type.maxLength) return this.setErrors.tooLong;
    if (this.definition.spmStrict && e.spm !== undefined && value.length > e.spm) return this.setErrors.tooLong;
    if (numeric && value !== '' && (e.min !== undefined || e.max !== undefined)) {
      const d = Number(value);
      if (Number.isNaN(d)) return this.setErrors.typeMismatch;
      if ((e.min !== undefined && d < e.min) || (e.max !== undefined && d > e.max)) return this.setErrors.outOfRange;
    }
    return 0;
  }
}

function matchElement(e, name) {
  const pattern = e.name;
  if (pattern.endsWith('.{target}')) {
    const prefix = pattern.slice(0, -'{target}'.length);
    return name.startsWith(prefix) && TARGET.test(name.slice(prefix.length)) ? { element: e, prefixes: [], indices: [] } : null;
  }
  const p = pattern.split('.');
  const n = name.split('.');
  if (p.length !== n.length) return null;
  const prefixes = [];
  const indices = [];
  for (let i = 0; i < p.length; i += 1) {
    if (p[i] === 'n') {
      if (!INDEX.test(n[i])) return null;
      prefixes.push(n.slice(0, i).join('.'));
      indices.push(Number(n[i]));
    } else if (p[i] !== n[i]) {
      return null;
    }
  }
  return { element: e, prefixes, indices };
}

function genericName(concreteName) {
  return concreteName.split('.').map((s) => (INDEX.test(s) ? 'n' : s)).join('.');
}

function concrete(generic, indices) {
  let i = 0;
  return generic.split('.').map((s) => (s === 'n' && i < indices.length ? String(indices[i++]) : s)).join('.');
}

/** Session time arithmetic (hundredths of a second) for the preview's running total. */
export function parseDuration(model, text) {
  if (model === '1.2') {
    const m = /^(\d{2,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?$/.exec(text ?? '');
    if (!m) return -1;
    return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 100 + (m[4] ? Number((m[4] + '0').slice(0, 2)) : 0);
  }
  const m = /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text ?? '');
  if (!m) return -1;
  const day = 24 * 3600 * 100;
  const v = (x) => (x ? Number(x) : 0);
  return v(m[1]) * 365 * day + v(m[2]) * 30 * day + v(m[3]) * day + v(m[4]) * 360000 + v(m[5]) * 6000 + Math.round(v(m[6]) * 100);
}
