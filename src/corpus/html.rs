//! A web page to the article on it: the visible text (no script, style, navigation, cookie
//! banner, share bar or newsletter box), one paragraph per block, with the title and the
//! publication date the page gives.

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
}

/// Elements whose content is never article text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "aside", "form",
    "button", "select", "textarea", "head", "menu", "dialog", "object", "canvas", "rt", "rp",
];

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
    let mut protected = protected_nodes(html);
    // Where the prose is when no class is believed: class rules never hide what holds it.
    let unjudged = link_stats(html, &protected, false);
    if let Some(prose_root) = content_root(html, &unjudged) {
        protect_ancestors(html, prose_root, &mut protected);
    }
    let stats = link_stats(html, &protected, classes);
    let root = content_root(html, &stats);
    // Depth at which the content root opened, while inside it.
    let mut root_depth: Option<usize> = None;
    let mut out = Page::default();
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    let mut title_tag: Option<String> = None;
    let mut meta_date: Option<(usize, Date)> = None;
    let mut time_date: Option<Date> = None;
    // While inside a hidden element: the depth at which it opened.
    let mut hidden_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut article_depth: Option<usize> = None;
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        let text = one_line(current);
        if !text.is_empty() {
            blocks.push(text);
        }
        current.clear();
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                depth += 1;
                let Node::Element(el) = node.value() else {
                    let in_article = root.is_none() || root_depth.is_some() || in_h1;
                    if hidden_depth.is_none()
                        && in_article
                        && let Node::Text(t) = node.value()
                    {
                        current.push_str(t);
                        if in_h1 {
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
                if hidden_depth.is_some() {
                    continue;
                }
                if matches!(name, "article" | "main") && article_depth.is_none() {
                    article_depth = Some(depth);
                }
                let page_header = name == "header" && article_depth.is_none();
                let kept = protected.contains(&node.id());
                if HIDDEN.contains(&name) && !(kept && matches!(name, "header"))
                    || (page_header && !kept)
                    || (!kept
                        && ((classes && is_furniture(el))
                            || is_link_list(name, stats.get(&node.id()))))
                {
                    hidden_depth = Some(depth);
                    continue;
                }
                if name == "br" {
                    current.push('\n');
                } else if BLOCKS.contains(&name) {
                    flush(&mut current, &mut blocks);
                }
                if name == "h1" && h1.is_none() {
                    in_h1 = true;
                    h1_text.clear();
                }
            }
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if hidden_depth == Some(depth) {
                        hidden_depth = None;
                    } else if hidden_depth.is_none() {
                        if BLOCKS.contains(&name) {
                            flush(&mut current, &mut blocks);
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
    flush(&mut current, &mut blocks);
    out.text = blocks.join("\n\n");
    // Decomposed letters ("e" + combining acute) as one, so names match however they were typed.
    if unicode_normalization::is_nfc_quick(out.text.chars())
        != unicode_normalization::IsNormalized::Yes
    {
        out.text = unicode_normalization::UnicodeNormalization::nfc(out.text.as_str()).collect();
    }
    out.title = h1.or(title_tag);
    out.date = meta_date.map(|(_, d)| d).or(time_date);
    out
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

/// Whether an element's class, id, role or hidden state marks it as page furniture.
fn is_furniture(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.to_ascii_lowercase().contains("display:none") {
            return true;
        }
    }
    if el
        .attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let names = [el.attr("class"), el.attr("id")];
    names
        .into_iter()
        .flatten()
        .any(|value| value.split_whitespace().any(furniture_token))
}

/// Whether one class or id token names furniture: one of its words ("left-sidebar",
/// `share_bar`, `cookieBanner`) is a furniture word, as a whole word — "paywalled-content",
/// "node--promoted" and "shared-story" are not — and no word says otherwise ("has-sidebar" and
/// "no-share" describe a page or an article; "sidebar-and-content-body" holds the article).
fn furniture_token(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    if FURNITURE.contains(&lower.as_str()) || lower == "ad" || lower == "ads" {
        return true;
    }
    let words = token_words(token);
    if words.iter().any(|w| NOT_FURNITURE.contains(&w.as_str())) {
        return false;
    }
    words
        .iter()
        .any(|w| FURNITURE.contains(&w.as_str()) || matches!(w.as_str(), "ad" | "ads"))
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

/// Words in a class or id that make it no furniture whatever else it says.
const NOT_FURNITURE: &[&str] = &[
    "has", "no", "not", "without", "with", "content", "article", "body", "main", "post", "entry",
    "story", "text",
];

/// The nodes that hold the article and so are never hidden as furniture: the page's `html` and
/// `body`, every `article`, `main` and `itemprop="articleBody"` element, and every ancestor of
/// these and of the first `h1` (class rules only ever demote blocks inside the article).
fn protected_nodes(html: &Html) -> std::collections::HashSet<ego_tree::NodeId> {
    let mut out = std::collections::HashSet::new();
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
fn protect_ancestors(
    html: &Html,
    id: ego_tree::NodeId,
    protected: &mut std::collections::HashSet<ego_tree::NodeId>,
) {
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
fn link_stats(
    html: &Html,
    protected: &std::collections::HashSet<ego_tree::NodeId>,
    classes: bool,
) -> std::collections::HashMap<ego_tree::NodeId, LinkStats> {
    let mut out = std::collections::HashMap::new();
    // Per open element: its id, stats, whether it is a link, whether it is hidden.
    let mut stack: Vec<(ego_tree::NodeId, LinkStats, bool, bool)> = Vec::new();
    // Links open around the current node (counted, not searched for on the stack).
    let mut open_links = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let hidden = stack.last().is_some_and(|t| t.3)
                        || HIDDEN.contains(&el.name())
                        || (classes && !protected.contains(&node.id()) && is_furniture(el));
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

/// The element that holds the article's prose: the deepest one that holds at least four fifths
/// of the page's prose (paragraphs of some length, outside links, menus and furniture), when
/// the page has prose at all. What lies outside it — teasers, lists of other stories, widgets —
/// is not the article; the headline is kept wherever it is.
fn content_root(
    html: &Html,
    stats: &std::collections::HashMap<ego_tree::NodeId, LinkStats>,
) -> Option<ego_tree::NodeId> {
    let root = html.root_element();
    let total = stats.get(&root.id())?.prose;
    if total < 400 {
        return None;
    }
    stats
        .iter()
        .filter(|(_, s)| s.prose * 5 >= total * 4)
        .max_by_key(|(_, s)| s.depth)
        .map(|(id, _)| *id)
}

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
        "ul" | "ol" | "dl" | "div" | "section" | "table" | "header" => {
            s.links >= 3 && density > 0.6
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
