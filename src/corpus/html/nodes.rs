//! A parsed page's nodes in document order with what the reading asks of each, computed once:
//! how much text and linked text each element holds, how much prose, which elements hold the
//! story, and which one holds the article.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::judge::{Judge, Verdicts};

/// One node of the page.
pub(super) struct Item<'a> {
    /// Index of its parent element, if it has one.
    pub parent: Option<usize>,
    pub depth: usize,
    pub kind: Kind<'a>,
}

/// What a node is.
pub(super) enum Kind<'a> {
    Element {
        name: &'a str,
        verdicts: Verdicts,
        /// `html`, `body`, `article`, `main` or `itemprop="articleBody"`.
        strong: bool,
    },
    /// Text, with its characters other than white space.
    Text(usize),
    /// The document, comments, doctypes.
    Other,
}

/// Every node of a page in the order `traverse` opens them, so that a walk can count its way to
/// each node's index.
pub(super) struct Nodes<'a> {
    pub items: Vec<Item<'a>>,
    /// Index of the `html` element.
    pub root: Option<usize>,
}

impl<'a> Nodes<'a> {
    /// Reads every node of `html` once.
    pub fn of(html: &'a Html) -> Self {
        let mut items = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut root = None;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    let kind = match node.value() {
                        Node::Element(el) => {
                            let name = el.name();
                            if name == "html" && root.is_none() {
                                root = Some(items.len());
                            }
                            Kind::Element {
                                name,
                                verdicts: Verdicts::of(el),
                                strong: matches!(name, "html" | "body" | "article" | "main")
                                    || el
                                        .attr("itemprop")
                                        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody")),
                            }
                        }
                        Node::Text(t) => Kind::Text(visible_chars(t)),
                        _ => Kind::Other,
                    };
                    let parent = stack.last().copied().filter(|&p| {
                        matches!(
                            items.get(p),
                            Some(Item {
                                kind: Kind::Element { .. },
                                ..
                            })
                        )
                    });
                    stack.push(items.len());
                    items.push(Item {
                        parent,
                        depth: stack.len(),
                        kind,
                    });
                }
                Edge::Close(_) => {
                    stack.pop();
                }
            }
        }
        Self { items, root }
    }

    /// The elements that hold the article and so are never hidden as furniture: the page's
    /// `html` and `body`, every `article`, `main` and `itemprop="articleBody"` element, and
    /// every ancestor of these and of the first `h1` (class rules only ever demote blocks
    /// inside the article).
    pub fn protected(&self) -> Vec<bool> {
        let mut out = vec![false; self.items.len()];
        let mut seen_h1 = false;
        for (i, item) in self.items.iter().enumerate() {
            let Kind::Element { name, strong, .. } = item.kind else {
                continue;
            };
            let first_h1 = name == "h1" && !seen_h1;
            seen_h1 |= name == "h1";
            if strong || first_h1 {
                out[i] = true;
                self.protect_ancestors(i, &mut out);
            }
        }
        out
    }

    /// Marks the ancestors of `i` (not `i` itself: a comments block that holds most of a page's
    /// prose is still comments) as protected.
    pub fn protect_ancestors(&self, i: usize, protected: &mut [bool]) {
        let mut at = self.items.get(i).and_then(|item| item.parent);
        while let Some(p) = at {
            if let Some(slot) = protected.get_mut(p) {
                *slot = true;
            }
            at = self.items.get(p).and_then(|item| item.parent);
        }
    }

    /// [`LinkStats`] of every node (zero for nodes that are not elements).
    pub fn link_stats(&self, judge: &Judge) -> Vec<LinkStats> {
        let n = self.items.len();
        let mut stats = vec![LinkStats::default(); n];
        // Forward: whether each node is hidden or inside a link (parents come first).
        let mut hidden = vec![false; n];
        let mut in_link = vec![false; n];
        for (i, item) in self.items.iter().enumerate() {
            let (parent_hidden, parent_link) = item
                .parent
                .map_or((false, false), |p| (hidden[p], in_link[p]));
            match item.kind {
                Kind::Element { name, verdicts, .. } => {
                    hidden[i] = parent_hidden || judge.cut(i, name, verdicts).is_some();
                    in_link[i] = parent_link || name == "a";
                }
                _ => in_link[i] = parent_link,
            }
        }
        // Backward: every node's descendants come after it, so they are summed before it.
        for i in (0..n).rev() {
            let item = &self.items[i];
            match item.kind {
                Kind::Text(chars) => {
                    if let Some(p) = item.parent {
                        stats[p].text += chars;
                        if in_link[i] {
                            stats[p].linked += chars;
                        }
                    }
                }
                Kind::Element { name, .. } => {
                    let mut s = stats[i];
                    s.depth = item.depth;
                    if name == "a" {
                        s.links += 1;
                    }
                    let own = s.text - s.linked;
                    if !hidden[i] && matches!(name, "p" | "pre" | "blockquote") && own >= 40 {
                        s.prose = s.prose.max(own);
                    }
                    stats[i] = s;
                    if let Some(p) = item.parent {
                        let parent = &mut stats[p];
                        parent.text += s.text;
                        parent.linked += s.linked;
                        parent.links += s.links;
                        parent.prose += s.prose;
                    }
                }
                Kind::Other => {}
            }
        }
        stats
    }

    /// The page's prose in characters (see [`LinkStats::prose`]).
    pub fn total_prose(&self, stats: &[LinkStats]) -> usize {
        self.root.and_then(|r| stats.get(r)).map_or(0, |s| s.prose)
    }

    /// The element that holds the article's prose: the deepest one that holds at least four
    /// fifths of the page's prose (paragraphs of some length, outside links, menus and
    /// furniture), when the page has prose at all. What lies outside it — teasers, lists of
    /// other stories, widgets — is not the article; the headline is kept wherever it is.
    pub fn content_root(&self, stats: &[LinkStats]) -> Option<usize> {
        let total = self.total_prose(stats);
        if total < MIN_PROSE {
            return None;
        }
        stats
            .iter()
            .enumerate()
            .filter(|(_, s)| s.prose * 5 >= total * 4)
            .max_by_key(|(_, s)| s.depth)
            .map(|(i, _)| i)
    }
}

/// Characters of a text other than ASCII white space (bytes that start a character: fast on
/// the megabytes of script some pages carry).
fn visible_chars(text: &str) -> usize {
    text.bytes()
        .filter(|&b| !b.is_ascii_whitespace() && (b & 0xC0) != 0x80)
        .count()
}

/// Per element: characters of text, of text inside links, and links.
#[derive(Clone, Copy, Default)]
pub(super) struct LinkStats {
    pub text: usize,
    pub linked: usize,
    pub links: usize,
    /// Characters of prose below it: paragraphs of 40 or more characters outside links, not in
    /// hidden elements or furniture.
    pub prose: usize,
    /// Depth in the tree.
    pub depth: usize,
}

/// Characters of prose from which a page is judged to have an article body at all.
pub(super) const MIN_PROSE: usize = 400;

/// Characters of prose (paragraphs outside links) from which a container is no link list.
const LIST_MAX_PROSE: usize = 200;

/// A block that is mostly links — a menu, a list of related or most-read stories, a tag list, a
/// "Read also:" line — rather than the article's prose.
pub(super) fn is_link_list(name: &str, stats: Option<&LinkStats>) -> bool {
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
