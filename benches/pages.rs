//! Article text from web pages, in memory: every `.html` file of a folder read into memory,
//! then each page decoded and read (`corpus::decode` and `corpus::page`, what the reader does
//! per page) on one thread, as the extraction peers are timed in `benches/eval/extraction.py`.
//! Prints the median of five rounds in pages per second.
//! Run with `cargo bench --bench pages -- FOLDER`.

use std::time::{Duration, Instant};

fn main() {
    let Some(folder) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("pages bench: give a folder of .html pages: cargo bench --bench pages -- FOLDER");
        return;
    };
    let mut paths: Vec<_> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
            .collect(),
        Err(e) => {
            eprintln!("pages bench: {folder}: {e}");
            return;
        }
    };
    paths.sort();
    let pages: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut chars = 0usize;
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            chars = 0;
            for page in &pages {
                if let Ok(text) = corridor_atlas::corpus::decode(page.clone()) {
                    chars += corridor_atlas::corpus::page(&text).text.len();
                }
            }
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{} pages, {:.1} MB, {:.1} MB of article text: median {:.3} s, {:.1} pages/s",
        pages.len(),
        bytes as f64 / 1e6,
        chars as f64 / 1e6,
        median.as_secs_f64(),
        pages.len() as f64 / median.as_secs_f64()
    );
}
