//! Corridor Atlas turns a folder of news articles into a map of how countries are linked.
//!
//! The data flows one way, one module per step:
//!
//! 1. [`corpus`] reads sources (folders, files or the bundled seeds) into documents with their
//!    metadata, paragraphs and sentences; a file that cannot be used becomes a [`corpus::Problem`].
//! 2. [`gazetteer`] compiles every surface form of every country, region and corridor into one
//!    matcher, and [`extract`] finds the [`extract::Mention`]s in each document, in parallel.
//! 3. [`graph`] turns mentions into the co-mention graph for a chosen window, keeping the evidence
//!    of every link; changing a parameter rebuilds it from the stored mentions.
//! 4. [`layout`] places the nodes, [`scene`] turns the analysis into plain shapes, and [`export`]
//!    writes the analysis (JSON, mentions) for scripts.
//!
//! [`search`] finds entities by any of their names and sentences by a phrase, for the search box.
//!
//! [`pipeline`] wires steps 1–2 together for the command line and the window alike. The window
//! itself lives in `app` (feature `gui`); nothing else here knows about egui.

pub mod atlas;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod graph;
pub mod layout;
pub mod pipeline;
pub mod scan;
pub mod scene;
pub mod search;

#[cfg(feature = "gui")]
pub mod app;
