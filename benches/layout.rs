//! The network layout on a deterministic 1,000-node, 20,000-link graph, until it settles.
//! Prints the median of several runs. Run with `cargo bench --bench layout`.

use std::time::{Duration, Instant};

use corridor_atlas::layout::ForceLayout;

fn main() {
    let n = 1_000;
    let mut seed: u64 = 7;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m
    };
    // Clustered: most links within one of 20 groups, some across.
    let mut edges = Vec::with_capacity(20_000);
    while edges.len() < 20_000 {
        let a = next(n);
        let b = if next(10) < 8 {
            (a / 50) * 50 + next(50)
        } else {
            next(n)
        };
        if a != b {
            edges.push((a, b, 1.0 + next(5) as f32));
        }
    }
    let start: Vec<[f32; 2]> = (0..n)
        .map(|i| [(i % 40) as f32 * 0.05, (i / 40) as f32 * 0.05])
        .collect();
    let mut times = Vec::new();
    let mut steps = 0;
    let mut settled = false;
    for _ in 0..5 {
        let t = Instant::now();
        let mut layout = ForceLayout::new(start.clone(), &edges);
        layout.settle(2_000);
        times.push(t.elapsed());
        steps = layout.steps;
        settled = layout.settled;
    }
    times.sort();
    let median: Duration = times[times.len() / 2];
    println!(
        "{n} nodes, {} links: settled={settled} after {steps} steps, median {:.0} ms",
        edges.len(),
        median.as_secs_f64() * 1e3
    );
}
