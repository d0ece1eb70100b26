//! The search box: what was typed, and what it found once typing paused.

use std::time::{Duration, Instant};

use crate::search::{NameHit, NameIndex, TextHits, find_text};

use super::Model;

/// How long typing must pause before the corpus is searched.
const PAUSE: Duration = Duration::from_millis(250);

/// At most this many sentences are listed (all are counted).
const MAX_SENTENCES: usize = 2_000;

/// What a search found.
#[derive(Clone, Debug)]
pub struct SearchResults {
    /// The query searched.
    pub query: String,
    /// Countries and corridors by name.
    pub names: Vec<NameHit>,
    /// Sentences containing the query.
    pub text: TextHits,
}

/// The search box's state.
#[derive(Default)]
pub struct SearchState {
    /// What is typed.
    pub query: String,
    /// When it last changed, while a search is due.
    pub changed: Option<Instant>,
    /// The results of the last search.
    pub results: Option<SearchResults>,
    /// Every name, built on first use for the gazetteer it was built from.
    index: Option<(std::sync::Arc<crate::gazetteer::Gazetteer>, NameIndex)>,
}

impl SearchState {
    /// Notes that the query changed.
    pub fn edited(&mut self) {
        self.changed = Some(Instant::now());
        if self.query.trim().is_empty() {
            self.results = None;
            self.changed = None;
        }
    }

    /// Runs the search if typing paused long enough (or `now` is true); returns how long to wait
    /// otherwise.
    pub fn run_if_due(&mut self, model: &Model, now: bool) -> Option<Duration> {
        let since = self.changed?;
        let wait = PAUSE.saturating_sub(since.elapsed());
        if !now && !wait.is_zero() {
            return Some(wait);
        }
        self.changed = None;
        self.run(model);
        None
    }

    /// Searches names and sentences for the current query.
    pub fn run(&mut self, model: &Model) {
        let query = self.query.trim().to_owned();
        if query.is_empty() {
            self.results = None;
            return;
        }
        // The index belongs to one gazetteer: held with it, so that a new gazetteer (even one
        // allocated where a dropped one was) is never searched with the old index.
        if self
            .index
            .as_ref()
            .is_none_or(|(of, _)| !std::sync::Arc::ptr_eq(of, &model.gazetteer))
        {
            self.index = Some((
                std::sync::Arc::clone(&model.gazetteer),
                NameIndex::new(&model.gazetteer),
            ));
        }
        let names = self
            .index
            .as_ref()
            .map(|(_, index)| index.find(&model.gazetteer, &query, 8))
            .unwrap_or_default();
        let text = find_text(&model.dataset.documents, &query, MAX_SENTENCES);
        self.results = Some(SearchResults { query, names, text });
    }
}
