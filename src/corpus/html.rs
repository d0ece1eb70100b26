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
    "button", "select", "textarea", "head", "menu", "dialog", "object", "canvas",
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
                    if hidden_depth.is_none()
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
                if HIDDEN.contains(&name) || page_header || is_furniture(el) {
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
                }
                depth = depth.saturating_sub(1);
            }
        }
    }
    flush(&mut current, &mut blocks);
    out.text = blocks.join("\n\n");
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
    names.into_iter().flatten().any(|value| {
        value.split_whitespace().any(|token| {
            let token = token.to_ascii_lowercase();
            token == "ad"
                || token == "ads"
                || token.starts_with("ad-")
                || FURNITURE.iter().any(|f| token.contains(f))
        })
    })
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
