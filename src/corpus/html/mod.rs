//! A web page to the article on it: the visible text (no script, style, navigation, cookie
//! banner, share bar or newsletter box), one paragraph per block, with the title and the
//! publication date the page gives.

mod blocks;
mod judge;
mod nodes;

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use self::blocks::Blocks;
use self::judge::{Cut, Judge, Verdicts};
use self::nodes::{Item, Kind, MIN_PROSE, Nodes, is_link_list};
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
    /// The page's own address, when it gives one (`<link rel="canonical">`, `og:url`).
    pub url: Option<String>,
    /// The visible blocks left out of `text` as not the article, where they stood.
    pub left_out: Vec<LeftOut>,
}

/// A visible block of a page that is not counted as the article: shown dimmed in the reader and
/// listed by `export --format documents`, never searched for countries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// Byte offset in [`Page::text`] where the block stood: where the next counted block starts
    /// (after its blank line), or the end of the text.
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

/// Every visible block of a page, the article's and those left out of it, in the order they
/// stood, paragraphs separated by blank lines.
pub fn visible_text(page: &Page) -> String {
    let mut out = String::with_capacity(page.text.len() * 2);
    let mut push = |block: &str| {
        let block = block.trim();
        if !block.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(block);
        }
    };
    let mut from = 0;
    for left in &page.left_out {
        if let Some(before) = page.text.get(from..left.at) {
            push(before);
            from = left.at;
        }
        push(&left.text);
    }
    push(page.text.get(from..).unwrap_or(""));
    out
}

/// Reads a page.
pub fn page(source: &str) -> Page {
    let html = Html::parse_document(source);
    let nodes = Nodes::of(&html);
    let page = read(&html, &nodes, true);
    // Class and id rules that leave nothing of a page with text are wrong about it.
    if page.text.is_empty() {
        let plain = read(&html, &nodes, false);
        if !plain.text.is_empty() {
            return plain;
        }
    }
    page
}

/// Reads a parsed page, believing what classes and ids say of furniture or not.
#[expect(
    clippy::too_many_lines,
    reason = "one walk over the page's tree: opening and closing an element share the walk's \
              state (depths of the article, a left-out block, an invisible element, the headline)"
)]
fn read(html: &Html, nodes: &Nodes<'_>, classes: bool) -> Page {
    let judge = judge_for(nodes, classes);
    let stats = nodes.link_stats(&judge);
    let root = nodes.content_root(&stats);
    // Depth at which the content root opened, while inside it.
    let mut root_depth: Option<usize> = None;
    let mut blocks = Blocks::default();
    let mut meta = Metadata::default();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut h1_text = String::new();
    // While inside an invisible element: the depth at which it opened.
    let mut invisible_depth: Option<usize> = None;
    // While inside furniture: the depth at which it opened, and why it is furniture.
    let mut left: Option<(usize, Why)> = None;
    let mut depth = 0usize;
    let mut article_depth: Option<usize> = None;
    // Index of the next node to open, in the order of `nodes`.
    let mut next = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                depth += 1;
                let index = next;
                next += 1;
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
                if Some(index) == root {
                    root_depth = Some(depth);
                }
                // Metadata is read even from hidden parts (it lives in <head>).
                meta.read(name, el, node);
                if invisible_depth.is_some() {
                    continue;
                }
                if matches!(name, "article" | "main") && article_depth.is_none() {
                    article_depth = Some(depth);
                }
                let kept = judge.protected.get(index).copied().unwrap_or(false);
                let verdicts = match nodes.items.get(index) {
                    Some(Item {
                        kind: Kind::Element { verdicts, .. },
                        ..
                    }) => *verdicts,
                    _ => Verdicts::default(),
                };
                let cut = match judge.cut(index, name, verdicts) {
                    // A header inside the article holds its headline.
                    Some(Cut::Left(_)) if kept && name == "header" => None,
                    None if name == "header" && article_depth.is_none() && !kept => {
                        Some(Cut::Left(Why::Furniture("page header")))
                    }
                    None if !kept && is_link_list(name, stats.get(index)) => {
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
    let (mut text, left_out) = blocks.finish();
    if let Some(body) = meta.article_body.take() {
        add_article_body(&mut text, &body);
    }
    Page {
        text,
        title: h1.or(meta.title),
        date: meta.date.map(|(_, d)| d).or(meta.time),
        url: meta.url,
        left_out,
    }
}

/// How elements are judged on this page: the elements that hold the prose (found believing no
/// class) and their ancestors are protected from class rules, and with `classes` the rules
/// apply to the rest.
fn judge_for(nodes: &Nodes<'_>, classes: bool) -> Judge {
    let mut judge = Judge {
        protected: nodes.protected(),
        ..Judge::default()
    };
    // Where the prose is when no class is believed: class rules never hide what holds it.
    let unjudged = nodes.link_stats(&judge);
    if let Some(prose_root) = nodes.content_root(&unjudged) {
        nodes.protect_ancestors(prose_root, &mut judge.protected);
    }
    let total = nodes.total_prose(&unjudged);
    if total >= MIN_PROSE {
        judge.large = unjudged.iter().map(|s| s.prose * 2 >= total).collect();
    }
    judge.classes = classes;
    judge
}

/// A page that builds its article with scripts, or shows a teaser of it, carries it whole in its
/// JSON-LD metadata: when that is much longer than the text read from the page, its paragraphs
/// that the page does not show are added after the page's text.
fn add_article_body(text: &mut String, body: &str) {
    if text.chars().count() * 2 >= body.chars().count() {
        return;
    }
    for paragraph in body.split("\n\n") {
        if !text.contains(paragraph) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(paragraph);
        }
    }
}

/// What a page says of itself in its head and markup: title, date, address, and the article
/// as JSON-LD.
#[derive(Default)]
struct Metadata {
    /// The `<title>`.
    title: Option<String>,
    /// The best-ranked date of the `<meta>` tags (rank in `DATE_META`, date).
    date: Option<(usize, Date)>,
    /// The first `<time>`.
    time: Option<Date>,
    /// The canonical address, else og:url.
    url: Option<String>,
    /// The longest `articleBody` of the page's JSON-LD metadata, as paragraphs.
    article_body: Option<String>,
}

impl Metadata {
    /// Takes in what the element `name` says, if it is metadata.
    fn read(&mut self, name: &str, el: &scraper::node::Element, node: ego_tree::NodeRef<'_, Node>) {
        match name {
            "title" if self.title.is_none() => {
                let t = one_line(&own_text(node));
                if !t.is_empty() {
                    self.title = Some(t);
                }
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .map(str::to_ascii_lowercase);
                if key.as_deref() == Some("og:url")
                    && let Some(content) = el.attr("content")
                {
                    self.url = self.url.take().or_else(|| web_address(content));
                }
                if let (Some(key), Some(content)) = (key, el.attr("content"))
                    && let Some(rank) = DATE_META.iter().position(|m| *m == key)
                    && let Some(date) = super::meta::loose_date(content)
                    && self.date.is_none_or(|(r, _)| rank < r)
                {
                    self.date = Some((rank, date));
                }
            }
            "link"
                if el
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                // The canonical address is the page's own; it wins over og:url.
                if let Some(address) = el.attr("href").and_then(web_address) {
                    self.url = Some(address);
                }
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                if let Some(body) = article_body(&own_text(node))
                    && self
                        .article_body
                        .as_ref()
                        .is_none_or(|b: &String| b.len() < body.len())
                {
                    self.article_body = Some(body);
                }
            }
            "time" if self.time.is_none() => {
                self.time = el
                    .attr("datetime")
                    .and_then(super::meta::loose_date)
                    .or_else(|| super::meta::loose_date(&own_text(node)));
            }
            _ => {}
        }
    }
}

/// An absolute web address, trimmed; `None` for relative or other addresses.
fn web_address(href: &str) -> Option<String> {
    let href = href.trim();
    super::is_web_address(href).then(|| href.to_owned())
}

/// The `articleBody` of a JSON-LD script (schema.org `NewsArticle`, `BlogPosting` …), anywhere
/// in it, as paragraphs separated by blank lines; `None` when there is none or it is short.
fn article_body(json: &str) -> Option<String> {
    fn find(value: &serde_json::Value) -> Option<&str> {
        match value {
            serde_json::Value::Object(map) => map
                .iter()
                .find(|(k, v)| k.eq_ignore_ascii_case("articleBody") && v.is_string())
                .and_then(|(_, v)| v.as_str())
                .or_else(|| map.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    let body = find(&value)?;
    // Some sites put HTML in it.
    let body = if body.contains("</p>") || body.contains("<br") {
        page(body).text
    } else {
        body.split('\n')
            .map(one_line)
            .filter(|line| !line.is_empty())
            .map(blocks::nfc)
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    (body.chars().count() >= nodes::MIN_PROSE).then_some(body)
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
    fn what_is_left_out_is_kept_with_its_reason_where_it_stood() {
        let p = page(PAGE);
        let why_of = |needle: &str| {
            p.left_out
                .iter()
                .find(|b| b.text.contains(needle))
                .map(|b| b.why.to_string())
        };
        // The outermost reason: the menu stands in the site's header.
        assert_eq!(
            why_of("France news").as_deref(),
            Some("furniture (site-header)")
        );
        assert_eq!(
            why_of("Accept all cookies").as_deref(),
            Some("furniture (cookie)")
        );
        assert_eq!(
            why_of("Share on Facebook").as_deref(),
            Some("furniture (share)")
        );
        assert_eq!(why_of("Chile elects").as_deref(), Some("furniture (aside)"));
        assert_eq!(why_of("Norway").as_deref(), Some("furniture (footer)"));
        // Never seen: not shown either.
        for invisible in ["Hidden Peru", "color: red", "var country"] {
            assert_eq!(why_of(invisible), None, "{invisible}");
        }
        // The share bar stood between the first and the second paragraph.
        let share = p.left_out.iter().find(|b| b.text.contains("Share on"));
        let at = share.map_or(0, |b| b.at);
        assert!(
            p.text[..at].ends_with("on Monday.\n\n"),
            "{:?}",
            &p.text[..at]
        );
        assert!(p.text[at..].starts_with("Georgia welcomed it."));
    }

    #[test]
    fn a_lead_outside_the_article_wrapper_counts_and_link_headings_do_not() {
        let lead = "The two governments agreed on Monday to double the freight that crosses \
                    their border by rail within three years, officials said.";
        let html = format!(
            r#"<body><h1>Rail deal</h1><div class="intro"><p>{lead}</p></div>
            <p>Photo: Agency</p>
            <div class="story">{}{}<h3>More on this story</h3>
            <ul><li><a href="/a">Ports in Peru</a></li><li><a href="/b">Roads in Chad</a></li>
            <li><a href="/c">Ferries in Fiji</a></li></ul></div>
            <div class="other"><p>A long teaser about another story entirely, the kind that sits
            under an article and tells of something that happened in Brazil last week.</p></div>
            </body>"#,
            ["Trade", "Energy", "Transit", "Security"]
                .map(prose)
                .concat(),
            ["Ports", "Roads", "Ferries", "Airports"]
                .map(prose)
                .concat(),
        );
        let p = page(&html);
        assert!(p.text.contains("double the freight"), "{:?}", p.text);
        assert!(p.text.contains("Security was discussed"));
        let why_of = |needle: &str| {
            p.left_out
                .iter()
                .find(|b| b.text.contains(needle))
                .map(|b| b.why)
        };
        assert_eq!(why_of("More on this story"), Some(Why::Heading));
        assert_eq!(why_of("Ports in Peru"), Some(Why::Links));
        assert_eq!(why_of("Brazil"), Some(Why::OutsideArticle));
        assert_eq!(
            why_of("Photo: Agency"),
            Some(Why::OutsideArticle),
            "short: no lead; {:?} {:?}",
            p.text,
            p.left_out
        );
    }

    #[test]
    fn wrappers_that_hold_the_story_are_not_furniture() {
        let story = format!(
            "{}{}{}{}",
            prose("Trade"),
            prose("Energy"),
            prose("Transit"),
            prose("Security")
        );
        for html in [
            // A page builder's block, a blog platform's post widget, a framework's page form.
            format!(r#"<body><div class="elementor-widget-wrap">{story}</div></body>"#),
            format!(r#"<body><div class="widget Blog"><div>{story}</div></div></body>"#),
            format!(r#"<body><form id="aspnetForm"><div>{story}</div></form></body>"#),
            // A container whose prose sits beside a long list of links.
            format!(
                r#"<body><div class="x">{story}<ul>{}</ul></div></body>"#,
                r#"<li><a href="/x">A long linked headline about other news</a></li>"#.repeat(40)
            ),
        ] {
            let p = page(&html);
            assert!(
                p.text.contains("Transit was discussed"),
                "{html:.80}: {:?}",
                p.text
            );
        }
        // Comments stay comments however long.
        let p = page(&format!(
            r#"<body><h1>Talks</h1>{}<div class="commentlist">{story}{story}</div></body>"#,
            prose("Trade")
        ));
        assert!(!p.text.contains("Security was discussed"), "{:?}", p.text);
    }

    #[test]
    fn the_page_address_comes_from_its_canonical_link_or_og_url() {
        let p = page(
            r#"<html><head><meta property="og:url" content="https://example.org/og">
            <link rel="canonical" href="https://example.org/a/1"></head>
            <body><p>Chile and Peru met.</p></body></html>"#,
        );
        assert_eq!(p.url.as_deref(), Some("https://example.org/a/1"));
        let p = page(
            r#"<head><meta property="og:url" content=" https://example.org/og "></head>
            <link rel="canonical" href="/relative"><p>Chile and Peru met.</p>"#,
        );
        assert_eq!(p.url.as_deref(), Some("https://example.org/og"));
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
