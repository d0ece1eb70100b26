//! Exports from the window: the view as a picture, the graph for other tools, the tables as
//! CSV, the JSON contract and a selection's evidence as Markdown. Each is made from what is on
//! screen, in memory on the UI thread, and rasterised (pictures) and written to disk on a
//! background thread; the status bar says how it went.

use std::sync::Arc;

use super::{AtlasApp, post};
use crate::scene::{Pick, SceneKind};

/// What can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The view as a PNG or SVG picture.
    Picture,
    /// The graph as GEXF 1.3, for Gephi.
    Gexf,
    /// The graph as GraphML, for Cytoscape, yEd and others.
    GraphMl,
    /// The countries as CSV.
    CountriesCsv,
    /// The links as CSV.
    LinksCsv,
    /// The analysis as JSON (the export contract).
    Json,
    /// The evidence of the selection as Markdown with citations.
    Evidence,
}

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Picture,
        Self::Gexf,
        Self::GraphMl,
        Self::CountriesCsv,
        Self::LinksCsv,
        Self::Json,
        Self::Evidence,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Picture => "Picture of the view (PNG, SVG)…",
            Self::Gexf => "Graph for Gephi (GEXF)…",
            Self::GraphMl => "Graph (GraphML)…",
            Self::CountriesCsv => "Countries (CSV)…",
            Self::LinksCsv => "Links (CSV)…",
            Self::Json => "Analysis (JSON)…",
            Self::Evidence => "Evidence of the selection (Markdown)…",
        }
    }

    /// The dialog's file types: (name, extensions), the first the default.
    pub fn filters(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Self::Picture => &[("PNG image", &["png"]), ("SVG drawing", &["svg"])],
            Self::Gexf => &[("GEXF graph", &["gexf"])],
            Self::GraphMl => &[("GraphML graph", &["graphml"])],
            Self::CountriesCsv | Self::LinksCsv => &[("Comma-separated values", &["csv"])],
            Self::Json => &[("JSON", &["json"])],
            Self::Evidence => &[("Markdown", &["md"])],
        }
    }

    /// The file name the dialog suggests.
    pub fn file_name(self, view: SceneKind) -> &'static str {
        match (self, view) {
            (Self::Picture, SceneKind::Map) => "corridor-atlas-map.png",
            (Self::Picture, SceneKind::Network) => "corridor-atlas-network.png",
            (Self::Gexf, _) => "corridor-atlas.gexf",
            (Self::GraphMl, _) => "corridor-atlas.graphml",
            (Self::CountriesCsv, _) => "corridor-atlas-countries.csv",
            (Self::LinksCsv, _) => "corridor-atlas-links.csv",
            (Self::Json, _) => "corridor-atlas.json",
            (Self::Evidence, _) => "corridor-atlas-evidence.md",
        }
    }
}

/// What makes a file's bytes: run on the export's background thread.
type Make = Box<dyn FnOnce() -> Result<Vec<u8>, crate::scene::PngError> + Send>;

impl AtlasApp {
    /// Exports `kind` to `path` in the background; the status bar says how it went.
    pub(super) fn export(&mut self, kind: ExportKind, path: std::path::PathBuf) {
        let Some(model) = &self.model else { return };
        let mut bytes = Vec::new();
        let made = match kind {
            // Rasterised in the background too.
            ExportKind::Picture => {
                if let Some(make) = self.picture(model, &path) {
                    self.write_in_background(path, make);
                }
                return;
            }
            ExportKind::Gexf => crate::export::write_gexf(
                &mut bytes,
                &model.gazetteer,
                &model.analysis,
                model.layout_for(self.drawn_scene()),
                self.settings.palette,
            ),
            ExportKind::GraphMl => crate::export::write_graphml(
                &mut bytes,
                &model.gazetteer,
                &model.analysis,
                model.layout_for(self.drawn_scene()),
            ),
            ExportKind::CountriesCsv => crate::export::write_nodes_csv(
                &mut bytes,
                &model.gazetteer,
                &model.analysis,
                model.layout_for(self.drawn_scene()),
            ),
            ExportKind::LinksCsv => {
                crate::export::write_csv(&mut bytes, &model.gazetteer, &model.analysis)
            }
            ExportKind::Json => crate::export::write_json(
                &mut bytes,
                &model.gazetteer,
                &model.dataset,
                &model.analysis,
            ),
            ExportKind::Evidence => {
                let Some(pick) = self.selection else {
                    self.set_notice(
                        "Nothing exported: select a country, link or corridor first".into(),
                    );
                    return;
                };
                let selection = match pick {
                    Pick::Link(a, b) => vec![a, b],
                    Pick::Country(k) | Pick::Corridor(k) => vec![k],
                };
                crate::export::write_selection(
                    &mut bytes,
                    &model.gazetteer,
                    &model.dataset,
                    &model.analysis,
                    &selection,
                )
            }
        };
        if let Err(e) = made {
            self.set_notice(format!("Not exported: {e}"));
            return;
        }
        self.write_in_background(path, Box::new(move || Ok(bytes)));
    }

    /// The view on screen as a picture for `path` (PNG or SVG by its extension): its framing,
    /// theme, colours and shading. `None` (and a notice) for another extension.
    fn picture(&self, model: &super::Model, path: &std::path::Path) -> Option<Make> {
        let is = |ext: &str| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        };
        let png = is("png");
        if !png && !is("svg") {
            self.set_notice(format!(
                "Not exported: {} must end in .png or .svg",
                path.display()
            ));
            return None;
        }
        let frame = match (self.map.rect, self.map.camera) {
            (Some(rect), Some(camera)) if self.map.kind == self.drawn_scene() => {
                crate::scene::Frame::View(crate::scene::View {
                    center: camera.center,
                    px_per_unit: camera.px_per_unit,
                    size: [rect.width().max(64.0), rect.height().max(64.0)],
                })
            }
            _ => crate::scene::Frame::Fit([1600.0, 1000.0]),
        };
        let style = super::style_for(self.map.dark, &self.settings);
        let hidden = |k| {
            self.settings
                .hidden_corridors
                .contains(&model.gazetteer.entity(k).code)
        };
        let document = crate::scene::picture(
            &model.analysis,
            model.layout_for(self.drawn_scene()),
            &model.gazetteer,
            &model.basemap,
            self.drawn_scene(),
            &hidden,
            &style,
            frame,
        );
        Some(Box::new(move || {
            if png {
                crate::scene::png(&document, crate::scene::FONT)
            } else {
                Ok(document.into_bytes())
            }
        }))
    }

    /// Makes the file's bytes and writes them to `path` on a background thread, then says in the
    /// status bar how it went.
    fn write_in_background(&self, path: std::path::PathBuf, make: Make) {
        let notice = Arc::clone(&self.notice);
        let repaint = Arc::clone(&self.repaint);
        let work = move || {
            let message = match make() {
                Err(e) => format!("Not exported to {}: {e}", path.display()),
                Ok(bytes) => match std::fs::write(&path, bytes) {
                    Ok(()) => format!("Exported {}", path.display()),
                    Err(e) => format!(
                        "Not exported to {}: {} (choose another folder)",
                        path.display(),
                        crate::corpus::io_reason(&e)
                    ),
                },
            };
            post(&notice, message);
            repaint();
        };
        if std::thread::Builder::new()
            .name("corridor-atlas-export".into())
            .spawn(work)
            .is_err()
        {
            self.set_notice("Not exported: cannot start a thread".into());
        }
    }
}
