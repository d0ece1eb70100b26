//! A web page to the article on it: the visible text (no script, style, navigation, cookie
//! banner, share bar or newsletter box), one paragraph per block, with the title and the
//! publication date the page gives.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::Date;
use super::meta::one_line;

/// What a page holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The visible text, blocks separated by blank lines.
    pub text: String,
    /// The headline (`<h1>`), else the `<title>`.
    pub title: Option<String>,
    /// The publication date from meta tags or a `<time>` element.
    pub date: Option<Date>,
    /// The visible blocks left out of `text` as not the article, where they stood.
    pub left_out: Vec<LeftOut>,
}

/// A visible block of a page that is not counted as the article: shown dimmed in the reader and
/// listed by `export --format documents`, never searched for countries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// Byte offset in [`Page::text`] where the block stood (before the counted block there).
    pub at: usize,
    /// The block's text, on one line.
    pub text: String,
    /// Why it is not the article.
    pub why: Why,
}

/// Why a visible block of a page is not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Page furniture by its element, role or class: the word that said so ("navigation",
    /// "footer", "share", "cookie", "comments" …).
    Furniture(&'static str),
    /// A block that is mostly links: a menu, a list of other stories, a "read also" line.
    Links,
    /// Outside the element that holds the article's prose: teasers, widgets, lists of stories.
    OutsideArticle,
    /// A short line just before a block left out: the heading of a list of links or of a
    /// widget ("Related stories", "Leave a reply").
    Heading,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Furniture(word) => write!(f, "furniture ({word})"),
            Self::Links => f.write_str("links"),
            Self::OutsideArticle => f.write_str("outside the article"),
            Self::Heading => f.write_str("heading of a left-out block"),
        }
    }
}

/// Elements whose content a reader never sees (`select`: one option of many shows).
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "dialog", "object",
    "canvas", "rt", "rp", "select",
];

/// Elements whose content is seen but is page furniture, with the word that says so.
const FURNITURE_ELEMENTS: &[(&str, &str)] = &[
    ("nav", "navigation"),
    ("footer", "footer"),
    ("aside", "aside"),
    ("form", "form"),
    ("button", "form"),
    ("textarea", "form"),
    ("menu", "menu"),
    ("figcaption", "caption"),
];

/// How an element is cut from the article, if it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    /// Not seen at all: scripts, styles, hidden elements.
    Invisible,
    /// Seen but not the article.
    Left(Why),
}

/// Whether an element is never seen or is furniture by its name alone.
fn cut_by_name(name: &str) -> Option<Cut> {
    if INVISIBLE.contains(&name) {
        return Some(Cut::Invisible);
    }
    FURNITURE_ELEMENTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, word)| Cut::Left(Why::Furniture(word)))
}

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "header",
    "address",
    "hr",
    "body",
];

/// Words in a class, id or role that mark page furniture rather than the article.
const FURNITURE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "advert",
    "sponsor",
    "promo",
    "breadcrumb",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "comments",
    "paywall",
    "popup",
    "modal",
    "banner",
    "site-header",
    "site-footer",
    "skip-link",
    "masthead",
    "nav",
    "footer",
    "widget",
    "byline",
    "author",
    "tags",
    "taglist",
    "teaser",
    "teasers",
    "outbrain",
    "taboola",
    "rating",
    "timestamp",
    "caption",
    "credit",
    "credits",
    "comment",
    "commentlist",
    "disqus",
    "respond",
    "overlay",
    "popular",
    "trending",
    "pagination",
    "pager",
    "toolbar",
];

/// ARIA roles of furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// Meta tags that give the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
];

/// Whether bytes look like an HTML page (for text files that hold one).
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// Reads a page.
pub fn page(source: &str) -> Page {
    let html = Html::parse_document(source);
    let page = read(&html, true);
    // Class and id rules that leave nothing of a page with text are wrong about it.
    if page.text.is_empty() {
        let plain = read(&html, false);
        if !plain.text.is_empty() {
            return plain;
        }
    }
    page
}

/// Reads a parsed page, believing what classes and ids say of furniture or not.
fn read(html: &Html, classes: bool) -> Page {
    let mut judge = Judge {
        protected: protected_nodes(html),
        ..Judge::default()
    };
    // Where the prose is when no class is believed: class rules never hide what holds it.
    let unjudged = link_stats(html, &judge);
    if let Some(prose_root) = content_root(html, &unjudged) {
        protect_ancestors(html, prose_root, &mut judge.protected);
    }
    let total = unjudged
        .get(&html.root_element().id())
        .map_or(0, |s| s.prose);
    if total >= MIN_PROSE {
        judge.large = unjudged
            .iter()
            .filter(|(_, s)| s.prose * 2 >= total)
            .map(|(id, _)| *id)
            .collect();
    }
    judge.classes = classes;
    let stats = link_stats(html, &judge);
    let root = content_root(html, &stats);
    // Depth at which the content root opened, while inside it.
    let mut root_depth: Option<usize> = None;
    let mut blocks = Blocks::default();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    let mut title_tag: Option<String> = None;
    let mut meta_date: Option<(usize, Date)> = None;
    let mut time_date: Option<Date> = None;
    // While inside an invisible element: the depth at which it opened.
    let mut invisible_depth: Option<usize> = None;
    // While inside furniture: the depth at which it opened, and why it is furniture.
    let mut left: Option<(usize, Why)> = None;
    let mut depth = 0usize;
    let mut article_depth: Option<usize> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                depth += 1;
                let Node::Element(el) = node.value() else {
                    if invisible_depth.is_none()
                        && let Node::Text(t) = node.value()
                    {
                        let in_article = root.is_none() || root_depth.is_some() || in_h1;
                        let why = match left {
                            Some((_, why)) => Some(why),
                            None if !in_article => Some(Why::OutsideArticle),
                            None => None,
                        };
                        blocks.push(t, why);
                        if in_h1 && why.is_none() {
                            h1_text.push_str(t);
                        }
                    }
                    continue;
                };
                let name = el.name();
                if Some(node.id()) == root {
                    root_depth = Some(depth);
                }
                // Metadata is read even from hidden parts (it lives in <head>).
                match name {
                    "title" if title_tag.is_none() => {
                        let t = one_line(&own_text(node));
                        if !t.is_empty() {
                            title_tag = Some(t);
                        }
                    }
                    "meta" => {
                        let key = el
                            .attr("property")
                            .or_else(|| el.attr("name"))
                            .or_else(|| el.attr("itemprop"))
                            .map(str::to_ascii_lowercase);
                        if let (Some(key), Some(content)) = (key, el.attr("content"))
                            && let Some(rank) = DATE_META.iter().position(|m| *m == key)
                            && let Some(date) = super::meta::loose_date(content)
                            && meta_date.is_none_or(|(r, _)| rank < r)
                        {
                            meta_date = Some((rank, date));
                        }
                    }
                    "time" if time_date.is_none() => {
                        time_date = el
                            .attr("datetime")
                            .and_then(super::meta::loose_date)
                            .or_else(|| super::meta::loose_date(&own_text(node)));
                    }
                    _ => {}
                }
                if invisible_depth.is_some() {
                    continue;
                }
                if matches!(name, "article" | "main") && article_depth.is_none() {
                    article_depth = Some(depth);
                }
                let kept = judge.protected.contains(&node.id());
                let cut = match judge.cut(node.id(), el) {
                    // A header inside the article holds its headline.
                    Some(Cut::Left(_)) if kept && name == "header" => None,
                    None if name == "header" && article_depth.is_none() && !kept => {
                        Some(Cut::Left(Why::Furniture("page header")))
                    }
                    None if !kept && is_link_list(name, stats.get(&node.id())) => {
                        Some(Cut::Left(Why::Links))
                    }
                    other => other,
                };
                match cut {
                    Some(Cut::Invisible) => {
                        invisible_depth = Some(depth);
                        continue;
                    }
                    Some(Cut::Left(why)) if left.is_none() => left = Some((depth, why)),
                    _ => {}
                }
                if name == "br" {
                    blocks.push("\n", left.map(|(_, why)| why));
                } else if BLOCKS.contains(&name) {
                    blocks.flush();
                }
                if name == "h1" && h1.is_none() && left.is_none() {
                    in_h1 = true;
                    h1_text.clear();
                }
            }
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if invisible_depth == Some(depth) {
                        invisible_depth = None;
                    } else if invisible_depth.is_none() {
                        if BLOCKS.contains(&name) {
                            blocks.flush();
                        }
                        if left.is_some_and(|(d, _)| d == depth) {
                            left = None;
                        }
                        if name == "h1" && in_h1 {
                            in_h1 = false;
                            let t = one_line(&h1_text);
                            if !t.is_empty() {
                                h1 = Some(t);
                            }
                        }
                    }
                    if article_depth == Some(depth) {
                        article_depth = None;
                    }
                    if root_depth == Some(depth) {
                        root_depth = None;
                    }
                }
                depth = depth.saturating_sub(1);
            }
        }
    }
    let (text, left_out) = blocks.finish();
    Page {
        text,
        title: h1.or(title_tag),
        date: meta_date.map(|(_, d)| d).or(time_date),
        left_out,
    }
}

/// The page's blocks as they are read: the counted text, and the blocks left out where they
/// stood. Text of an inline element left out inside a counted block (a share link in a
/// paragraph) becomes a left-out block of its own after it.
#[derive(Default)]
struct Blocks {
    /// Every block in reading order, with why it is left out if it is.
    all: Vec<(String, Option<Why>)>,
    current: String,
    current_left: String,
    current_why: Option<Why>,
}

/// Characters from which a paragraph outside the article's element, standing between the
/// headline and the article's end (a lead, a summary, a paragraph in its own wrapper), is
/// counted with the article: shorter ones there are datelines, bylines, captions and credits.
const LEAD_CHARS: usize = 100;

impl Blocks {
    /// Adds text to the current block, counted or left out.
    fn push(&mut self, text: &str, why: Option<Why>) {
        match why {
            None => self.current.push_str(text),
            Some(why) => {
                if self.current_why.is_some_and(|w| w != why) {
                    self.flush_left();
                }
                self.current_why = Some(why);
                self.current_left.push_str(text);
            }
        }
    }

    /// Ends the current block.
    fn flush(&mut self) {
        let counted = one_line(&self.current);
        self.current.clear();
        if !counted.is_empty() {
            self.all.push((counted, None));
        }
        self.flush_left();
    }

    fn flush_left(&mut self) {
        let text = one_line(&self.current_left);
        self.current_left.clear();
        if let Some(why) = self.current_why.take()
            && !text.is_empty()
        {
            self.all.push((text, Some(why)));
        }
    }

    /// The counted text and the blocks left out. Long paragraphs outside the article's element
    /// but between counted blocks join the article (see [`LEAD_CHARS`]).
    fn finish(mut self) -> (String, Vec<LeftOut>) {
        self.flush();
        let first = self.all.iter().position(|(_, why)| why.is_none());
        let last = self.all.iter().rposition(|(_, why)| why.is_none());
        for (i, (block, why)) in self.all.iter_mut().enumerate() {
            let between = first.is_some_and(|f| f < i) && last.is_some_and(|l| i < l);
            if *why == Some(Why::OutsideArticle) && between && block.chars().count() >= LEAD_CHARS {
                *why = None;
            }
        }
        // Headings of what is left out go with it; the page's first counted line (its headline,
        // often followed by a left-out byline) stays.
        let first = self.all.iter().position(|(_, why)| why.is_none());
        for i in 1..self.all.len() {
            if self.all[i].1.is_some()
                && self.all[i - 1].1.is_none()
                && Some(i - 1) != first
                && is_heading_like(&self.all[i - 1].0)
            {
                self.all[i - 1].1 = Some(Why::Heading);
            }
        }
        let mut text = String::new();
        let mut left_out = Vec::new();
        for (block, why) in self.all {
            match why {
                None => {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    text.push_str(&nfc(block));
                }
                Some(why) => left_out.push(LeftOut {
                    at: text.len(),
                    text: nfc(block),
                    why,
                }),
            }
        }
        (text, left_out)
    }
}

/// Characters below which a line that does not end a sentence reads as a heading.
const HEADING_CHARS: usize = 60;

/// Whether a block reads as a heading or label rather than prose: short, with no sentence end.
fn is_heading_like(block: &str) -> bool {
    let trimmed = block.trim_end_matches(['"', '”', '»', ')', '’', ' ']);
    block.chars().count() < HEADING_CHARS && !trimmed.ends_with(['.', '!', '?', '…'])
}

/// Decomposed letters ("e" + combining acute) as one, so names match however they were typed.
fn nfc(text: String) -> String {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect()
    }
}

/// The text directly inside an element (not in its child elements).
fn own_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    node.children()
        .filter_map(|c| match c.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .collect()
}

/// What decides whether an element is cut from the article.
#[derive(Default)]
struct Judge {
    /// Whether classes, ids and roles are believed at all.
    classes: bool,
    /// Elements never cut by their class (see [`protected_nodes`]).
    protected: HashSet<NodeId>,
    /// Elements that hold half the page's prose or more (measured believing no class): a class
    /// that calls one of them furniture is believed only for comments — a wrapper classed
    /// "widget", "print-area" or "slide" that holds the story is not furniture.
    large: HashSet<NodeId>,
}

/// Class words believed even of an element holding most of the page's prose: a long comment
/// thread is still comments.
const STRONG_FURNITURE: &[&str] = &["comments", "comment", "commentlist", "disqus", "respond"];

impl Judge {
    /// How an element is cut from the article, if it is: by its name, its hidden state and
    /// (when believed) its role, class or id.
    fn cut(&self, id: NodeId, el: &scraper::node::Element) -> Option<Cut> {
        let holds_story = self.protected.contains(&id) || self.large.contains(&id);
        match (cut_by_name(el.name()), cut_by_attributes(el)) {
            (Some(Cut::Invisible), _) | (_, Some(Cut::Invisible)) => Some(Cut::Invisible),
            // Some frameworks wrap the whole page in one form.
            (Some(_), _) if el.name() == "form" && holds_story => None,
            (Some(by_name), _) => Some(by_name),
            (None, Some(Cut::Left(Why::Furniture(word))))
                if self.classes
                    && !self.protected.contains(&id)
                    && (!self.large.contains(&id) || STRONG_FURNITURE.contains(&word)) =>
            {
                Some(Cut::Left(Why::Furniture(word)))
            }
            _ => None,
        }
    }
}

/// Whether an element's hidden state, role, class or id cuts it from the article.
fn cut_by_attributes(el: &scraper::node::Element) -> Option<Cut> {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return Some(Cut::Invisible);
    }
    if let Some(style) = el.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.to_ascii_lowercase().contains("display:none") {
            return Some(Cut::Invisible);
        }
    }
    if let Some(role) = el.attr("role").and_then(|r| {
        FURNITURE_ROLES
            .iter()
            .find(|f| r.eq_ignore_ascii_case(f))
            .copied()
    }) {
        return Some(Cut::Left(Why::Furniture(role)));
    }
    [el.attr("class"), el.attr("id")]
        .into_iter()
        .flatten()
        .find_map(attribute_furniture)
        .map(|word| Cut::Left(Why::Furniture(word)))
}

/// The furniture word of a class or id attribute, unless one of its tokens says it holds content.
fn attribute_furniture(value: &str) -> Option<&'static str> {
    let says_content = value.split_whitespace().any(|token| {
        token_words(token)
            .iter()
            .any(|w| CONTENT_WORDS.contains(&w.as_str()))
    });
    if says_content {
        return None;
    }
    value.split_whitespace().find_map(furniture_token)
}

/// The furniture word of one class or id token, if it names furniture: one of its words
/// ("left-sidebar", `share_bar`, `cookieBanner`) is a furniture word, as a whole word —
/// "paywalled-content", "node--promoted" and "shared-story" are not — and no word says otherwise
/// ("has-sidebar" and "no-share" describe a page or an article; "sidebar-and-content-body"
/// holds the article).
fn furniture_token(token: &str) -> Option<&'static str> {
    let word = |w: &str| -> Option<&'static str> {
        if matches!(w, "ad" | "ads") {
            return Some("advert");
        }
        FURNITURE.iter().find(|f| **f == w).copied()
    };
    let lower = token.to_ascii_lowercase();
    if let Some(w) = word(&lower) {
        return Some(w);
    }
    let words = token_words(token);
    if words.iter().any(|w| NOT_FURNITURE.contains(&w.as_str())) {
        return None;
    }
    // "widget" leads the classes of sidebar boxes ("widget_recent_entries", "widget-area");
    // after another word it names a page builder's block ("elementor-widget-wrap").
    words
        .iter()
        .enumerate()
        .find_map(|(k, w)| word(w).filter(|f| *f != "widget" || k == 0))
}

/// A class or id token's words, lower case: split at '-', '_' and where a capital follows a
/// small letter ("cookieBanner").
fn token_words(token: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if c == '-' || c == '_' || c == ':' || c == '.' {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Words in a class or id token that make the token no furniture whatever else it says.
const NOT_FURNITURE: &[&str] = &[
    "has", "no", "not", "without", "with", "content", "article", "body", "main", "post", "entry",
    "story", "text",
];

/// Words that make a whole class attribute no furniture: an element classed
/// "elementor-widget elementor-widget-text-editor" is a block of the story in a page builder.
const CONTENT_WORDS: &[&str] = &[
    "content", "article", "body", "post", "entry", "story", "text",
];

/// The nodes that hold the article and so are never hidden as furniture: the page's `html` and
/// `body`, every `article`, `main` and `itemprop="articleBody"` element, and every ancestor of
/// these and of the first `h1` (class rules only ever demote blocks inside the article).
fn protected_nodes(html: &Html) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    let mut seen_h1 = false;
    for node in html.tree.root().descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        let strong = matches!(name, "html" | "body" | "article" | "main")
            || el
                .attr("itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
            || (name == "h1" && !seen_h1);
        seen_h1 |= name == "h1";
        if strong {
            out.insert(node.id());
            for a in node.ancestors() {
                if !out.insert(a.id()) {
                    break;
                }
            }
        }
    }
    out
}

/// Adds the ancestors of `id` (not `id` itself: a comments block that holds most of a page's
/// prose is still comments) to the protected nodes.
fn protect_ancestors(html: &Html, id: NodeId, protected: &mut HashSet<NodeId>) {
    if let Some(node) = html.tree.get(id) {
        for a in node.ancestors() {
            protected.insert(a.id());
        }
    }
}

/// Per element: characters of text, of text inside links, and links.
#[derive(Clone, Copy, Default)]
struct LinkStats {
    text: usize,
    linked: usize,
    links: usize,
    /// Characters of prose below it: paragraphs of 40 or more characters outside links, not in
    /// hidden elements or furniture.
    prose: usize,
    /// Depth in the tree.
    depth: usize,
}

/// [`LinkStats`] of every element, in one walk.
fn link_stats(html: &Html, judge: &Judge) -> HashMap<NodeId, LinkStats> {
    let mut out = HashMap::new();
    // Per open element: its id, stats, whether it is a link, whether it is hidden.
    let mut stack: Vec<(NodeId, LinkStats, bool, bool)> = Vec::new();
    // Links open around the current node (counted, not searched for on the stack).
    let mut open_links = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let hidden =
                        stack.last().is_some_and(|t| t.3) || judge.cut(node.id(), el).is_some();
                    let stats = LinkStats {
                        depth: stack.len(),
                        ..LinkStats::default()
                    };
                    let is_link = el.name() == "a";
                    open_links += usize::from(is_link);
                    stack.push((node.id(), stats, is_link, hidden));
                }
                Node::Text(t) => {
                    let n = t.chars().filter(|c| !c.is_whitespace()).count();
                    let in_link = open_links > 0;
                    if let Some((_, s, _, _)) = stack.last_mut() {
                        s.text += n;
                        if in_link {
                            s.linked += n;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let Some((id, mut s, is_link, hidden)) = stack.pop() else {
                    continue;
                };
                if is_link {
                    s.links += 1;
                    open_links = open_links.saturating_sub(1);
                }
                if !hidden
                    && matches!(el.name(), "p" | "pre" | "blockquote")
                    && s.text - s.linked >= 40
                {
                    s.prose = s.prose.max(s.text - s.linked);
                }
                out.insert(id, s);
                if let Some((_, parent, _, _)) = stack.last_mut() {
                    parent.text += s.text;
                    parent.linked += s.linked;
                    parent.links += s.links;
                    parent.prose += s.prose;
                }
            }
        }
    }
    out
}

/// Characters of prose from which a page is judged to have an article body at all.
const MIN_PROSE: usize = 400;

/// The element that holds the article's prose: the deepest one that holds at least four fifths
/// of the page's prose (paragraphs of some length, outside links, menus and furniture), when
/// the page has prose at all. What lies outside it — teasers, lists of other stories, widgets —
/// is not the article; the headline is kept wherever it is.
fn content_root(html: &Html, stats: &HashMap<NodeId, LinkStats>) -> Option<NodeId> {
    let root = html.root_element();
    let total = stats.get(&root.id())?.prose;
    if total < MIN_PROSE {
        return None;
    }
    stats
        .iter()
        .filter(|(_, s)| s.prose * 5 >= total * 4)
        .max_by_key(|(_, s)| s.depth)
        .map(|(id, _)| *id)
}

/// Characters of prose (paragraphs outside links) from which a container is no link list.
const LIST_MAX_PROSE: usize = 200;

/// A block that is mostly links — a menu, a list of related or most-read stories, a tag list, a
/// "Read also:" line — rather than the article's prose.
fn is_link_list(name: &str, stats: Option<&LinkStats>) -> bool {
    let Some(s) = stats else {
        return false;
    };
    if s.text == 0 {
        return false;
    }
    let density = s.linked as f64 / s.text as f64;
    match name {
        // A container with paragraphs of prose is not a list, whatever lists it also holds.
        "ul" | "ol" | "dl" | "div" | "section" | "table" | "header" => {
            s.links >= 3 && density > 0.6 && s.prose < LIST_MAX_PROSE
        }
        "p" | "li" => s.links >= 1 && density > 0.7 && s.text < 400,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
  <title>Baku and Ankara sign deal | Example News</title>
  <meta property="article:published_time" content="2026-01-30T08:15:00+04:00">
  <style>p { color: red }</style>
  <script>var country = "Germany";</script>
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/world">France news</a></nav></header>
  <div id="cookie-banner">We use cookies. Accept all cookies from Japan.</div>
  <article>
    <header><h1>Azerbaijan and Türkiye sign a transit deal</h1>
      <time datetime="2026-01-29">Jan 29</time></header>
    <p>Azerbaijan and   Türkiye signed
       a deal on <b>Monday</b>.</p>
    <div class="share-bar">Share on Facebook</div>
    <p>Georgia welcomed it.<br>Officials said more would follow.</p>
    <aside>Related: Chile elects a president</aside>
  </article>
  <div class="newsletter-signup">Subscribe to our Brazil newsletter</div>
  <footer>© Example News, Norway</footer>
  <div style="display: none">Hidden Peru</div>
</body></html>"#;

    /// Prose long enough to count as a paragraph of an article.
    fn prose(topic: &str) -> String {
        format!(
            "<p>{topic} was discussed at length by the ministers, who agreed on a timetable, \
             a budget and the next steps of the talks, and said so to reporters afterwards.</p>"
        )
    }

    #[test]
    fn layout_classes_never_hide_the_article() {
        // Real pages put "sidebar", "menu" and "cookies" in the classes of body and wrappers.
        let body = format!("<h1>Talks</h1>{}{}", prose("Trade"), prose("Energy"));
        for wrapper in [
            format!(r#"<body class="has-sidebar cookies-not-set">{body}</body>"#),
            format!(r#"<body><div class="penci_sidebar">{body}</div></body>"#),
            format!(r#"<body><div class="left-sidebar mega-menu-primary">{body}</div></body>"#),
            format!(r#"<body><div class="sidebar-and-content-body">{body}</div></body>"#),
            format!(
                r#"<body><div class="paywalled-content node--promoted no-share">{body}</div></body>"#
            ),
            // No headline to protect the wrapper: the prose it holds does.
            format!(
                r#"<body><div class="layoutTwoColumnsRightSidebar"><div>{}{}{}{}</div></div></body>"#,
                prose("Trade"),
                prose("Energy"),
                prose("Transit"),
                prose("Security")
            ),
        ] {
            let p = page(&format!("<html>{wrapper}</html>"));
            assert!(
                p.text.contains("Trade was discussed"),
                "{wrapper}: {:?}",
                p.text
            );
            assert!(p.text.contains("Energy was discussed"), "{wrapper}");
        }
        // A furniture word as a whole word still marks furniture inside the article.
        let p = page(&format!(
            r#"<body><article>{}<div class="share-bar">Share on Facebook</div></article></body>"#,
            prose("Trade")
        ));
        assert!(!p.text.contains("Share on"), "{:?}", p.text);
    }

    #[test]
    fn a_page_is_never_emptied_by_its_classes() {
        let p =
            page(r#"<body><div class="main-sidebar"><p>A short note on Kenya.</p></div></body>"#);
        assert_eq!(p.text, "A short note on Kenya.");
        // Furniture beside text is still left out.
        let p = page(
            r#"<body><p>A short note on Kenya.</p><div class="sidebar">Weather in Peru</div></body>"#,
        );
        assert_eq!(p.text, "A short note on Kenya.");
    }

    #[test]
    fn link_lists_and_teasers_are_not_the_article() {
        let html = format!(
            r#"<body><div class="wrap"><h1>Talks in Baku</h1>{}{}{}{}
            <ul><li><a href="/a">Germany wins the cup</a></li><li><a href="/b">Rain in Spain</a>
            </li><li><a href="/c">Markets in Japan</a></li></ul>
            <p>Lea también: <a href="/d">Protests in France spread to the suburbs</a></p></div>
            <div class="teasers"><p>In other news, a long teaser about Brazil and its football
            league that runs on for a while, as teasers of other stories do on pages.</p></div>
            </body>"#,
            prose("Trade"),
            prose("Energy"),
            prose("Transit"),
            prose("Security")
        );
        let p = page(&html);
        assert!(p.text.contains("Talks in Baku"), "the headline stays");
        assert!(p.text.contains("Transit was discussed"));
        for other in [
            "Germany wins",
            "Rain in Spain",
            "Protests in France",
            "Brazil",
        ] {
            assert!(!p.text.contains(other), "{other} in {:?}", p.text);
        }
    }

    #[test]
    fn decomposed_letters_are_composed_and_ruby_annotations_dropped() {
        let p = page(
            "<body><p>Cote d\u{2019}Ivoire and Co\u{302}te d\u{2019}Ivoire;              <ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby></p></body>",
        );
        assert!(p.text.contains("Côte d’Ivoire"), "{:?}", p.text);
        assert!(
            p.text.contains("東京") && !p.text.contains("とうきょう"),
            "{:?}",
            p.text
        );
    }

    #[test]
    fn keeps_the_article_and_leaves_the_furniture() {
        let p = page(PAGE);
        assert_eq!(
            p.text,
            "Azerbaijan and Türkiye sign a transit deal\n\nJan 29\n\n\
             Azerbaijan and Türkiye signed a deal on Monday.\n\n\
             Georgia welcomed it. Officials said more would follow."
        );
        for gone in [
            "Germany", "France", "Japan", "Facebook", "Chile", "Brazil", "Norway", "Peru", "color",
        ] {
            assert!(!p.text.contains(gone), "{gone} leaked");
        }
        assert_eq!(
            p.title.as_deref(),
            Some("Azerbaijan and Türkiye sign a transit deal")
        );
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2026-01-30"));
    }

    #[test]
    fn title_and_time_fall_back() {
        let p = page(
            "<html><head><title> Talks in Tashkent </title></head><body>\
             <p><time datetime=\"2025-11-03T10:00\">3 Nov</time> Uzbekistan hosted Kazakhstan.</p>\
             </body></html>",
        );
        assert_eq!(p.title.as_deref(), Some("Talks in Tashkent"));
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2025-11-03"));
        assert!(p.text.contains("Uzbekistan hosted Kazakhstan."));
    }

    #[test]
    fn broken_and_empty_pages_do_not_panic() {
        for source in [
            "",
            "<",
            "<html><body><p>Unclosed <b>bold <i>Chile",
            "<div><div><div><div>",
            &"<div>".repeat(10_000),
        ] {
            let _ = page(source);
        }
        assert!(page("<p>Unclosed <b>bold <i>Chile").text.contains("Chile"));
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(!looks_like_html("Chile and Peru met."));
    }
}
