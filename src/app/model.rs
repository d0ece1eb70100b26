//! The runtime model: a loaded corpus with its current analysis and layouts. Nothing here is
//! persisted; it is rebuilt from the corpus and the settings.

use std::sync::Arc;

use crate::gazetteer::{EntityId, Gazetteer};
use crate::graph::Analysis;
use crate::layout::{ForceLayout, Layout};
use crate::pipeline::{Dataset, Source};
use crate::scene::{Basemap, Pick, SceneKind};

use super::Loaded;
use super::settings::{Settings, params_of};

/// A loaded corpus with its current analysis.
pub struct Model {
    /// The gazetteer.
    pub gazetteer: Arc<Gazetteer>,
    /// Country outlines.
    pub basemap: Arc<Basemap>,
    /// What was loaded.
    pub source: Source,
    /// Documents, mentions, problems.
    pub dataset: Dataset,
    /// The graph for the current settings.
    pub analysis: Analysis,
    /// Node positions on the map.
    pub layout: Layout,
    /// Where the network view's layout stands: not started, running, or settled.
    pub network: NetworkState,
    /// Node positions in the network view (the force layout's latest step).
    pub network_layout: Layout,
    /// Bumped whenever `analysis` or a layout changes, so caches know.
    pub generation: u64,
    /// Bumped whenever `analysis` is rebuilt.
    pub analysis_generation: u64,
    /// Names this dataset (documents and mentions), for caches of the whole corpus.
    pub dataset_generation: u64,
}

impl Model {
    pub(super) fn new(loaded: Loaded, settings: &Settings) -> Self {
        let params = params_of(settings);
        let analysis = loaded.dataset.analysis(&loaded.gazetteer, &params);
        let layout = Layout::geographic(&analysis, &loaded.gazetteer, settings.projection);
        Self {
            gazetteer: loaded.gazetteer,
            basemap: loaded.basemap,
            source: loaded.source,
            dataset: loaded.dataset,
            analysis,
            layout,
            network: NetworkState::NotStarted,
            network_layout: Layout::default(),
            generation: next_generation(),
            analysis_generation: next_generation(),
            dataset_generation: next_generation(),
        }
    }

    /// The positions for a view.
    pub fn layout_for(&self, kind: SceneKind) -> &Layout {
        match kind {
            SceneKind::Map => &self.layout,
            SceneKind::Network => &self.network_layout,
        }
    }

    /// Advances the network layout for about `budget`; returns whether it is still moving.
    pub(super) fn step_network(
        &mut self,
        settings: &Settings,
        budget: std::time::Duration,
    ) -> bool {
        let started = std::time::Instant::now();
        if matches!(self.network, NetworkState::NotStarted) {
            self.network = NetworkState::running(Layout::network_start(
                &self.analysis,
                &self.gazetteer,
                settings.projection,
            ));
        }
        let NetworkState::Running(force) = &mut self.network else {
            return false;
        };
        while !force.settled && started.elapsed() < budget {
            force.run(5);
        }
        self.network_layout = Layout {
            positions: force.positions.clone(),
        };
        self.generation = next_generation();
        if force.settled {
            self.network = NetworkState::Settled;
        }
        self.network.is_running()
    }

    pub(super) fn rebuild(&mut self, settings: &Settings) {
        // Where each country stands in the network now, so the new layout starts from there.
        let placed: std::collections::HashMap<EntityId, [f32; 2]> = if self.network.is_started() {
            self.analysis
                .graph
                .node_indices()
                .map(|n| (self.analysis.graph[n].entity, self.network_layout.pos(n)))
                .collect()
        } else {
            std::collections::HashMap::new()
        };
        let params = params_of(settings);
        self.analysis = self.dataset.analysis(&self.gazetteer, &params);
        self.layout = Layout::geographic(&self.analysis, &self.gazetteer, settings.projection);
        self.network = if placed.is_empty() {
            NetworkState::NotStarted
        } else {
            let force = Layout::network_from(
                &self.analysis,
                &self.gazetteer,
                settings.projection,
                &placed,
            );
            self.network_layout = Layout {
                positions: force.positions.clone(),
            };
            NetworkState::running(force)
        };
        self.generation = next_generation();
        self.analysis_generation = self.generation;
    }

    /// What the corpus holds, for the status bar and the overview: "120 documents", or for an
    /// atlas its articles and the passages sampled from them.
    pub fn holdings(&self) -> String {
        match &self.dataset.atlas {
            Some(atlas) => format!(
                "atlas of {} ({} sampled)",
                super::text::count(atlas.manifest.counts.counted, "article"),
                super::text::count(self.dataset.documents.len() as u64, "passage")
            ),
            None => super::text::count(self.dataset.documents.len() as u64, "document"),
        }
    }

    /// Articles counted once, each with the article it repeats and whether exactly.
    pub fn copies(&self) -> Vec<(&str, &str, bool)> {
        if let Some(atlas) = &self.dataset.atlas {
            return atlas
                .copies
                .iter()
                .map(|c| (c.id.as_str(), c.of.as_str(), c.exact))
                .collect();
        }
        let id = |i: u32| {
            self.dataset
                .documents
                .get(i as usize)
                .map_or("?", |d| d.id.as_str())
        };
        self.dataset
            .duplicates
            .iter()
            .map(|d| (id(d.doc), id(d.of), d.exact))
            .collect()
    }

    /// How many articles were counted once (an atlas may list only the first of them).
    pub fn copy_count(&self) -> u64 {
        match &self.dataset.atlas {
            Some(atlas) => atlas.manifest.counts.copies,
            None => self.dataset.duplicates.len() as u64,
        }
    }

    /// Display name of an entity.
    pub fn name(&self, id: EntityId) -> &str {
        &self.gazetteer.entity(id).name
    }

    /// Whether a pick still exists in the current analysis.
    pub fn has(&self, pick: Pick) -> bool {
        match pick {
            Pick::Country(c) => self.analysis.node(c).is_some(),
            Pick::Link(a, b) => self.analysis.link(a, b).is_some(),
            Pick::Corridor(k) => self.analysis.corridors.iter().any(|c| c.entity == k),
        }
    }
}

/// Where the network view's force layout stands. It starts when the network is first shown, runs
/// a few milliseconds a frame, and once settled costs nothing more until the analysis changes;
/// then it runs again from where each country stood.
#[derive(Default)]
pub enum NetworkState {
    /// The network has not been shown since the corpus was loaded.
    #[default]
    NotStarted,
    /// Moving: stepped a little every frame.
    Running(ForceLayout),
    /// At rest: the positions stay as they are.
    Settled,
}

impl NetworkState {
    /// A layout that runs until it settles (or is settled already).
    fn running(force: ForceLayout) -> Self {
        if force.settled {
            Self::Settled
        } else {
            Self::Running(force)
        }
    }

    /// Whether the layout has been asked for since the corpus was loaded.
    pub fn is_started(&self) -> bool {
        !matches!(self, Self::NotStarted)
    }

    /// Whether it is still moving.
    pub fn is_running(&self) -> bool {
        matches!(self, Self::Running(_))
    }

    /// Whether it has come to rest.
    pub fn is_settled(&self) -> bool {
        matches!(self, Self::Settled)
    }
}

/// A number never handed out before, to tell analyses apart.
pub(super) fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
