/* eslint-disable @typescript-eslint/ban-ts-comment, no-undef, @typescript-eslint/no-unused-vars -- a fragment of one function body: its names live in the other fragments */
// @ts-nocheck: a fragment of the prelude function body (see ../sandbox-prelude.cjs); its names are shared with the other fragments.
// Serialization of values (see protocol/harness.ts for the tags).

  // ---- Serialization of returned values (see protocol/harness.ts for the tags) --------------
  /**
   * @param {unknown} root
   * @returns {string}
   */
  function serialize(root) {
    let size = 0;
    let over = false;
    /** @type {object[]} */
    const ancestors = [];
    const TRUNCATED = '{"$pj":"truncated"}';

    /** @param {string} s */
    const count = (s) => {
      size += s.length;
      if (size > VALUE_BUDGET) over = true;
      return s;
    };

    /** @param {unknown} v @param {number} depth @returns {string} */
    function ser(v, depth) {
      switch (typeof v) {
        case 'undefined':
          return count('{"$pj":"undefined"}');
        case 'boolean':
          return count(v ? 'true' : 'false');
        case 'number':
          if (v !== v) return count('{"$pj":"nan"}');
          if (v === Infinity) return count('{"$pj":"infinity","sign":1}');
          if (v === -Infinity) return count('{"$pj":"infinity","sign":-1}');
          return count('' + v);
        case 'bigint':
          return count('{"$pj":"bigint","value":"' + v + '"}');
        case 'string':
          if (v.length > VALUE_BUDGET) {
            over = true;
            return TRUNCATED;
          }
          return count(jsonStringify(v));
        case 'symbol': {
          const d = apply(symbolDescription, v, []);
          return count(typeof d === 'string' ? '{"$pj":"symbol","description":' + jsonStringify(d) + '}' : '{"$pj":"symbol"}');
        }
        case 'function': {
          const name = ownData(v, 'name');
          return count('{"$pj":"function","name":' + jsonStringify(typeof name === 'string' ? slice(name, 0, 200) : '') + '}');
        }
        default:
          break;
      }
      if (v === null) return count('null');
      const o = /** @type {object} */ (v);
      if (depth >= MAX_DEPTH) return count(TRUNCATED);
      for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === o) return count('{"$pj":"circular"}');
      if (brand(dateGetTime, o)) {
        const t = apply(dateGetTime, o, []);
        return count(numberIsNaN(t) ? '"Invalid Date"' : jsonStringify(apply(dateToISO, o, [])));
      }
      if (brand(numberValueOf, o)) return ser(apply(numberValueOf, o, []), depth);
      if (brand(stringValueOf, o)) return ser(apply(stringValueOf, o, []), depth);
      if (brand(booleanValueOf, o)) return ser(apply(booleanValueOf, o, []), depth);
      if (brand(bigintValueOf, o)) return ser(apply(bigintValueOf, o, []), depth);
      push(ancestors, o);
      try {
        if (brand(mapSize, o)) {
          let body = '';
          apply(mapForEach, o, [
            /** @param {unknown} value @param {unknown} key */
            (value, key) => {
              if (over) return;
              body += (body === '' ? '' : ',') + count('[') + ser(key, depth + 1) + count(',') + ser(value, depth + 1) + count(']');
            },
          ]);
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('{"$pj":"map","entries":[') + body + count(']}');
        }
        if (brand(setSize, o)) {
          let body = '';
          apply(setForEach, o, [
            /** @param {unknown} value */
            (value) => {
              if (over) return;
              body += (body === '' ? '' : ',') + ser(value, depth + 1);
            },
          ]);
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('{"$pj":"set","values":[') + body + count(']}');
        }
        if (brand(typedArrayLength, o)) {
          const len = apply(typedArrayLength, o, []);
          let body = '';
          for (let i = 0; i < len && !over; i++) body += (i === 0 ? '' : ',') + ser(/** @type {Record<number, unknown>} */ (o)[i], depth + 1);
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('[') + body + count(']');
        }
        if (isArray(o)) {
          const len = ownData(o, 'length');
          const length = typeof len === 'number' ? len : 0;
          let body = '';
          for (let i = 0; i < length && !over; i++) {
            const d = gopd(o, '' + i);
            // Holes and accessor elements read as undefined: getters are never run.
            const item = d !== undefined && hasOwn(d, 'value') ? ser(d.value, depth + 1) : count('{"$pj":"undefined"}');
            body += (i === 0 ? '' : count(',')) + item;
          }
          if (over) body += (body === '' ? '' : ',') + TRUNCATED;
          return count('[') + body + count(']');
        }
        const keys = ownKeys(o);
        let body = '';
        let escaped = false;
        for (let i = 0; i < keys.length && !over; i++) {
          const key = keys[i];
          if (typeof key !== 'string') continue;
          const d = gopd(o, key);
          // Only own enumerable data properties: accessors are skipped, never invoked.
          if (d === undefined || !d.enumerable || !hasOwn(d, 'value')) continue;
          if (key === '$pj') escaped = true;
          body += (body === '' ? '' : ',') + count(jsonStringify(key) + ':') + ser(d.value, depth + 1);
        }
        if (over) return TRUNCATED;
        // A plain object that happens to have a "$pj" key must not read as a tag.
        return escaped ? count('{"$pj":"escaped","value":{') + body + count('}}') : count('{') + body + count('}');
      } finally {
        pop(ancestors);
      }
    }

    const text = ser(root, 0);
    return text;
  }

