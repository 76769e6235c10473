import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import ini from "highlight.js/lib/languages/ini";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import yaml from "highlight.js/lib/languages/yaml";
import { Marked } from "marked";

hljs.registerLanguage("bash", bash);
hljs.registerLanguage("dockerfile", dockerfile);
hljs.registerLanguage("ini", ini);
hljs.registerLanguage("json", json);
hljs.registerLanguage("python", python);
hljs.registerLanguage("yaml", yaml);

const ALIASES: Record<string, string> = {
  sh: "bash",
  shell: "bash",
  console: "bash",
  yml: "yaml",
  env: "ini",
  toml: "ini",
};

export function highlightCode(code: string, language: string | undefined): string {
  const name = language ? (ALIASES[language] ?? language) : undefined;

  if (name && hljs.getLanguage(name)) return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;

  return escapeHtml(code);
}

// Markdown is rendered on the server, so neither the parser nor the
// highlighter is shipped to the browser. Card text comes from the reviewed
// files in content/, not from users, so raw HTML in it is trusted.
const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    code({ text, lang }) {
      const language = (lang ?? "").trim().split(/\s+/)[0] || undefined;

      return `<pre class="code"><code class="hljs" data-language="${escapeHtml(language ?? "text")}">${highlightCode(text, language)}</code></pre>`;
    },
  },
});

export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false });
}

export function renderInlineMarkdown(source: string): string {
  return marked.parseInline(source, { async: false });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
