//! Rebuilding the graph from extracted mentions when a filter changes, on 100,000 generated
//! articles (or `CORRIDOR_ATLAS_ARTICLES` of them): what a click on window, measure, top-N or
//! the timeline costs. Prints the median of several runs per setting.
//! Run with `cargo bench --bench recompute`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use corridor_atlas::corpus::{Date, Document};
use corridor_atlas::extract::{Mention, extract};
use corridor_atlas::gazetteer::{EntityKind, Gazetteer};
use corridor_atlas::graph::{self, Measure, Params, Window};
use rayon::prelude::*;

const VERBS: [&str; 8] = [
    "signed an agreement with",
    "held talks with",
    "expanded trade with",
    "criticised",
    "opened a rail link to",
    "agreed a gas deal with",
    "hosted a delegation from",
    "discussed transit routes with",
];

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark script: generate the corpus, then time each step in turn and print it"
)]
fn main() {
    let articles: usize = std::env::var("CORRIDOR_ATLAS_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let gazetteer = match Gazetteer::bundled() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("recompute bench: {e}");
            return;
        }
    };
    // The bundled articles first: every filter should cost a small part of a frame.
    let cancel = std::sync::atomic::AtomicBool::new(false);
    if let Ok(seeds) = corridor_atlas::pipeline::load(
        &corridor_atlas::pipeline::Source::Seeds,
        &gazetteer,
        &|_| {},
        &cancel,
    ) {
        for window in Window::ALL {
            let params = Params {
                window,
                ..Params::default()
            };
            let mut times: Vec<Duration> = (0..21)
                .map(|_| {
                    let t = Instant::now();
                    let _ = graph::build(&gazetteer, &seeds.documents, &seeds.mentions, &params);
                    t.elapsed()
                })
                .collect();
            times.sort();
            println!(
                "bundled articles, {:<9} window          median {:>6.3} ms",
                window.as_str(),
                times[times.len() / 2].as_secs_f64() * 1e3
            );
        }
    }
    let names: Vec<&str> = gazetteer
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Country)
        .map(|e| e.name.as_str())
        .collect();
    let t = Instant::now();
    let docs: Vec<Document> = (0..articles)
        .into_par_iter()
        .map(|i| article(i as u64, &names))
        .collect();
    let mentions: Vec<Vec<Mention>> = docs.par_iter().map(|d| extract(&gazetteer, d)).collect();
    let total: usize = mentions.iter().map(Vec::len).sum();
    println!(
        "{articles} articles, {total} mentions (generated and extracted in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    let from: Date = "2025-03-01".parse().unwrap_or(Date {
        year: 2025,
        month: 3,
        day: 1,
    });
    let to: Date = "2025-05-31".parse().unwrap_or(from);
    let settings: [(&str, Params); 6] = [
        ("sentence window, raw count", Params::default()),
        (
            "paragraph window",
            Params {
                window: Window::Paragraph,
                ..Params::default()
            },
        ),
        (
            "article window",
            Params {
                window: Window::Article,
                ..Params::default()
            },
        ),
        (
            "sentence, NPMI, top 5 per country",
            Params {
                measure: Measure::Npmi,
                top_n: 5,
                ..Params::default()
            },
        ),
        (
            "sentence, min weight 5, min mentions 50",
            Params {
                min_weight: 5,
                min_mentions: 50,
                ..Params::default()
            },
        ),
        (
            "sentence, three months (timeline range)",
            Params {
                from: Some(from),
                to: Some(to),
                ..Params::default()
            },
        ),
    ];
    for (label, params) in settings {
        let mut times = Vec::new();
        let mut links = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let analysis = graph::build(&gazetteer, &docs, &mentions, &params);
            times.push(t.elapsed());
            links = analysis.graph.edge_count();
        }
        times.sort();
        let median: Duration = times[times.len() / 2];
        println!(
            "{label:<42} {links:>6} links  median {:>6.1} ms",
            median.as_secs_f64() * 1e3
        );
    }
    // Finding copies (fingerprints and grouping), as a load does once.
    time("duplicate articles (fingerprint + group)", || {
        corridor_atlas::corpus::duplicates(&docs).len()
    });
    let prints: Vec<_> = docs
        .iter()
        .map(corridor_atlas::corpus::fingerprint)
        .collect();
    time("duplicate articles (group only)", || {
        corridor_atlas::corpus::duplicates_of(&prints).len()
    });
    // The search box on the same corpus.
    time("search text \"gas deal\" (sentences)", || {
        corridor_atlas::search::find_text(&docs, "gas deal", 2_000).total
    });
    let index = corridor_atlas::search::NameIndex::new(&gazetteer);
    time("search names \"azerbaidjan\" (typo)", || {
        index.find(&gazetteer, "azerbaidjan", 8).len()
    });
}

/// Times `f` over several runs and prints the median.
fn time(label: &str, mut f: impl FnMut() -> usize) {
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..5 {
        let t = Instant::now();
        found = f();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{label:<42} {found:>6} found  median {:>6.1} ms",
        times[times.len() / 2].as_secs_f64() * 1e3
    );
}

/// A deterministic news-like article: a few paragraphs of sentences naming countries, most often
/// the first ones of `names` (a Zipf-like skew), dated over two years.
fn article(i: u64, names: &[&str]) -> Document {
    let mut seed = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let pick = |next: &mut dyn FnMut(usize) -> usize| {
        // Squaring a uniform draw favours the start of the list.
        let u = next(10_000) as f64 / 10_000.0;
        names[((u * u) * names.len() as f64) as usize % names.len()]
    };
    let day = next(730) as i32;
    let date = Date::from_days(Date::new(2024, 6, 1).map_or(0, Date::days) + day);
    let mut text = String::new();
    if let Some(d) = date {
        let _ = write!(text, " date {d}\n\n");
    }
    for _ in 0..(3 + next(4)) {
        for _ in 0..(2 + next(4)) {
            let a = pick(&mut next);
            match next(4) {
                0 => text.push_str("Officials said talks would continue next week. "),
                1 => {
                    let _ = write!(text, "{a} announced new measures on Monday. ");
                }
                _ => {
                    let b = pick(&mut next);
                    let verb = VERBS[next(VERBS.len())];
                    let _ = write!(text, "{a} {verb} {b} this year. ");
                }
            }
        }
        text.push_str("\n\n");
    }
    let bytes = text.len() as u64;
    Document::from_text(format!("{i:06}.txt"), None, text, bytes)
}
