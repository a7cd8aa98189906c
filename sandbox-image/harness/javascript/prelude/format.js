/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Console formatting: util.inspect / util.format, roughly, never running user getters.

  // ---- Safe rendering for people (console output, assertion messages) -----------------------
  /** @param {string} s */
  function quote(s) {
    // A plain loop: String.prototype.replace would consult the replaceable RegExp.prototype.
    let out = "'";
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      out += c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c === "'" || c === '\\' ? '\\' + c : c;
    }
    return out + "'";
  }

  /** @param {unknown} fn */
  function functionLabel(fn) {
    const name = ownData(/** @type {object} */ (fn), 'name');
    let source = '';
    try {
      source = apply(functionToString, fn, []);
    } catch {
      source = '';
    }
    const label = typeof name === 'string' && name !== '' ? name : '';
    if (slice(source, 0, 5) === 'class') return label ? '[class ' + label + ']' : '[class (anonymous)]';
    return label ? '[Function: ' + label + ']' : '[Function (anonymous)]';
  }

  /** @param {PropertyKey} key */
  function keyLabel(key) {
    if (typeof key === 'symbol') return '[' + apply(symbolToString, key, []) + ']';
    const text = typeof key === 'string' ? key : '' + key;
    return matches(ID_RE, text) ? text : quote(text);
  }

  /**
   * util.inspect, roughly: one line, depth 2, at most 100 items per container, never calls a
   * getter, toString or valueOf; stops once `budget.left` runs out.
   * @param {unknown} v @param {number} depth @param {object[]} seen @param {{ left: number }} budget
   * @returns {string}
   */
  function inspect(v, depth, seen, budget) {
    if (budget.left <= 0) return '…';
    const s = inspectInner(v, depth, seen, budget);
    budget.left -= s.length;
    return s;
  }

  /** @param {unknown} v @param {number} depth @param {object[]} seen @param {{ left: number }} budget @returns {string} */
  function inspectInner(v, depth, seen, budget) {
    switch (typeof v) {
      case 'string':
        return quote(v.length > budget.left ? slice(v, 0, mathMax(0, budget.left)) + '…' : v);
      case 'number':
        return objectIs(v, -0) ? '-0' : '' + v;
      case 'bigint':
        return '' + v + 'n';
      case 'symbol':
        return apply(symbolToString, v, []);
      case 'undefined':
        return 'undefined';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'function':
        return functionLabel(v);
      default:
        break;
    }
    if (v === null) return 'null';
    const o = /** @type {object} */ (v);
    for (let i = 0; i < seen.length; i++) if (seen[i] === o) return '[Circular]';
    if (brand(dateGetTime, o)) {
      const t = apply(dateGetTime, o, []);
      return numberIsNaN(t) ? 'Invalid Date' : apply(dateToISO, o, []);
    }
    if (brand(regexpSource, o)) return '/' + apply(regexpSource, o, []) + '/' + apply(regexpFlags, o, []);
    if (brand(numberValueOf, o)) return '[Number: ' + inspectInner(apply(numberValueOf, o, []), 0, seen, budget) + ']';
    if (brand(stringValueOf, o)) return '[String: ' + quote(apply(stringValueOf, o, [])) + ']';
    if (brand(booleanValueOf, o)) return '[Boolean: ' + apply(booleanValueOf, o, []) + ']';
    if (inheritsFrom(o, ErrorProto)) {
      const stack = ownData(o, 'stack');
      return typeof stack === 'string' ? stack : errorHeadline(o);
    }
    const isMap = brand(mapSize, o);
    const isSet = !isMap && brand(setSize, o);
    const isTyped = !isMap && !isSet && brand(typedArrayLength, o);
    const arr = !isMap && !isSet && !isTyped && isArray(o);
    if (depth > 2) {
      if (arr) return '[Array]';
      if (isMap) return '[Map]';
      if (isSet) return '[Set]';
      return '[Object]';
    }
    push(seen, o);
    /** @type {string[]} */
    const parts = [];
    let prefix = '';
    let open = '{';
    let close = '}';
    if (isMap || isSet) {
      const size = apply(isMap ? mapSize : setSize, o, []);
      prefix = (isMap ? 'Map(' : 'Set(') + size + ') ';
      let n = 0;
      apply(isMap ? mapForEach : setForEach, o, [
        /** @param {unknown} value @param {unknown} key */
        (value, key) => {
          n++;
          if (n > 100 || budget.left <= 0) return;
          push(parts, isMap ? inspect(key, depth + 1, seen, budget) + ' => ' + inspect(value, depth + 1, seen, budget) : inspect(value, depth + 1, seen, budget));
        },
      ]);
      if (n > 100) push(parts, '... ' + (n - 100) + ' more items');
    } else if (arr || isTyped) {
      open = '[';
      close = ']';
      const len = isTyped ? apply(typedArrayLength, o, []) : ownData(o, 'length');
      const length = typeof len === 'number' ? len : 0;
      if (isTyped) prefix = apply(typedArrayTag, o, []) + '(' + length + ') ';
      let holes = 0;
      const shown = length < 100 ? length : 100;
      for (let i = 0; i < shown && budget.left > 0; i++) {
        const d = gopd(o, '' + i);
        if (d === undefined) {
          holes++;
          continue;
        }
        if (holes > 0) {
          push(parts, '<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
          holes = 0;
        }
        push(parts, hasOwn(d, 'value') ? inspect(d.value, depth + 1, seen, budget) : accessorLabel(d));
      }
      if (holes > 0) push(parts, '<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
      if (length > shown) push(parts, '... ' + (length - shown) + ' more items');
    } else {
      const proto = getProto(o);
      if (proto === null) prefix = '[Object: null prototype] ';
      else if (proto !== ObjectProto) {
        const ctor = ownData(proto, 'constructor');
        const name = typeof ctor === 'function' ? ownData(ctor, 'name') : undefined;
        if (typeof name === 'string' && name !== '' && name !== 'Object') prefix = name + ' ';
      }
    }
    if (!arr && !isTyped) {
      const keys = isMap || isSet ? [] : ownKeys(o);
      let count = 0;
      for (let i = 0; i < keys.length && budget.left > 0; i++) {
        const key = keys[i];
        const d = gopd(o, key);
        if (d === undefined || !d.enumerable) continue;
        if (++count > 100) {
          push(parts, '...');
          break;
        }
        push(parts, keyLabel(key) + ': ' + (hasOwn(d, 'value') ? inspect(d.value, depth + 1, seen, budget) : accessorLabel(d)));
      }
    }
    pop(seen);
    if (parts.length === 0) return prefix + open + close;
    let body = '';
    for (let i = 0; i < parts.length; i++) body += (i === 0 ? '' : ', ') + parts[i];
    return prefix + open + ' ' + body + ' ' + close;
  }

  /** @param {PropertyDescriptor} d */
  function accessorLabel(d) {
    if (d.get && d.set) return '[Getter/Setter]';
    return d.get ? '[Getter]' : '[Setter]';
  }

  /** @param {unknown} v @param {{ left: number }} budget */
  function show(v, budget) {
    return inspect(v, 0, [], budget);
  }

  /** A short rendering for assertion messages. @param {unknown} v */
  function brief(v) {
    return show(v, { left: 2000 });
  }

  /**
   * util.format, roughly (%s %d %i %f %j %o %O %c %%), with every argument capped.
   * @param {ArrayLike<unknown>} args
   */
  function format(args) {
    const budget = { left: OUTPUT_CAP };
    let out = '';
    let next = 0;
    const first = args[0];
    if (typeof first === 'string' && indexOf(first, '%') !== -1) {
      next = 1;
      for (let i = 0; i < first.length && budget.left > 0; i++) {
        const c = apply(strCharCodeAt, first, [i]);
        if (c !== 37 /* % */ || i + 1 >= first.length) {
          out += first[i];
          budget.left--;
          continue;
        }
        const spec = first[i + 1];
        if (spec === '%') {
          out += '%';
          i++;
          continue;
        }
        if (spec !== 's' && spec !== 'd' && spec !== 'i' && spec !== 'f' && spec !== 'j' && spec !== 'o' && spec !== 'O' && spec !== 'c') {
          out += '%';
          continue;
        }
        i++;
        if (next >= args.length) {
          out += '%' + spec;
          continue;
        }
        const arg = args[next++];
        if (spec === 'c') continue;
        if (spec === 's') out += typeof arg === 'string' ? capped(arg, budget) : typeof arg === 'bigint' ? '' + arg + 'n' : show(arg, budget);
        else if (spec === 'd' || spec === 'i' || spec === 'f') {
          if (typeof arg === 'bigint') out += '' + arg + 'n';
          else if (typeof arg === 'number') out += spec === 'i' ? '' + MathObj.trunc(arg) : '' + arg;
          else if (typeof arg === 'string' || typeof arg === 'boolean') out += '' + NumberCtor(arg);
          else out += 'NaN';
        } else if (spec === 'j') {
          try {
            const j = jsonStringify(arg);
            out += typeof j === 'string' ? capped(j, budget) : 'undefined';
          } catch {
            out += '[Circular]';
          }
        } else out += show(arg, budget);
      }
    }
    for (let i = next; i < args.length && budget.left > 0; i++) {
      const arg = args[i];
      if (out !== '' || i > 0) out += ' ';
      out += typeof arg === 'string' ? capped(arg, budget) : show(arg, budget);
    }
    return out;
  }

  /** @param {string} s @param {{ left: number }} budget */
  function capped(s, budget) {
    const r = s.length > budget.left ? slice(s, 0, mathMax(0, budget.left)) : s;
    budget.left -= r.length;
    return r;
  }

