// Renders a batch of TeX formulas with KaTeX in one Node.js process.
// argv[2]: path of katex.min.js. stdin: JSON [{ "tex": "...", "display": true|false }, ...].
// stdout: JSON [{ "html": "...", "error": "message or null" }, ...] in the same order.
'use strict';
const katex = require(process.argv[2]);
const chunks = [];
process.stdin.on('data', chunk => chunks.push(chunk));
process.stdin.on('end', () => {
  const items = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const results = items.map(item => {
    const options = { displayMode: !!item.display, throwOnError: true };
    try {
      return { html: katex.renderToString(item.tex, options), error: null };
    } catch (e) {
      // Still show the formula (KaTeX marks the faulty part) and report why.
      options.throwOnError = false;
      return { html: katex.renderToString(item.tex, options), error: String(e && e.message || e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
