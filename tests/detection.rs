//! Scores country detection against the hand-labelled sentences in `tests/eval/detection.txt`:
//! every mention must be found with its exact span and country (recall), and nothing else
//! (precision). Every miss and every false find is listed.

use corridor_atlas::extract;
use corridor_atlas::gazetteer::{EntityKind, Gazetteer};

/// A labelled sentence: plain text, and the gold `(start, end, ISO3)` mentions in it.
struct Case {
    category: String,
    line: usize,
    text: String,
    gold: Vec<(usize, usize, String)>,
}

fn parse(source: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut category = String::new();
    for (n, line) in source.lines().enumerate() {
        let line = line.trim_end();
        if let Some(c) = line.strip_prefix("## ") {
            c.trim().clone_into(&mut category);
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut text = String::new();
        let mut gold = Vec::new();
        let mut rest = line;
        while let Some(open) = rest.find("[[") {
            text.push_str(&rest[..open]);
            let close = rest[open..]
                .find("]]")
                .map(|c| open + c)
                .expect("balanced [[ ]]");
            let (surface, code) = rest[open + 2..close]
                .split_once('|')
                .expect("[[surface|CODE]]");
            let start = text.len();
            text.push_str(surface);
            gold.push((start, text.len(), code.to_owned()));
            rest = &rest[close + 2..];
        }
        text.push_str(rest);
        cases.push(Case {
            category: category.clone(),
            line: n + 1,
            text,
            gold,
        });
    }
    cases
}

/// Scores one labelled file: precision, recall, sentences, and every failure.
fn score(file: &str) -> (f64, f64, usize, Vec<String>) {
    let path = format!("{}/tests/eval/{file}", env!("CARGO_MANIFEST_DIR"));
    let cases = parse(&std::fs::read_to_string(&path).expect("evaluation set"));
    let gazetteer = Gazetteer::bundled().expect("gazetteer");
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for case in &cases {
        let found: Vec<(usize, usize, String)> = extract::find(&gazetteer, &case.text)
            .into_iter()
            .filter(|f| gazetteer.entity(f.entity).kind == EntityKind::Country)
            .map(|f| (f.start, f.end, gazetteer.entity(f.entity).code.clone()))
            .collect();
        let line = |what: &str, m: &(usize, usize, String)| {
            format!(
                "{what} {file}:{} [{}] “{}” {} in: {}",
                case.line,
                case.category,
                &case.text[m.0..m.1],
                m.2,
                case.text
            )
        };
        for g in &case.gold {
            if found.contains(g) {
                tp += 1;
            } else {
                fn_ += 1;
                report.push(line("MISSED", g));
            }
        }
        for f in &found {
            if !case.gold.contains(f) {
                fp += 1;
                report.push(line("WRONG ", f));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{file}: {} sentences, {} gold mentions",
        cases.len(),
        tp + fn_
    );
    println!(
        "{file}: precision {precision:.4} ({tp} right, {fp} wrong), recall {recall:.4} ({fn_} missed)"
    );
    for r in &report {
        println!("{r}");
    }
    (precision, recall, cases.len(), report)
}

/// The main set: written with the rules in view, covering every one of them.
#[test]
fn detection_precision_and_recall() {
    let (precision, recall, sentences, report) = score("detection.txt");
    assert!(sentences >= 300, "only {sentences} sentences");
    assert!(
        precision >= 0.99 && recall >= 0.97,
        "precision {precision:.4}, recall {recall:.4}:\n{}",
        report.join("\n")
    );
}

/// A second set written apart from the detector, so the rules are not merely fitted to the first.
#[test]
fn detection_on_the_held_out_set() {
    let (precision, recall, _, report) = score("heldout.txt");
    assert!(
        precision >= 0.99 && recall >= 0.97,
        "precision {precision:.4}, recall {recall:.4}:\n{}",
        report.join("\n")
    );
}
