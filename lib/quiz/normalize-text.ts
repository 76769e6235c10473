// Tidies a typed answer before it is compared with a card's accepted forms.
// The card's own forms go through the same function, so a rule here can only
// make two spellings equal, never tell them apart. Each rule merges only
// spellings that a learner would mean the same way in a command or a config
// line; anything that changes what a shell, Dockerfile or YAML parser would
// read is left alone.
//
// What is deliberately NOT done: spaces around `=` and `:` are kept as typed
// (after collapsing runs). `KEY = value` runs a command named KEY in a shell,
// `ENV KEY = value` is a different instruction from `ENV KEY=value`, and in
// YAML `key: value` is a mapping while `key:value` is one plain string, so
// adding or removing those spaces would accept lines that do not work. A
// card that wants to tolerate such a spelling lists it in `accept`.

export type NormalizeOptions = { caseSensitive: boolean };

const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xff01 - 0x21;

// Characters a Chinese input method types in place of ASCII when the learner
// forgets to switch modes. The full-width block U+FF01–U+FF5E (，：；（）！＝
// and full-width letters and digits) is shifted by code point instead. `。`
// is missing on purpose: it is either sentence punctuation or a mistyped `.`,
// and which one is decided in normalizeAnswer.
const IME_CHARACTERS = new Map([
  ["\u3000", " "], // ideographic space
  ["\u3001", ","], // 、 the enumeration comma; merging it with `,` is harmless, no answer needs both
  ["\u201c", '"'], // “
  ["\u201d", '"'], // ”
  ["\u2018", "'"], // ‘
  ["\u2019", "'"], // ’
  ["\u3010", "["], // 【 what the `[` key gives, e.g. in a healthcheck `test: [...]`
  ["\u3011", "]"], // 】
  ["\u300a", "<"], // 《
  ["\u300b", ">"], // 》
  ["\uffe5", "$"], // ￥ what the `$` key gives, e.g. in `${VAR}`
  ["\u00b7", "`"], // · what the backtick key gives
]);

// Shift+minus in a Chinese input method types two em dashes where the
// learner wanted an underscore (`service_healthy`, `env_file`).
const IME_UNDERSCORE = /\u2014\u2014/g;

const IDEOGRAPHIC_FULL_STOP = "\u3002";

// A `。` that ends the text right after a word is the end of a sentence; one
// that stands alone (`build: 。`, `COPY 。 。`) is the `.` path typed in
// Chinese mode, which must survive.
const SENTENCE_END = /(\S)\u3002$/;

const TRAILING_SEMICOLONS = /\s*;+$/;

// A whole answer wrapped in backticks (any matching run, so ```cmd``` too) or
// in one pair of quotes, with no more of the same mark inside: a quoted
// command, not a command that contains quotes.
const WRAPPERS = [/^(`+)([^`]+)\1$/, /^(")([^"]*)"$/, /^(')([^']*)'$/];

export function normalizeAnswer(text: string, options: NormalizeOptions): string {
  let result = halfWidth(text).replace(/\s+/g, " ").trim();
  let previous: string;

  // Trailing marks and wrappers can nest in any order (`"cmd";`, `` `cmd;` ``),
  // so peel them until nothing changes.
  do {
    previous = result;
    result = result.replace(TRAILING_SEMICOLONS, "").replace(SENTENCE_END, "$1");

    for (const wrapper of WRAPPERS) result = result.replace(wrapper, "$2");

    result = result.trim();
  } while (result !== previous);

  result = result.replaceAll(IDEOGRAPHIC_FULL_STOP, ".");

  return options.caseSensitive ? result : result.toLowerCase();
}

function halfWidth(text: string): string {
  let result = "";

  for (const char of text.replace(IME_UNDERSCORE, "_")) {
    const code = char.codePointAt(0) ?? 0;

    if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) {
      result += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    } else {
      result += IME_CHARACTERS.get(char) ?? char;
    }
  }

  return result;
}
