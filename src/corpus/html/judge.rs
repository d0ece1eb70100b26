//! Whether an element is cut from the article: never seen (scripts, hidden elements), or page
//! furniture by its name, role, class or id. Class rules only ever demote blocks: the elements
//! that hold the story are protected from them (see [`Judge`]).

use super::Why;

/// How an element is cut from the article, if it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cut {
    /// Not seen at all: scripts, styles, hidden elements.
    Invisible,
    /// Seen but not the article.
    Left(Why),
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

/// Class words believed even of an element holding most of the page's prose: a long comment
/// thread is still comments.
const STRONG_FURNITURE: &[&str] = &["comments", "comment", "commentlist", "disqus", "respond"];

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

/// What an element's name and attributes say, read once per element.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Verdicts {
    /// By its name alone (`script`, `nav`, `figcaption` …).
    pub by_name: Option<Cut>,
    /// By its hidden state, role, class or id.
    pub by_attributes: Option<Cut>,
}

impl Verdicts {
    /// What `el`'s name and attributes say.
    pub fn of(el: &scraper::node::Element) -> Self {
        Self {
            by_name: cut_by_name(el.name()),
            by_attributes: cut_by_attributes(el),
        }
    }
}

/// What decides whether an element is cut from the article; elements are indexed in document
/// order (see [`super::nodes::Nodes`]).
#[derive(Default)]
pub(super) struct Judge {
    /// Whether classes, ids and roles are believed at all.
    pub classes: bool,
    /// Elements never cut by their class: see [`super::nodes::Nodes::protected`].
    pub protected: Vec<bool>,
    /// Elements that hold half the page's prose or more (measured believing no class): a class
    /// that calls one of them furniture is believed only for comments — a wrapper classed
    /// "widget", "print-area" or "slide" that holds the story is not furniture.
    pub large: Vec<bool>,
}

impl Judge {
    /// How element `i` (named `name`, with `verdicts`) is cut from the article, if it is.
    pub fn cut(&self, i: usize, name: &str, verdicts: Verdicts) -> Option<Cut> {
        let protected = self.protected.get(i).copied().unwrap_or(false);
        let large = self.large.get(i).copied().unwrap_or(false);
        match (verdicts.by_name, verdicts.by_attributes) {
            (Some(Cut::Invisible), _) | (_, Some(Cut::Invisible)) => Some(Cut::Invisible),
            // Some frameworks wrap the whole page in one form: a form is judged like a class,
            // never when classes are not believed, never when it holds the story.
            (Some(_), _) if name == "form" && (protected || large || !self.classes) => None,
            (Some(by_name), _) => Some(by_name),
            (None, Some(Cut::Left(Why::Furniture(word))))
                if self.classes && !protected && (!large || STRONG_FURNITURE.contains(&word)) =>
            {
                Some(Cut::Left(Why::Furniture(word)))
            }
            _ => None,
        }
    }
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

/// Whether an element's hidden state, role, class or id cuts it from the article.
fn cut_by_attributes(el: &scraper::node::Element) -> Option<Cut> {
    let (mut class, mut id, mut role) = (None, None, None);
    for (name, value) in el.attrs() {
        match name {
            "hidden" => return Some(Cut::Invisible),
            "aria-hidden" if value == "true" => return Some(Cut::Invisible),
            "style" if hides(value) => return Some(Cut::Invisible),
            "class" => class = Some(value),
            "id" => id = Some(value),
            "role" => role = Some(value),
            _ => {}
        }
    }
    if let Some(role) = role.and_then(|r| {
        FURNITURE_ROLES
            .iter()
            .find(|f| r.eq_ignore_ascii_case(f))
            .copied()
    }) {
        return Some(Cut::Left(Why::Furniture(role)));
    }
    [class, id]
        .into_iter()
        .flatten()
        .find_map(attribute_furniture)
        .map(|word| Cut::Left(Why::Furniture(word)))
}

/// Whether an inline style hides the element (`display: none`).
fn hides(style: &str) -> bool {
    let Some(at) = memchr::memmem::find(style.as_bytes(), b"display") else {
        return false;
    };
    let rest = style[at + "display".len()..].trim_start();
    rest.strip_prefix(':').is_some_and(|v| {
        v.trim_start()
            .get(..4)
            .is_some_and(|v| v.eq_ignore_ascii_case("none"))
    })
}

/// The furniture word of a class or id attribute, unless one of its tokens says it holds content.
fn attribute_furniture(value: &str) -> Option<&'static str> {
    let says_content = value
        .split_ascii_whitespace()
        .any(|token| any_word(token, |_, w| is_one_of(w, CONTENT_WORDS)));
    if says_content {
        return None;
    }
    value.split_ascii_whitespace().find_map(furniture_token)
}

/// The furniture word of one class or id token, if it names furniture: one of its words
/// ("left-sidebar", `share_bar`, `cookieBanner`) is a furniture word, as a whole word —
/// "paywalled-content", "node--promoted" and "shared-story" are not — and no word says otherwise
/// ("has-sidebar" and "no-share" describe a page or an article; "sidebar-and-content-body"
/// holds the article).
fn furniture_token(token: &str) -> Option<&'static str> {
    if let Some(word) = furniture_word(token) {
        return Some(word);
    }
    if any_word(token, |_, w| is_one_of(w, NOT_FURNITURE)) {
        return None;
    }
    let mut found = None;
    // "widget" leads the classes of sidebar boxes ("widget_recent_entries", "widget-area");
    // after another word it names a page builder's block ("elementor-widget-wrap").
    any_word(token, |k, w| {
        found = furniture_word(w).filter(|f| *f != "widget" || k == 0);
        found.is_some()
    });
    found
}

/// The furniture word `word` is, ignoring case ("ad" and "ads" are adverts).
fn furniture_word(word: &str) -> Option<&'static str> {
    if word.eq_ignore_ascii_case("ad") || word.eq_ignore_ascii_case("ads") {
        return Some("advert");
    }
    FURNITURE
        .iter()
        .find(|f| f.eq_ignore_ascii_case(word))
        .copied()
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `f` holds for one of a class or id token's words (with its position): the token is
/// split at '-', '_', ':' and '.' and where a capital follows a small letter ("cookieBanner").
fn any_word(token: &str, mut f: impl FnMut(usize, &str) -> bool) -> bool {
    let bytes = token.as_bytes();
    let mut start = 0;
    let mut k = 0;
    for i in 0..=bytes.len() {
        let separator = bytes
            .get(i)
            .is_none_or(|b| matches!(b, b'-' | b'_' | b':' | b'.'));
        let camel = i > start
            && bytes.get(i).is_some_and(u8::is_ascii_uppercase)
            && bytes[i - 1].is_ascii_lowercase();
        if separator || camel {
            // Both ends are ASCII bytes or the token's ends: character boundaries.
            if i > start {
                if f(k, &token[start..i]) {
                    return true;
                }
                k += 1;
            }
            start = if separator { i + 1 } else { i };
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(token: &str) -> Vec<String> {
        let mut out = Vec::new();
        any_word(token, |_, w| {
            out.push(w.to_owned());
            false
        });
        out
    }

    #[test]
    fn class_tokens_split_into_words() {
        assert_eq!(words("cookieBanner"), ["cookie", "Banner"]);
        assert_eq!(words("left-sidebar"), ["left", "sidebar"]);
        assert_eq!(words("node--promoted"), ["node", "promoted"]);
        assert_eq!(words("a_b:c.d"), ["a", "b", "c", "d"]);
        assert_eq!(words("ÜberSicht-x"), ["Über", "Sicht", "x"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn furniture_words_are_whole_words() {
        assert_eq!(furniture_token("share-bar"), Some("share"));
        assert_eq!(furniture_token("cookieBanner"), Some("cookie"));
        assert_eq!(furniture_token("shared-story"), None);
        assert_eq!(furniture_token("has-sidebar"), None);
        assert_eq!(furniture_token("widget_recent_entries"), Some("widget"));
        assert_eq!(furniture_token("elementor-widget-wrap"), None);
        assert_eq!(furniture_token("ads"), Some("advert"));
        assert_eq!(
            attribute_furniture("elementor-widget elementor-widget-text-editor"),
            None
        );
        assert_eq!(attribute_furniture("box social-links"), Some("social"));
    }

    #[test]
    fn inline_styles_that_hide() {
        assert!(hides("display:none"));
        assert!(hides("color: red; display : NONE !important"));
        assert!(!hides("display: block"));
        assert!(!hides("display"));
    }
}
