//! The window on an atlas: the counts of the corpus it was made from, its passages as evidence,
//! and plain words on what an atlas does not hold.

use corridor_atlas::app::Command;
use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::pipeline::{Source, load};
use corridor_atlas::scene::Pick;
use egui_kittest::kittest::Queryable as _;

use crate::harness::{containing, entity, harness, harness_on, starting_with};

#[test]
fn an_atlas_opens_with_the_counts_of_its_corpus_and_its_passages_as_evidence() {
    let g = Gazetteer::bundled().expect("gazetteer");
    let data = load(
        &Source::Seeds,
        &g,
        &|_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("seeds");
    let dir = tempfile::tempdir().expect("temp dir");
    let atlas = dir.path().join("seeds-atlas");
    corridor_atlas::atlas::write(&atlas, &g, &data, 2, vec!["seeds".into()]).expect("written");

    let seeds = harness();
    let mut h = harness_on(Source::Paths(vec![atlas]));
    let (model, on_seeds) = (
        h.state().model.as_ref().expect("the atlas opens"),
        seeds.state().model.as_ref().expect("the seeds open"),
    );
    assert!(model.dataset.atlas.is_some());
    assert_eq!(
        model.analysis.graph.node_count(),
        on_seeds.analysis.graph.node_count()
    );
    assert_eq!(
        model.analysis.graph.edge_count(),
        on_seeds.analysis.graph.edge_count()
    );
    starting_with(&h, "atlas of 8 articles (");
    containing(&h, "An atlas holds counts and sampled passages");

    // A link: its weights under every window are the corpus's, its evidence the passages.
    let (aze, tur) = (entity(&h, "AZE"), entity(&h, "TUR"));
    let want = corridor_atlas::graph::pair_weights(
        &data.documents,
        &data.mentions,
        &corridor_atlas::graph::Params::default(),
        aze,
        tur,
    );
    h.state_mut()
        .apply(Command::Select(Some(Pick::link(aze, tur))));
    h.run();
    h.get_by_label("Evidence");
    h.get_by_label(&format!("sentence {}", want[0]));
    h.get_by_label(&format!("article {}", want[2]));
    let rows = &h.state().model.as_ref().expect("model").analysis;
    let link = rows.link(aze, tur).expect("the link");
    assert_eq!(link.weight, want[0]);
    assert!(
        !link.evidence.is_empty() && link.evidence.len() <= 2,
        "{link:?}"
    );

    // The reader shows a passage and says so.
    let doc = link.evidence[0].doc;
    h.state_mut().apply(Command::OpenReader {
        doc,
        sentence: None,
    });
    h.run();
    containing(&h, "A passage sampled in the atlas");

    // Another window is a sum over the same counts.
    h.state_mut()
        .apply(Command::SetWindow(corridor_atlas::graph::Window::Article));
    h.run();
    let on_atlas = h.state().model.as_ref().expect("model");
    let weight = on_atlas.analysis.link(aze, tur).expect("the link").weight;
    assert_eq!(weight, want[2], "articles naming both");
}
