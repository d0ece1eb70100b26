//! Colours and sizes. The palette keeps nodes, links and corridors apart for colour-blind
//! readers (Okabe–Ito hues) and stays quiet on the land so the data stands out.

/// `DejaVu Sans`: drawn behind egui's default font on screen, and the font of exported pictures.
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Color(pub [u8; 4]);

impl Color {
    /// Opaque black.
    pub const BLACK: Self = Self([0, 0, 0, 255]);

    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Self {
        Self([(rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8, 255])
    }

    /// The same colour with its alpha multiplied by `factor` (0–1).
    #[must_use]
    pub fn with_alpha_factor(self, factor: f32) -> Self {
        let [r, g, b, a] = self.0;
        Self([
            r,
            g,
            b,
            (f32::from(a) * factor.clamp(0.0, 1.0)).round() as u8,
        ])
    }

    /// Linear blend towards `other` by `t` (0–1), alpha included.
    #[must_use]
    pub fn lerp(self, other: Self, t: f32) -> Self {
        let t = t.clamp(0.0, 1.0);
        let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
        Self([
            mix(self.0[0], other.0[0]),
            mix(self.0[1], other.0[1]),
            mix(self.0[2], other.0[2]),
            mix(self.0[3], other.0[3]),
        ])
    }

    /// `#rrggbb` for SVG and CSS.
    pub fn css_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

/// The colours of one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// Sea and background.
    pub sea: Color,
    /// Land nobody mentions.
    pub land: Color,
    /// Land of the most mentioned country (others blend towards it).
    pub land_mentioned: Color,
    /// Country borders.
    pub border: Color,
    /// Nodes.
    pub node: Color,
    /// Node outline.
    pub node_stroke: Color,
    /// Links.
    pub link: Color,
    /// A hovered or selected link.
    pub link_highlight: Color,
    /// Selection ring.
    pub selection: Color,
    /// Label text.
    pub label: Color,
    /// Label outline.
    pub label_halo: Color,
    /// Corridor colours, cycled.
    pub corridors: Vec<Color>,
    /// Alpha factor of what is outside the focus.
    pub dimmed_alpha: f32,
    /// Community colours, cycled.
    pub communities: Vec<Color>,
}

/// The colours of categories: communities in the network and corridor routes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Palette {
    /// Ten well-separated hues.
    #[default]
    Standard,
    /// Okabe and Ito's eight colours, told apart with any of the common colour vision
    /// deficiencies (no red against green, no hue told only by its redness).
    ColourBlind,
}

impl Palette {
    /// Every palette, in menu order.
    pub const ALL: [Self; 2] = [Self::Standard, Self::ColourBlind];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "Standard colours",
            Self::ColourBlind => "Colour-blind safe colours",
        }
    }
}

/// Okabe and Ito's palette without black, in the order communities take it.
const OKABE_ITO: [u32; 7] = [
    0xd55e00, 0x0072b2, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0xf0e442,
];

impl Style {
    /// The light theme.
    pub fn light() -> Self {
        Self {
            sea: Color::hex(0xdde7ef),
            land: Color::hex(0xf6f3ec),
            land_mentioned: Color::hex(0xeec98c),
            border: Color::hex(0xaaa59b),
            node: Color::hex(0xd55e00),
            node_stroke: Color::hex(0xffffff),
            link: Color::hex(0x0b5d8c),
            link_highlight: Color::hex(0x002f4f),
            selection: Color::hex(0x111111),
            label: Color::hex(0x1c252d),
            label_halo: Color::hex(0xffffff).with_alpha_factor(0.85),
            // Kept apart from the node (vermillion) and link (blue) hues.
            corridors: vec![
                Color::hex(0x009e73),
                Color::hex(0xcc79a7),
                Color::hex(0x7570b3),
                Color::hex(0xd4a000),
                Color::hex(0xa6761d),
                Color::hex(0x66a61e),
            ],
            dimmed_alpha: 0.18,
            communities: [
                0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7,
                0x9c755f, 0x79706e,
            ]
            .into_iter()
            .map(Color::hex)
            .collect(),
        }
    }

    /// This style with the category colours of `palette` (the nodes stay vermillion and the
    /// links blue in both: a pair every common colour vision tells apart).
    #[must_use]
    pub fn with_palette(mut self, palette: Palette) -> Self {
        match palette {
            Palette::Standard => {}
            Palette::ColourBlind => {
                self.communities = OKABE_ITO.into_iter().map(Color::hex).collect();
                // Away from the nodes' vermillion and the links' blue.
                self.corridors = [0x009e73, 0xcc79a7, 0xe69f00, 0x666666, 0x56b4e9]
                    .into_iter()
                    .map(Color::hex)
                    .collect();
            }
        }
        self
    }

    /// The dark theme.
    pub fn dark() -> Self {
        Self {
            sea: Color::hex(0x111a22),
            land: Color::hex(0x26303a),
            land_mentioned: Color::hex(0x6b5530),
            border: Color::hex(0x46525e),
            node: Color::hex(0xf08a3c),
            node_stroke: Color::hex(0x111a22),
            link: Color::hex(0x56b4e9),
            link_highlight: Color::hex(0xd8f0ff),
            selection: Color::hex(0xffffff),
            label: Color::hex(0xe8edf2),
            label_halo: Color::hex(0x111a22).with_alpha_factor(0.85),
            ..Self::light()
        }
    }

    /// The colour of community `c`.
    pub fn community_color(&self, c: u32) -> Color {
        self.communities
            .get(c as usize % self.communities.len().max(1))
            .copied()
            .unwrap_or(self.node)
    }

    /// The colour of the `i`-th corridor.
    pub fn corridor_color(&self, i: usize) -> Color {
        self.corridors
            .get(i % self.corridors.len().max(1))
            .copied()
            .unwrap_or(Color::BLACK)
    }

    /// Fill of a country's land: blends towards `land_mentioned` with its share of mentions.
    pub fn land_fill(&self, mentions: u32, max_mentions: u32) -> Color {
        if mentions == 0 || max_mentions == 0 {
            return self.land;
        }
        let t = 0.25 + 0.75 * (mentions as f32 / max_mentions as f32).sqrt();
        self.land.lerp(self.land_mentioned, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_helpers() {
        assert_eq!(Color::hex(0x0a0b0c).0, [10, 11, 12, 255]);
        assert_eq!(Color::hex(0xffffff).with_alpha_factor(0.5).0[3], 128);
        assert_eq!(
            Color::hex(0x000000).lerp(Color::hex(0xffffff), 0.5).0[0],
            128
        );
        assert_eq!(Color::hex(0xd55e00).css_hex(), "#d55e00");
        let s = Style::light();
        assert_eq!(s.land_fill(0, 10), s.land);
        assert_ne!(s.land_fill(10, 10), s.land);
    }
}
