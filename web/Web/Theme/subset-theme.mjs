// Radzen's theme styles every Radzen component: 800 KB for a browser to fetch and parse on every first load. The web
// app uses its buttons and text boxes only, so it serves the theme's variables and page-wide rules and the rules that
// style those two (selectors naming their classes): a few KB. A component the app starts to use is added to `used`.
//   node subset-theme.mjs <radzen theme.css> <output.css>
import { readFileSync, writeFileSync } from 'node:fs';

const used = ['.rz-button', '.rz-textbox'];
// The classes those components combine with (their look and state); a selector naming any other Radzen class styles
// them inside another component (a scheduler's buttons) and is left out.
const modifiers = ['rz-button', 'rz-textbox', 'rz-state-', 'rz-variant-', 'rz-shade-', 'rz-primary', 'rz-secondary', 'rz-light',
    'rz-dark', 'rz-base', 'rz-info', 'rz-success', 'rz-warning', 'rz-danger', 'rz-ripple'];
const pageWide = new Set([':root', 'html', 'body']);

const [input, output] = process.argv.slice(2);
const theme = readFileSync(input, 'utf8').replace(/^\uFEFF/, '');

// The top-level statements of a stylesheet: `prelude{...}` blocks (nested braces included) and `@...;` statements.
function statements(css) {
    const found = [];
    let start = 0, depth = 0, quote = null;
    for (let i = 0; i < css.length; i++) {
        const c = css[i];
        if (quote) {
            if (c === '\\') i++;
            else if (c === quote) quote = null;
        } else if (c === '"' || c === "'") {
            quote = c;
        } else if (c === '/' && css[i + 1] === '*') {
            const end = css.indexOf('*/', i + 2);
            i = end < 0 ? css.length : end + 1;
        } else if (c === '{') {
            depth++;
        } else if (c === '}' && --depth === 0) {
            found.push(css.slice(start, i + 1).trim());
            start = i + 1;
        } else if (c === ';' && depth === 0) {
            found.push(css.slice(start, i + 1).trim());
            start = i + 1;
        }
    }
    return found.filter(Boolean);
}

// Text split at each separator outside parentheses: a selector list at its commas (not those inside :is(), :not(),
// :has()), a rule's body at its semicolons (not those inside url() or var()).
function splitOutsideParentheses(text, separator) {
    const parts = [];
    let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')') depth--;
        else if (text[i] === separator && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
    }
    parts.push(text.slice(start));
    return parts.map(part => part.trim()).filter(Boolean);
}

const selectors = list => splitOutsideParentheses(list, ',');
const declarations = body => splitOutsideParentheses(body, ';');

const wanted = selector => pageWide.has(selector) || (used.some(name => selector.includes(name))
    && [...selector.matchAll(/\.(rz-[\w-]+)/g)].every(([, name]) => modifiers.some(prefix => name.startsWith(prefix))));

function subset(css) {
    const kept = [];
    for (const statement of statements(css)) {
        const open = statement.indexOf('{');
        if (open < 0) continue; // @charset, @import: the theme has none that matter
        const prelude = statement.slice(0, open).trim();
        const body = statement.slice(open + 1, -1);
        if (/^@(media|supports|container|layer)\b/.test(prelude)) {
            const inner = subset(body);
            if (inner) kept.push(`${prelude}{${inner}}`);
        } else if (/^@(-webkit-)?keyframes\b/.test(prelude)) {
            kept.push({ keyframes: prelude.split(/\s+/)[1], text: statement });
        } else if (!prelude.startsWith('@')) {
            const chosen = selectors(prelude).filter(wanted);
            if (chosen.length > 0) kept.push(`${chosen.join(',')}{${body}}`);
        }
    }
    // Animations only when a kept rule runs them.
    const rules = kept.filter(rule => typeof rule === 'string').join('');
    return kept.filter(rule => typeof rule === 'string' || rules.includes(rule.keyframes)).map(rule => rule.text ?? rule).join('');
}

// The theme's variables (on :root) are for every component: only those the kept rules use, directly or through
// another variable, stay.
const references = text => [...text.matchAll(/var\((--[\w-]+)/g)].map(([, name]) => name);

function pruneVariables(css) {
    const variableRule = /(^|})(:root|html|body)\{([^{}]*)\}/g;
    const defined = new Map();
    for (const [, , , body] of css.matchAll(variableRule)) {
        for (const declaration of declarations(body).filter(d => d.startsWith('--'))) {
            const name = declaration.slice(0, declaration.indexOf(':')).trim();
            defined.set(name, declaration);
        }
    }
    const needed = new Set(references(css.replace(variableRule, '$1')));
    for (const name of needed) {
        for (const inner of references(defined.get(name) ?? '')) needed.add(inner); // a Set visits what is added while iterating
    }
    return css.replace(variableRule, (_, before, selector, body) => {
        const kept = declarations(body).filter(d => !d.startsWith('--') || needed.has(d.slice(0, d.indexOf(':')).trim()));
        return kept.length > 0 ? `${before}${selector}{${kept.join(';')}}` : before;
    });
}

const result = pruneVariables(subset(theme));
writeFileSync(output, `/* Radzen's theme, cut to the variables, page-wide rules, buttons and text boxes (web/Web/Theme/subset-theme.mjs). */\n${result}\n`);
console.log(`${input}: ${(theme.length / 1024).toFixed(0)} KB → ${output}: ${(result.length / 1024).toFixed(0)} KB`);
