// Clinic content widget, v1: <clinic-faq-list>, <clinic-article> and <clinic-search>.
//
// Paste into any page:
//   <script type="module" src="https://API/embed/v1/widget.js"></script>
//   <clinic-faq-list api-key="..."></clinic-faq-list>
//
// Built to run under a partner's strict Content-Security-Policy: no third-party code,
// no eval or new Function, no inline handlers or style attributes, and styles applied
// as a constructed stylesheet (adoptedStyleSheets), which style-src does not govern.
// HTML from the API (bodies already sanitized by the server, and search snippets) is
// parsed into an inert document and copied through an allowlist; everything else is
// inserted as text. Documentation: docs/embedding.md.

const VERSION = "1";
// <api>/embed/v1/widget.js -> <api>/: by default, the API is where this script came from.
const DEFAULT_API = new URL("../../", import.meta.url).href;
const ELEMENT_NAMES = ["clinic-faq-list", "clinic-article", "clinic-search"];
// Within the API's cost budget for one query (see README, "Limits").
const FAQ_PAGE_SIZE = 50;
const SEARCH_PAGE_SIZE = 10;
const SEARCH_DELAY_MS = 350;
const SEARCH_MIN_CHARS = 2;
const SEARCH_MAX_CHARS = 200;
const ACCEPT = "application/graphql-response+json, application/json";

// Shown only when the API cannot be reached at all (offline, or this site is not one of
// the partner's allowed origins), when its UI strings cannot be fetched either.
const UNREACHABLE_TEXT = {
  en: "This content cannot be shown here right now.",
  fr: "Ce contenu ne peut pas être affiché ici pour le moment.",
};

// Queries are sent as GET (cacheable), so they are kept short.
const LOCALES_QUERY = "{locales{tag isDefault}}";
const MESSAGES_QUERY = "query($l:String){messages(locale:$l){key text plurals{category text}}}";
// The review and reading-time sentences come written in the locale (the API's notices).
const REVIEW_FIELDS = "review{notice}";
// Safety notices (the crisis line on depression content, for one) are shown first.
const SAFETY_FIELDS = "notices{key title body{html}}";
const FAQ_FIELDS =
  "fragment F on Faq{key url tags question answer{html}fallbackFields{field locale}" +
  `translationState ${REVIEW_FIELDS} ${SAFETY_FIELDS}}`;
const FAQS_QUERY = `query($l:String){faqs(locale:$l,first:${FAQ_PAGE_SIZE}){edges{node{...F}}}}${FAQ_FIELDS}`;
const ARTICLE_FAQS_QUERY =
  "query($l:String,$i:String){k:article(key:$i,locale:$l){url faqs{...F}}" +
  `s:article(slug:$i,locale:$l){url faqs{...F}}}${FAQ_FIELDS}`;
const ARTICLE_QUERY =
  "query($l:String,$i:String){k:article(key:$i,locale:$l){...A}s:article(slug:$i,locale:$l){...A}}" +
  "fragment A on Article{key url title summary published{formatted}readingTime{text}" +
  `sections{key heading body{html}}callToAction fallbackFields{field locale}translationState ${REVIEW_FIELDS} ${SAFETY_FIELDS}}`;
// Snippet fields shown in a hit's link rather than as an excerpt.
const LABEL_FIELD = /^(title|question|sections\.[^.]+\.heading)$/;
const SEARCH_QUERY =
  "query($q:String!,$l:String,$t:[String!]){search(query:$q,locale:$l,tags:$t," +
  `first:${SEARCH_PAGE_SIZE}){totalCount suggestion hits{content{url ...on Article{title}` +
  "...on Faq{question}}section{key heading anchor}snippets{field html}}}}";

// ---------------------------------------------------------------------------------------
// Styles: one constructed sheet shared by every element. Colours meet WCAG AA on the
// default background; every one can be themed with a --clinic-* custom property.

const STYLES = `
:host {
  display: block;
  box-sizing: border-box;
  margin: var(--clinic-margin, 0 0 1rem);
  max-width: var(--clinic-max-width, 48rem);
  padding: var(--clinic-padding, 1rem 1.25rem);
  border: 1px solid var(--clinic-border, #d1d5db);
  border-radius: var(--clinic-radius, 0.5rem);
  background: var(--clinic-background, #ffffff);
  color: var(--clinic-text, #1f2933);
  font-family: var(--clinic-font, inherit);
  font-size: var(--clinic-font-size, inherit);
  line-height: 1.5;
  container-type: inline-size;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
a { color: var(--clinic-accent, #0b5cad); text-underline-offset: 0.15em; }
:focus-visible {
  outline: 3px solid var(--clinic-focus, var(--clinic-accent, #0b5cad));
  outline-offset: 2px;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 0.25em 0 0.5em; }
p, ul, ol, blockquote { margin: 0 0 0.75em; }
img { max-width: 100%; height: auto; }
button, input { font: inherit; color: inherit; }
.toolbar { display: flex; justify-content: flex-end; margin: 0 0 0.5rem; font-size: 0.875em; }
.languages { display: flex; gap: 0.375rem; }
.languages button {
  min-height: 2rem;
  padding: 0.2em 0.8em;
  border: 1px solid var(--clinic-accent, #0b5cad);
  border-radius: 999px;
  background: transparent;
  color: var(--clinic-accent, #0b5cad);
  cursor: pointer;
}
.languages button[aria-pressed="true"] {
  background: var(--clinic-accent, #0b5cad);
  color: var(--clinic-on-accent, #ffffff);
}
.status:empty { display: none; }
.status { margin: 0.5em 0; color: var(--clinic-muted, #4b5563); }
.error {
  margin: 0.5em 0;
  padding: 0.5em 0.75em;
  border-left: 4px solid var(--clinic-error, #b91c1c);
  background: var(--clinic-error-background, #fef2f2);
  color: var(--clinic-text, #1f2933);
}
.notice {
  padding: 0.5em 0.75em;
  border-left: 4px solid var(--clinic-notice, #b45309);
  background: var(--clinic-notice-background, #fff8e1);
}
.safety-notice {
  margin: 0 0 1em;
  padding: 0.75em 1em;
  border: 2px solid var(--clinic-accent, #0b5cad);
  border-radius: 4px;
}
.safety-notice > :last-child { margin-bottom: 0; }
.meta, .attribution { color: var(--clinic-muted, #4b5563); font-size: 0.875em; }
.attribution { margin: 0.75em 0 0; }
.summary { font-size: 1.05em; }
.call-to-action { font-weight: 600; }
details { border-top: 1px solid var(--clinic-border, #d1d5db); }
details:last-of-type { border-bottom: 1px solid var(--clinic-border, #d1d5db); }
summary { padding: 0.75em 0.25em; font-weight: 600; cursor: pointer; }
summary:hover { background: var(--clinic-surface, #f3f4f6); }
.answer { padding: 0 0.25em 0.75em; }
.search-row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
label { display: block; margin: 0 0 0.25em; font-weight: 600; }
input[type="search"] {
  flex: 1 1 14rem;
  min-width: 0;
  min-height: 2.5rem;
  padding: 0.4em 0.75em;
  border: 1px solid var(--clinic-input-border, #6b7280);
  border-radius: var(--clinic-radius, 0.5rem);
  background: var(--clinic-background, #ffffff);
}
.primary {
  min-height: 2.5rem;
  padding: 0.4em 1em;
  border: 0;
  border-radius: var(--clinic-radius, 0.5rem);
  background: var(--clinic-accent, #0b5cad);
  color: var(--clinic-on-accent, #ffffff);
  font-weight: 600;
  cursor: pointer;
}
.link-button {
  padding: 0;
  border: 0;
  background: none;
  color: var(--clinic-accent, #0b5cad);
  text-decoration: underline;
  cursor: pointer;
}
.results { margin: 0.5em 0 0; padding: 0; list-style: none; }
.hit { padding: 0.75em 0; border-top: 1px solid var(--clinic-border, #d1d5db); }
.hit > a { font-weight: 600; }
.snippet { margin: 0.25em 0 0; }
mark {
  padding: 0 0.1em;
  border-radius: 0.15em;
  background: var(--clinic-mark, #fde68a);
  color: var(--clinic-mark-text, #1f2933);
}
@container (max-width: 28rem) {
  .toolbar { justify-content: flex-start; }
  .primary { flex: 1 1 100%; }
}
`;

let sharedSheet = null;
function styleSheet() {
  if (sharedSheet === null) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(STYLES);
  }
  return sharedSheet;
}

// ---------------------------------------------------------------------------------------
// DOM helpers: elements built from tag names and plain attributes; strings become text.

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

// "No results for “{query}”." with {query} -> a text or a node: a list of nodes and strings.
function fill(template, values) {
  return template.split(/\{(\w+)\}/).map((part, index) => {
    if (index % 2 === 0) return part;
    return part in values ? values[part] : `{${part}}`;
  });
}

// HTML from the API is parsed by an inert parser (no scripts run, nothing is fetched),
// then only allowlisted elements and attributes are copied into the page.
const SAFE_BODY = {
  P: [], BR: [], HR: [], EM: [], STRONG: [], CODE: [], PRE: [], BLOCKQUOTE: [],
  UL: [], OL: ["start"], LI: [], A: ["href", "title"], IMG: ["src", "alt", "title"],
  H1: [], H2: [], H3: [], H4: [], H5: [], H6: [], MARK: [],
};
const SAFE_SNIPPET = { MARK: [] };
const DROPPED_WITH_CONTENT = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "IFRAME", "OBJECT"]);
const URL_ATTRIBUTES = new Set(["href", "src"]);
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:", "tel:"]);

// Pages enforcing Trusted Types need a policy for DOMParser. Ours only feeds the inert
// parser; the allowlist below is what makes the result safe. A page whose
// `trusted-types` directive does not list "clinic-widget" refuses the policy: then the
// plain string is used, which works everywhere Trusted Types are not enforced.
let trustedPolicy;
function parserInput(html) {
  if (trustedPolicy === undefined) {
    trustedPolicy = null;
    try {
      trustedPolicy = window.trustedTypes?.createPolicy("clinic-widget", { createHTML: (s) => s }) ?? null;
    } catch {
      trustedPolicy = null;
    }
  }
  return trustedPolicy ? trustedPolicy.createHTML(html) : html;
}

function safeFragment(html, allowed, baseUrl) {
  const parsed = new DOMParser().parseFromString(parserInput(html), "text/html");
  const fragment = document.createDocumentFragment();
  copyAllowed(parsed.body, fragment, allowed, baseUrl);
  return fragment;
}

function copyAllowed(from, to, allowed, baseUrl) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.data);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = node.tagName;
      if (DROPPED_WITH_CONTENT.has(tag)) continue;
      const names = allowed[tag];
      if (names === undefined) {
        copyAllowed(node, to, allowed, baseUrl); // unknown element: keep its text only
        continue;
      }
      const copy = document.createElement(tag.toLowerCase());
      for (const name of names) {
        const value = node.getAttribute(name);
        if (value === null) continue;
        if (URL_ATTRIBUTES.has(name)) {
          const url = safeUrl(value, baseUrl);
          if (url !== null) copy.setAttribute(name, url);
        } else {
          copy.setAttribute(name, value);
        }
      }
      if (tag === "A") {
        copy.setAttribute("target", "_blank");
        copy.setAttribute("rel", "noopener noreferrer");
      }
      copyAllowed(node, copy, allowed, baseUrl);
      to.append(copy);
    }
  }
}

function safeUrl(value, baseUrl) {
  try {
    const url = new URL(value, baseUrl);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function link(href, ...children) {
  const url = safeUrl(href, undefined);
  return url === null
    ? h("span", {}, ...children)
    : h("a", { href: url, target: "_blank", rel: "noopener" }, ...children);
}

// ---------------------------------------------------------------------------------------
// Locales: the attribute, else the browser's languages, matched to the API's locales
// (exactly, else by language: fr-FR and fr reach fr-CA), else the API's default.

function matchLocale(tag, available) {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  const exact = available.find((locale) => locale.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split("-")[0];
  return available.find((locale) => locale.toLowerCase().split("-")[0] === language) ?? null;
}

function negotiateLocale(wanted, locales) {
  const available = locales.map((locale) => locale.tag);
  for (const tag of wanted) {
    const matched = matchLocale(tag, available);
    if (matched) return matched;
  }
  return (locales.find((locale) => locale.isDefault) ?? locales[0]).tag;
}

function languageName(tag) {
  // Each language named in itself ("English", "Français"), capitalised as a label.
  const language = tag.split("-")[0];
  let name = language;
  try {
    name = new Intl.DisplayNames([tag], { type: "language" }).of(language) ?? language;
  } catch {
    // Older engines: the tag itself is still a usable label.
  }
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

function unreachableText(locale) {
  return UNREACHABLE_TEXT[(locale || navigator.language || "en").slice(0, 2)] ?? UNREACHABLE_TEXT.en;
}

// ---------------------------------------------------------------------------------------
// The API: GraphQL over GET, one client per (API, key), answers that every element shares
// (locales, UI strings) fetched once.

class ApiError extends Error {
  constructor(code, status) {
    super(`clinic widget: ${code} (HTTP ${status})`);
    this.code = code;
    this.status = status;
  }
}

class Messages {
  constructor(locale, list) {
    this.locale = locale;
    this.byKey = new Map(list.map((message) => [message.key, message]));
    this.plurals = new Intl.PluralRules(locale);
    this.numbers = new Intl.NumberFormat(locale);
  }

  text(id, values = {}) {
    return fill(this.byKey.get(id)?.text ?? id, values);
  }

  string(id, values = {}) {
    return this.text(id, values).join("");
  }

  count(id, count) {
    const message = this.byKey.get(id);
    const category = this.plurals.select(count);
    const form = message?.plurals.find((plural) => plural.category === category)?.text;
    return fill(form ?? message?.text ?? id, { count: this.numbers.format(count) }).join("");
  }
}

class ApiClient {
  constructor(base, key) {
    this.base = base;
    this.key = key;
    this.shared = new Map();
  }

  async query(query, variables) {
    const url = new URL("graphql", this.base);
    url.searchParams.set("query", query);
    if (variables) url.searchParams.set("variables", JSON.stringify(variables));
    const headers = { Accept: ACCEPT };
    if (this.key) headers["X-Api-Key"] = this.key;
    const response = await fetch(url, { headers, credentials: "omit" });
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      throw new ApiError("BAD_RESPONSE", response.status);
    }
    if (!payload || payload.data === null || payload.data === undefined) {
      throw new ApiError(payload?.errors?.[0]?.extensions?.code ?? "HTTP_ERROR", response.status);
    }
    return payload.data;
  }

  // Fetched once and shared; a failure is forgotten so that the next render retries.
  once(key, query, variables) {
    if (!this.shared.has(key)) {
      const pending = this.query(query, variables);
      pending.catch(() => this.shared.delete(key));
      this.shared.set(key, pending);
    }
    return this.shared.get(key);
  }

  async locales() {
    return (await this.once("locales", LOCALES_QUERY)).locales;
  }

  async messages(locale) {
    const data = await this.once(`messages:${locale}`, MESSAGES_QUERY, { l: locale });
    return new Messages(locale, data.messages);
  }
}

const clients = new Map();
function clientFor(base, key) {
  const id = `${base}\n${key}`;
  if (!clients.has(id)) clients.set(id, new ApiClient(base, key));
  return clients.get(id);
}

function listAttribute(value) {
  return (value ?? "").split(/[\s,]+/).filter(Boolean);
}

// ---------------------------------------------------------------------------------------
// The elements. Each keeps one frame (language switch, live status, content) for its
// lifetime, so focus and screen-reader context survive a change of language.

class ClinicElement extends HTMLElement {
  static observedAttributes = ["locale", "tags", "item", "api-key", "api", "heading-level"];

  #generation = 0;
  #scheduled = false;
  #languages;
  #status;
  #content;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [styleSheet()];
    this.#languages = h("div", { class: "languages", role: "group", part: "languages" });
    this.#status = h("p", { class: "status", role: "status", "aria-live": "polite" });
    this.#content = h("div", { class: "content", part: "content" });
    root.append(h("div", { class: "toolbar" }, this.#languages), this.#status, this.#content);
    this.messages = null;
  }

  connectedCallback() {
    this.#schedule();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this.#schedule();
  }

  get headingLevel() {
    const level = Number.parseInt(this.getAttribute("heading-level") ?? "", 10);
    return Number.isInteger(level) ? Math.min(Math.max(level, 1), 5) : 2;
  }

  heading(offset, attributes, ...children) {
    return h(`h${Math.min(this.headingLevel + offset, 6)}`, attributes, ...children);
  }

  get client() {
    const api = this.getAttribute("api");
    let base = api ? new URL(api, document.baseURI).href : DEFAULT_API;
    if (!base.endsWith("/")) base += "/";
    return clientFor(base, this.getAttribute("api-key") ?? "");
  }

  announce(text) {
    this.#status.textContent = text;
  }

  // Several attribute changes in one task make one render.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.refresh();
    });
  }

  // Renders again; an answer arriving after a newer render started is dropped.
  async refresh() {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    this.#content.setAttribute("aria-busy", "true");
    this.dataset.state = "loading";
    if (this.messages) this.announce(this.messages.string("widget.loading"));
    let locale = this.getAttribute("locale");
    try {
      const client = this.client;
      const locales = await client.locales();
      locale = negotiateLocale([locale, ...navigator.languages, navigator.language], locales);
      const pendingMessages = client.messages(locale);
      // Kept for the error message should the content fail but the strings arrive.
      pendingMessages.then((messages) => {
        if (current()) this.messages = messages;
      }, () => {});
      const [messages, data] = await Promise.all([pendingMessages, this.load(client, locale)]);
      if (!current()) return;
      this.messages = messages;
      this.#drawLanguages(locales, locale, messages);
      this.announce("");
      // The partner's page may be in another language than the content it shows.
      this.#content.lang = locale;
      this.#status.lang = locale;
      this.#content.replaceChildren(...this.render(data, messages, locale));
    } catch (error) {
      if (!current()) return;
      this.#showError(error, locale);
    } finally {
      if (current()) this.#content.removeAttribute("aria-busy");
    }
  }

  #showError(error, locale) {
    // A rejected fetch (network, or CORS refused for this origin) has no API answer, and
    // so no UI strings either; an API error does.
    const reachable = error instanceof ApiError && this.messages !== null;
    const text = reachable ? this.messages.string("error.generic") : unreachableText(locale);
    this.announce("");
    if (reachable) this.#content.lang = this.messages.locale;
    this.#content.replaceChildren(h("p", { class: "error", role: "status", part: "error" }, text));
    this.dataset.state = "error";
    if (!(error instanceof ApiError) && !(error instanceof TypeError)) throw error;
  }

  #drawLanguages(locales, current, messages) {
    this.#languages.setAttribute("aria-label", messages.string("language.switch"));
    const buttons = locales.map((locale) => {
      const button = h(
        "button",
        { type: "button", lang: locale.tag, "aria-pressed": String(locale.tag === current) },
        languageName(locale.tag),
      );
      button.addEventListener("click", () => this.#switchLanguage(locale.tag));
      return button;
    });
    const same =
      buttons.length === this.#languages.children.length &&
      buttons.every((button, index) => this.#languages.children[index].lang === button.lang);
    if (same) {
      // Update in place, so that the button just pressed keeps the focus.
      for (const [index, button] of buttons.entries()) {
        this.#languages.children[index].setAttribute("aria-pressed", button.getAttribute("aria-pressed"));
      }
    } else {
      this.#languages.replaceChildren(...buttons);
    }
    this.dataset.locale = current;
    this.dataset.state = "ready";
  }

  // A visitor picks a language once: every widget on the page follows.
  #switchLanguage(tag) {
    for (const element of document.querySelectorAll(ELEMENT_NAMES.join(","))) {
      element.setAttribute("locale", tag);
    }
    this.dispatchEvent(
      new CustomEvent("clinic-locale-change", { detail: { locale: tag }, bubbles: true, composed: true }),
    );
  }

  // The language of a field served from another locale (fallback), for its `lang`
  // attribute: screen readers then read English text with English rules. Null when the
  // field is in the requested language.
  langOf(item, field) {
    return item.fallbackFields.find((fallback) => fallback.field === field)?.locale ?? null;
  }

  // Who medically reviewed the text shown, or that nobody has yet.
  review(item) {
    return h("p", { class: "meta review", part: "review" }, item.review.notice);
  }

  // The clinic's safety notices on this item, before anything else of it.
  safetyNotices(item) {
    return item.notices.map((notice) =>
      h(
        "aside",
        { class: "safety-notice", part: "safety-notice", role: "note", "data-notice": notice.key },
        h("p", { class: "safety-notice-title" }, h("strong", {}, notice.title)),
        safeFragment(notice.body.html, SAFE_BODY, item.url),
      ),
    );
  }

  notices(item, messages) {
    if (item.fallbackFields.length > 0) {
      return [h("p", { class: "notice" }, messages.string("translation.fallback_notice"))];
    }
    if (item.translationState === "STALE") {
      return [h("p", { class: "notice" }, messages.string("translation.stale_notice"))];
    }
    return [];
  }

  attribution(url, messages) {
    return h(
      "p",
      { class: "attribution", part: "attribution" },
      link(url, messages.string("attribution.source", { clinic: hostOf(url) })),
    );
  }
}

class ClinicFaqList extends ClinicElement {
  async load(client, locale) {
    const item = this.getAttribute("item");
    if (!item) {
      const data = await client.query(FAQS_QUERY, { l: locale });
      return { faqs: data.faqs.edges.map((edge) => edge.node) };
    }
    const data = await client.query(ARTICLE_FAQS_QUERY, { l: locale, i: item });
    const article = data.k ?? data.s;
    return article ? { faqs: article.faqs } : { missing: true };
  }

  render(data, messages) {
    const title = this.heading(0, { part: "heading" }, messages.string("faq.heading"));
    if (data.missing) return [title, h("p", { class: "notice" }, messages.string("widget.not_found"))];
    const tags = listAttribute(this.getAttribute("tags"));
    const faqs = data.faqs.filter((faq) => tags.length === 0 || faq.tags.some((tag) => tags.includes(tag)));
    if (faqs.length === 0) return [title, h("p", {}, messages.string("faq.none"))];
    const items = faqs.map((faq) =>
      h(
        "details",
        { part: "item", "data-key": faq.key },
        h("summary", { part: "question", lang: this.langOf(faq, "question") }, faq.question),
        h(
          "div",
          { class: "answer", part: "answer" },
          ...this.safetyNotices(faq),
          ...this.notices(faq, messages),
          h("div", { lang: this.langOf(faq, "answer") }, safeFragment(faq.answer.html, SAFE_BODY, faq.url)),
          this.review(faq),
          this.attribution(faq.url, messages),
        ),
      ),
    );
    return [title, h("div", { class: "faqs" }, items)];
  }
}

class ClinicArticle extends ClinicElement {
  async load(client, locale) {
    const item = this.getAttribute("item");
    if (!item) return { missing: true };
    const data = await client.query(ARTICLE_QUERY, { l: locale, i: item });
    const article = data.k ?? data.s;
    return article ? { article } : { missing: true };
  }

  render(data, messages) {
    if (data.missing) return [h("p", { class: "notice" }, messages.string("widget.not_found"))];
    const { article } = data;
    const lang = (field) => this.langOf(article, field);
    const sections = article.sections.map((section) =>
      h(
        "section",
        { "data-section": section.key },
        this.heading(1, { lang: lang(`sections.${section.key}.heading`) }, section.heading),
        h("div", { lang: lang(`sections.${section.key}.body`) }, safeFragment(section.body.html, SAFE_BODY, article.url)),
      ),
    );
    const meta = [
      article.published ? messages.string("article.published_on", { date: article.published.formatted }) : null,
      article.readingTime.text,
    ].filter(Boolean);
    return [
      h(
        "article",
        { part: "article" },
        ...this.safetyNotices(article),
        this.heading(0, { part: "heading", lang: lang("title") }, article.title),
        h("p", { class: "meta", part: "meta" }, meta.join(" · ")),
        this.review(article),
        ...this.notices(article, messages),
        h("p", { class: "summary", lang: lang("summary") }, article.summary),
        ...sections,
        article.callToAction
          ? h("p", { class: "call-to-action", lang: lang("call_to_action") }, article.callToAction)
          : null,
        this.attribution(article.url, messages),
      ),
    ];
  }
}

class ClinicSearch extends ClinicElement {
  #query = "";
  #timer = 0;
  #searches = 0;

  async load() {
    return {};
  }

  render(data, messages, locale) {
    this.searchLocale = locale;
    const input = h("input", {
      id: "clinic-search-input",
      type: "search",
      name: "q",
      part: "search-input",
      autocomplete: "off",
      enterkeyhint: "search",
      maxlength: SEARCH_MAX_CHARS,
      placeholder: messages.string("search.placeholder"),
    });
    input.value = this.#query;
    const hadFocus = this.shadowRoot.activeElement?.id === input.id;
    this.results = h("ol", { class: "results", part: "results" });
    // The result count is announced right under the form, where the visitor's attention is.
    this.resultStatus = h("p", { class: "status", role: "status", "aria-live": "polite" });
    this.extras = [];
    const form = h(
      "form",
      { role: "search", part: "search-form" },
      h("label", { for: input.id }, messages.string("search.label")),
      h(
        "div",
        { class: "search-row" },
        input,
        h("button", { type: "submit", class: "primary", part: "button" }, messages.string("search.submit")),
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(this.#timer);
      this.search(input.value);
    });
    input.addEventListener("input", () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        if (input.value.trim().length >= SEARCH_MIN_CHARS) this.search(input.value);
      }, SEARCH_DELAY_MS);
    });
    this.input = input;
    if (hadFocus) queueMicrotask(() => input.focus());
    if (this.#query) queueMicrotask(() => this.search(this.#query));
    return [form, this.resultStatus, this.results];
  }

  async search(raw) {
    const query = raw.trim().slice(0, SEARCH_MAX_CHARS);
    this.#query = query;
    const search = ++this.#searches;
    const messages = this.messages;
    if (!query) {
      this.#showResults([], [], "");
      return;
    }
    this.results.setAttribute("aria-busy", "true");
    this.resultStatus.textContent = messages.string("search.searching");
    const tags = listAttribute(this.getAttribute("tags"));
    try {
      const data = await this.client.query(SEARCH_QUERY, {
        q: query,
        l: this.searchLocale,
        t: tags.length > 0 ? tags : null,
      });
      if (search !== this.#searches) return;
      this.#drawResults(query, data.search, messages);
    } catch (error) {
      if (search !== this.#searches) return;
      const text =
        error instanceof ApiError ? messages.string("error.generic") : unreachableText(this.searchLocale);
      this.#showResults([], [], text);
    } finally {
      if (search === this.#searches) this.results.removeAttribute("aria-busy");
    }
  }

  #drawResults(query, results, messages) {
    const hits = results.hits.map((hit) => {
      const content = hit.content;
      const url = hit.section ? `${content.url}#${hit.section.anchor.replace(/^#/, "")}` : content.url;
      // Titles, questions and headings come back whole, highlighted: they make the link.
      const marked = (field) => {
        const snippet = hit.snippets.find((candidate) => candidate.field === field);
        return snippet ? safeFragment(snippet.html, SAFE_SNIPPET, url) : null;
      };
      const title = marked("title") ?? marked("question") ?? content.title ?? content.question;
      const label = hit.section
        ? [title, " — ", marked(`sections.${hit.section.key}.heading`) ?? hit.section.heading]
        : [title];
      const excerpts = hit.snippets
        .filter((snippet) => !LABEL_FIELD.test(snippet.field))
        .map((snippet) =>
          h("p", { class: "snippet", part: "snippet" }, safeFragment(snippet.html, SAFE_SNIPPET, url)),
        );
      return h("li", { class: "hit", part: "hit" }, link(url, ...label), ...excerpts);
    });
    const extra = [];
    if (results.suggestion) {
      const suggestion = results.suggestion;
      const button = h("button", { type: "button", class: "link-button" }, suggestion);
      button.addEventListener("click", () => {
        this.input.value = suggestion;
        this.search(suggestion);
      });
      extra.push(h("p", {}, ...messages.text("search.did_you_mean", { suggestion: button })));
    }
    const status =
      results.totalCount === 0
        ? messages.string("search.no_results", { query })
        : messages.count("search.result_count", results.totalCount);
    this.#showResults(hits, extra, status);
  }

  #showResults(hits, extra, status) {
    this.resultStatus.textContent = status;
    for (const old of this.extras) old.remove();
    this.resultStatus.after(...extra);
    this.extras = extra;
    this.results.replaceChildren(...hits);
  }
}

const DEFINITIONS = [
  ["clinic-faq-list", ClinicFaqList],
  ["clinic-article", ClinicArticle],
  ["clinic-search", ClinicSearch],
];
for (const [name, definition] of DEFINITIONS) {
  // The script may be on the page twice (two partners' snippets): define once.
  if (!customElements.get(name)) customElements.define(name, definition);
}

// For partners' scripts and the tests: what the elements themselves rely on.
export { VERSION, negotiateLocale, safeFragment, SAFE_BODY, SAFE_SNIPPET };
