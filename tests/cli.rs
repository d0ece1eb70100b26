//! The headless command line on the bundled seeds and on bad input, as a script would use it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corridor-atlas"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

/// The standard output of a run that must succeed.
fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("valid JSON")
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The text of a seed document, which offsets point into: the file's, or for a story of its own
/// on a page (`file#n`) that story's, as the file's articles give it.
fn seed_text(doc: &str) -> String {
    let file = corridor_atlas::corpus::file_id(doc);
    let text = std::fs::read_to_string(seeds_dir().join(file)).expect("seed");
    if file == doc {
        return text;
    }
    let bytes = text.len() as u64;
    let (docs, _) = corridor_atlas::corpus::articles(file, None, text, bytes);
    docs.into_iter()
        .find(|d| d.id == doc)
        .map(|d| d.text)
        .expect("the story is among the file's articles")
}

fn weight(export: &Value, a: &str, b: &str) -> Option<u64> {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    export["links"]
        .as_array()?
        .iter()
        .find(|l| l["source"] == a && l["target"] == b)
        .and_then(|l| l["weight"].as_u64())
}

#[test]
fn seeds_sentence_window_has_the_expected_links() {
    let export = json(&["export", "--format", "json"]);
    for (a, b) in [
        ("AZE", "TKM"),
        ("AZE", "TUR"),
        ("AZE", "TJK"),
        ("SYR", "TUR"),
        ("RUS", "UKR"),
    ] {
        assert!(
            weight(&export, a, b).is_some_and(|w| w >= 1),
            "{a}–{b} missing"
        );
    }
    for (a, b) in [("AZE", "JPN"), ("AZE", "RUS")] {
        assert_eq!(
            weight(&export, a, b),
            None,
            "{a}–{b} never share a sentence"
        );
    }
}

#[test]
fn article_window_links_countries_that_only_share_an_article() {
    let export = json(&["export", "--window", "article"]);
    assert_eq!(export["window"], "article");
    assert_eq!(weight(&export, "ARM", "TUR"), Some(1));
    assert_eq!(weight(&export, "GEO", "SYR"), Some(1));
    // The briefs on Japan and Russia under the legal notice of the Azerbaijan–Türkiye page are
    // stories of their own: the article window does not link across them.
    assert_eq!(weight(&export, "AZE", "JPN"), None);
    assert_eq!(weight(&export, "AZE", "RUS"), None);
    let sentence = json(&["export"]);
    let paragraph = json(&["export", "--window", "paragraph"]);
    let count = |v: &Value| v["links"].as_array().map_or(0, Vec::len);
    assert!(count(&sentence) <= count(&paragraph) && count(&paragraph) <= count(&export));
}

#[test]
fn json_follows_the_contract() {
    let export = json(&["export"]);
    assert_eq!(export["schema"], 1);
    assert_eq!(export["window"], "sentence");
    let docs = export["documents"].as_array().expect("documents");
    // Five pages; one carries three briefs after its article, documents of their own.
    assert_eq!(docs.len(), 8);
    let first = &docs[0];
    assert_eq!(first["id"], "000_c520c3b6962b579c.txt");
    assert_eq!(first["date"], "2026-01-30");
    assert_eq!(first["bytes"], 2454);
    assert!(
        first["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Azerbaijan and Turkmenistan"))
    );
    assert_eq!(
        docs[2]["title"],
        "Azerbaijan and Türkiye approve 110-point Action Plan to deepen strategic cooperation"
    );
    assert_eq!(docs[2]["date"], Value::Null);
    assert!(export["problems"].as_array().is_some_and(Vec::is_empty));

    let nodes = export["nodes"].as_array().expect("nodes");
    let aze = nodes.iter().find(|n| n["id"] == "AZE").expect("AZE node");
    assert_eq!(aze["name"], "Azerbaijan");
    assert_eq!(aze["kind"], "country");
    assert_eq!(aze["documents"], 5);
    assert!(aze["lon"].as_f64().is_some_and(|x| (x - 47.6).abs() < 1.0));
    assert!(aze["lat"].as_f64().is_some_and(|x| (x - 40.1).abs() < 1.0));

    // Every link: source < target, weight = evidence windows, evidence spans are sentences that
    // name both countries in the file as given.
    for link in export["links"].as_array().expect("links") {
        let (s, t) = (
            link["source"].as_str().expect("source"),
            link["target"].as_str().expect("target"),
        );
        assert!(s < t, "{s} !< {t}");
        let evidence = link["evidence"].as_array().expect("evidence");
        assert_eq!(link["weight"].as_u64(), Some(evidence.len() as u64));
        for ev in evidence {
            let text = seed_text(ev["doc"].as_str().expect("doc"));
            let (a, b) = (
                ev["start"].as_u64().expect("start") as usize,
                ev["end"].as_u64().expect("end") as usize,
            );
            let window = text.get(a..b).expect("span on char boundaries");
            assert!(!window.is_empty() && !window.contains("\n\n"), "{window:?}");
        }
    }
    let middle = export["corridors"]
        .as_array()
        .expect("corridors")
        .iter()
        .find(|c| c["id"] == "middle-corridor");
    let middle = middle.expect("Middle Corridor found");
    assert_eq!(
        middle["route"],
        serde_json::json!(["CHN", "KAZ", "AZE", "GEO", "TUR"])
    );
    assert!(middle["documents"].as_u64().is_some_and(|d| d >= 4));
    let tagged = export["links"].as_array().expect("links").iter().any(|l| {
        l["corridors"]
            .as_array()
            .is_some_and(|c| c.iter().any(|k| k == "middle-corridor"))
    });
    assert!(tagged, "some link is co-mentioned with the Middle Corridor");
}

#[test]
fn mentions_are_json_lines_pointing_at_their_text() {
    let out = run(&["export", "--format", "mentions"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let mut kinds = std::collections::BTreeSet::new();
    let mut n = 0;
    for line in stdout.lines() {
        let m: Value = serde_json::from_str(line).expect("one JSON object per line");
        let text = seed_text(m["doc"].as_str().expect("doc"));
        let (a, b) = (
            m["start"].as_u64().expect("start") as usize,
            m["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(Some(m["text"].as_str().expect("text")), text.get(a..b));
        kinds.insert(m["kind"].as_str().expect("kind").to_owned());
        assert!(m["via"].is_string() && m["entity"].is_string());
        n += 1;
    }
    assert!(n > 100, "{n} mentions");
    assert!(
        kinds.contains("country") && kinds.contains("corridor") && kinds.contains("region"),
        "{kinds:?}"
    );
    let turkmen = stdout
        .lines()
        .find(|l| l.contains("\"text\":\"Turkmen\""))
        .expect("Turkmen is found");
    assert!(turkmen.contains("\"entity\":\"TKM\"") && turkmen.contains("\"via\":\"demonym\""));
}

#[test]
fn no_path_means_the_bundled_seeds() {
    let bundled = run(&["export"]);
    let dir = seeds_dir();
    let explicit = run(&["export", dir.to_str().expect("utf-8 path")]);
    assert!(bundled.status.success() && explicit.status.success());
    assert_eq!(bundled.stdout, explicit.stdout);
}

#[test]
fn writes_to_a_file_with_dash_o() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("atlas.json");
    let status = run(&[
        "export",
        "-o",
        out.to_str().expect("utf-8"),
        "--window",
        "paragraph",
    ]);
    assert!(status.status.success());
    assert!(status.stdout.is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(v["window"], "paragraph");
}

#[test]
fn bad_files_are_reported_and_the_rest_is_analysed() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("good.txt"),
        "Armenia and Georgia signed a deal.",
    )
    .expect("write");
    std::fs::write(dir.path().join("binary.txt"), b"\x00\x01PK\x03\x04").expect("write");
    std::fs::write(dir.path().join("latin1.txt"), b"T\xfcrkiye").expect("write");
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    let out = run(&["export", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success(), "problems do not fail the export");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("binary.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(!stderr.contains("latin1.txt"), "Latin-1 is read: {stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(2));
    assert_eq!(weight(&v, "ARM", "GEO"), Some(1));
    let nodes = v["nodes"].as_array().expect("nodes");
    assert!(
        nodes.iter().any(|n| n["id"] == "TUR"),
        "the Latin-1 Türkiye is found"
    );
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(
        before.len(),
        after.len(),
        "nothing is written into the corpus"
    );
}

#[test]
fn exit_codes() {
    let nothing = run(&["export", "/no/such/folder"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("/no/such/folder"));
    assert_eq!(
        run(&["export", "--window", "chapter"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["export", "--from", "2026-02-30"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["export", "--from", "2026-03-01", "--to", "2026-01-01"])
            .status
            .code(),
        Some(2)
    );
    let unwritable = run(&["export", "-o", "/no/such/dir/out.json"]);
    assert_eq!(unwritable.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unwritable.stderr).contains("/no/such/dir/out.json"));
}

#[test]
fn date_filter_leaves_undated_documents_out() {
    let v = json(&["export", "--from", "2026-01-01", "--to", "2026-12-31"]);
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec!["000_c520c3b6962b579c.txt", "001_0c8e5b5424d9bbd8.txt"]
    );
    assert!(weight(&v, "AZE", "TKM").is_some());
    assert_eq!(
        weight(&v, "AZE", "TUR"),
        None,
        "Türkiye is only in undated articles"
    );
}

/// A gazetteer file with one of each kind of change.
fn custom_gazetteer(dir: &Path) -> PathBuf {
    let path = dir.join("names.json");
    std::fs::write(
        &path,
        r#"{
  "forms": [{"text": "Bakı", "entity": "AZE", "via": "capital"}, {"text": "Caucasus Watch", "entity": "ots"}],
  "remove": ["Tbilisi"],
  "organisations": [{"id": "ots", "name": "Organization of Turkic States", "aliases": ["OTS"],
                     "members": ["AZE", "KAZ", "KGZ", "TUR", "UZB"]}]
}"#,
    )
    .expect("write gazetteer");
    path
}

#[test]
fn a_gazetteer_file_adds_removes_and_defines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = custom_gazetteer(dir.path());
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::write(
        corpus.join("a.txt"),
        "Talks in Bakı and Tbilisi. The OTS met in Astana.",
    )
    .expect("write");
    let out = run(&[
        "export",
        "--format",
        "mentions",
        "--gazetteer",
        names.to_str().expect("utf-8"),
        corpus.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let has = |text: &str, entity: &str, kind: &str| {
        lines
            .iter()
            .any(|m| m["text"] == text && m["entity"] == entity && m["kind"] == kind)
    };
    assert!(has("Bakı", "AZE", "country"), "{lines:?}");
    assert!(has("OTS", "ots", "organisation"), "{lines:?}");
    assert!(has("Astana", "KAZ", "country"), "{lines:?}");
    assert!(
        !lines.iter().any(|m| m["text"] == "Tbilisi"),
        "removed forms never match"
    );
    // Without the file, the bundled names apply.
    let plain = run(&[
        "export",
        "--format",
        "mentions",
        corpus.to_str().expect("utf-8"),
    ]);
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(plain.contains("\"text\":\"Tbilisi\"") && !plain.contains("\"text\":\"OTS\""));
}

#[test]
fn a_bad_gazetteer_file_is_a_usage_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        "{\"forms\": [{\"text\": \"X\", \"entity\": \"NOPE\"}]}",
    )
    .expect("write");
    let out = run(&["export", "--gazetteer", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("NOPE"), "{stderr}");
    let missing = run(&["export", "--gazetteer", "/no/such/names.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/names.json"));
}

fn csv(args: &[&str]) -> Vec<Vec<String>> {
    let out = run(args);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_lists_the_links_of_the_json() {
    let rows = csv(&["export", "--format", "csv"]);
    assert_eq!(
        rows[0],
        ["source", "target", "weight", "score", "documents"]
    );
    let v = json(&["export"]);
    let links = v["links"].as_array().expect("links");
    assert_eq!(rows.len() - 1, links.len());
    for (row, link) in rows[1..].iter().zip(links) {
        assert_eq!(row[0], link["source"].as_str().expect("source"));
        assert_eq!(row[1], link["target"].as_str().expect("target"));
        assert_eq!(row[2], link["weight"].to_string());
        assert_eq!(row[3], row[2], "the raw count scores as the weight");
        assert_eq!(row[4], link["documents"].to_string());
    }
    let paragraph = csv(&["export", "--format", "csv", "--window", "paragraph"]);
    assert!(paragraph.len() > rows.len());
}

#[test]
fn every_measure_adds_a_score_in_its_range() {
    let counted = json(&["export"]);
    assert!(counted.get("measure").is_none());
    assert!(
        counted["links"][0].get("score").is_none(),
        "count adds no score"
    );
    for (measure, low, high) in [
        ("association", 0.0, f64::INFINITY),
        ("jaccard", 0.0, 1.0),
        ("npmi", -1.0, 1.0),
    ] {
        let v = json(&["export", "--measure", measure]);
        assert_eq!(v["measure"], measure);
        let links = v["links"].as_array().expect("links");
        assert_eq!(links.len(), counted["links"].as_array().map_or(0, Vec::len));
        for l in links {
            let score = l["score"].as_f64().expect("a score");
            assert!(score > low && score <= high, "{measure}: {score}");
        }
        let rows = csv(&["export", "--format", "csv", "--measure", measure]);
        let scores: Vec<f64> = rows[1..].iter().filter_map(|r| r[3].parse().ok()).collect();
        assert_eq!(scores.len(), links.len());
    }
    // Raw counts favour Azerbaijan, named everywhere; the normalised measures rank a pair whose
    // countries are rarely named apart above Azerbaijan–Tajikistan, the heaviest link.
    let npmi = json(&["export", "--measure", "npmi"]);
    let score = |a: &str, b: &str| {
        npmi["links"]
            .as_array()
            .and_then(|ls| {
                ls.iter()
                    .find(|l| l["source"] == a && l["target"] == b)
                    .and_then(|l| l["score"].as_f64())
            })
            .expect("link")
    };
    assert!(score("KAZ", "KGZ") > score("AZE", "TJK"));
    assert!(weight(&counted, "KAZ", "KGZ") < weight(&counted, "AZE", "TJK"));
    assert_eq!(run(&["export", "--measure", "pmi"]).status.code(), Some(2));
}

#[test]
fn top_and_min_mentions_thin_the_graph() {
    let all = json(&["export", "--window", "article"]);
    let top = json(&["export", "--window", "article", "--top", "1"]);
    let count = |v: &Value, key: &str| v[key].as_array().map_or(0, Vec::len);
    assert!(count(&top, "links") < count(&all, "links"));
    // Every country with a link keeps one.
    let linked = |v: &Value| {
        let mut ids: Vec<String> = v["links"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|l| [l["source"].to_string(), l["target"].to_string()])
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    assert_eq!(linked(&top), linked(&all));
    let frequent = json(&["export", "--min-mentions", "10"]);
    let nodes = frequent["nodes"].as_array().expect("nodes");
    assert!(!nodes.is_empty() && nodes.len() < count(&all, "nodes"));
    assert!(nodes.iter().all(|n| n["mentions"].as_u64() >= Some(10)));
    for l in frequent["links"].as_array().expect("links") {
        assert!(nodes.iter().any(|n| n["id"] == l["source"]));
        assert!(nodes.iter().any(|n| n["id"] == l["target"]));
    }
    let heavy = json(&["export", "--min-weight", "10"]);
    assert!(
        heavy["links"]
            .as_array()
            .expect("links")
            .iter()
            .all(|l| l["weight"].as_u64() >= Some(10))
    );
    assert_eq!(weight(&heavy, "AZE", "TJK"), Some(21));
}

#[test]
fn to_alone_filters_by_date_and_drops_the_undated() {
    let v = json(&["export", "--to", "2026-01-31", "--format", "json"]);
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(ids, vec!["000_c520c3b6962b579c.txt"]);
    let rows = csv(&["export", "--format", "csv", "--from", "2026-02-01"]);
    assert!(rows.len() > 1);
    assert!(rows[1..].iter().all(|r| !(r[0] == "AZE" && r[1] == "TUR")));
}

#[expect(
    clippy::too_many_lines,
    reason = "one fixture file per format, written and read back in one corpus"
)]
#[test]
fn html_json_lines_json_and_csv_are_read_by_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("write");
    };
    write(
        "page.html",
        r#"<html><head><title>Site | Talks</title>
        <meta property="article:published_time" content="2026-01-30T08:00:00Z"></head>
        <body><nav>France Germany Italy</nav><div class="cookie-consent">Spain cookies</div>
        <article><h1>Armenia and Georgia talk</h1><p>Armenia and Georgia opened a border crossing.</p></article>
        <script>var x = "Japan and Korea";</script></body></html>"#,
    );
    write(
        "feed.jsonl",
        concat!(
            r#"{"title": "Deal", "text": "Chile and Peru signed a deal.", "published": "2026-02-01", "url": "https://example.org/deal"}"#,
            "\n",
            "{oops\n",
            r#"{"body": "Chile and Bolivia met."}"#,
            "\n"
        ),
    );
    write(
        "list.json",
        r#"{"articles": [{"headline": "Ties", "content": "Kenya and Uganda agreed on rail."}]}"#,
    );
    write(
        "export.csv",
        "title,date,text\nTransit,2026-03-05,\"Kazakhstan and Uzbekistan, neighbours, met.\"\nBlank,2026-03-06,\n",
    );
    write("broken.json", "{\"text\": ");
    let out = run(&["export", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "export.csv#1",
            "feed.jsonl#1",
            "feed.jsonl#3",
            "list.json#1",
            "page.html"
        ]
    );
    let doc = |id: &str| docs.iter().find(|d| d["id"] == id).expect("document");
    assert_eq!(doc("page.html")["title"], "Armenia and Georgia talk");
    assert_eq!(doc("page.html")["date"], "2026-01-30");
    assert_eq!(doc("feed.jsonl#1")["title"], "Deal");
    assert_eq!(doc("feed.jsonl#1")["date"], "2026-02-01");
    assert_eq!(doc("feed.jsonl#1")["source"], "https://example.org/deal");
    assert_eq!(doc("list.json#1")["title"], "Ties");
    assert_eq!(doc("export.csv#1")["date"], "2026-03-05");
    assert_eq!(
        weight(&v, "ARM", "GEO"),
        Some(2),
        "the headline and the sentence"
    );
    for (a, b) in [
        ("CHL", "PER"),
        ("BOL", "CHL"),
        ("KEN", "UGA"),
        ("KAZ", "UZB"),
    ] {
        assert_eq!(weight(&v, a, b), Some(1), "{a}–{b}");
    }
    let nodes = v["nodes"].as_array().expect("nodes");
    for hidden in ["FRA", "DEU", "ITA", "ESP", "JPN", "KOR"] {
        assert!(
            nodes.iter().all(|n| n["id"] != hidden),
            "{hidden} came from page furniture"
        );
    }
    let problems: Vec<String> = v["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| format!("{} {}", p["path"], p["reason"]))
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("feed.jsonl") && p.contains("line 2: not valid JSON"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("export.csv") && p.contains("record 2: empty text"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("broken.json") && p.contains("not valid JSON at line 1"))
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("feed.jsonl") && stderr.contains("line 2"),
        "{stderr}"
    );
}

#[test]
fn duplicate_articles_are_counted_once_and_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let story: Vec<String> = (0..60)
        .map(|i| format!("Officials in Armenia and Georgia discussed transit route number {i}."))
        .collect();
    let story = format!("{} ", story.join(" "));
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("write");
    };
    write("a.txt", &story);
    write("b.txt", &story.to_uppercase().replace(". ", ".\n"));
    write("c.txt", &format!("{story}Photo: wire service."));
    write("d.txt", "Chile and Peru met in Lima.");
    write("e.txt", &story);
    let out = run(&["export", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let docs = v["documents"].as_array().expect("documents");
    let dup = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .map(|d| d["duplicate_of"].clone())
            .expect("listed")
    };
    assert_eq!(dup("a.txt"), Value::Null);
    assert_eq!(
        dup("b.txt"),
        "a.txt",
        "the same words in other case and lines"
    );
    assert_eq!(dup("c.txt"), "a.txt", "the same story with a credit line");
    assert_eq!(dup("d.txt"), Value::Null);
    assert_eq!(
        weight(&v, "ARM", "GEO"),
        Some(60),
        "counted once, not once per copy"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.txt repeats a.txt (nearly); counted once"),
        "{stderr}"
    );
    assert!(stderr.contains("c.txt repeats a.txt (nearly)"), "{stderr}");
    assert!(
        stderr.contains("e.txt repeats a.txt; counted once"),
        "{stderr}"
    );
    let mentions = run(&[
        "export",
        "--format",
        "mentions",
        dir.path().to_str().expect("utf-8"),
    ]);
    let text = String::from_utf8_lossy(&mentions.stdout);
    assert!(!text.contains("\"b.txt\"") && !text.contains("\"c.txt\""));
}

/// `xmllint` from libxml2, or `None` (with a note) where it is not installed; CI sets
/// `CORRIDOR_ATLAS_REQUIRE_TOOLS` so a missing one fails there.
fn xmllint() -> Option<Command> {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CORRIDOR_ATLAS_REQUIRE_TOOLS").is_none(),
            "xmllint is required (apt install libxml2-utils)"
        );
        eprintln!("xmllint not installed (apt install libxml2-utils): schema check skipped");
        return None;
    }
    let mut c = Command::new("xmllint");
    c.args(["--noout", "--nonet"]);
    Some(c)
}

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas")
}

/// Validates `document` with `xmllint` and `args` (the schema), failing with its message.
fn assert_valid(mut xmllint: Command, args: &[&std::ffi::OsStr], document: &[u8], what: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("export.xml");
    std::fs::write(&file, document).expect("written");
    let out = xmllint
        .args(args)
        .arg(&file)
        .output()
        .expect("xmllint runs");
    assert!(
        out.status.success(),
        "{what} is not valid: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The value of attribute `name` in every element `<tag …>` of `xml` (a plain scan: the files
/// are ours and regular).
fn attribute_values(xml: &str, tag: &str, name: &str) -> Vec<String> {
    let open = format!("<{tag} ");
    let key = format!(" {name}=\"");
    xml.match_indices(&open)
        .filter_map(|(at, _)| {
            let element = &xml[at..at + xml[at..].find('>')?];
            let start = element.find(&key)? + key.len();
            let end = start + element[start..].find('"')?;
            Some(element[start..end].to_owned())
        })
        .collect()
}

#[test]
fn gexf_export_is_valid_gexf_1_3_with_the_analysis_in_it() {
    let gexf = stdout(&["export", "--format", "gexf"]);
    let analysis = json(&["export", "--format", "json"]);
    // The same countries and links as the JSON export, weights included.
    let mut ids = attribute_values(&gexf, "node", "id");
    let mut expected: Vec<String> = analysis["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    expected.sort();
    assert_eq!(ids, expected);
    let links = analysis["links"].as_array().expect("links");
    let sources = attribute_values(&gexf, "edge", "source");
    let targets = attribute_values(&gexf, "edge", "target");
    let weights = attribute_values(&gexf, "edge", "weight");
    assert_eq!(sources.len(), links.len());
    for (((s, t), w), link) in sources.iter().zip(&targets).zip(&weights).zip(links) {
        assert_eq!(
            (s.as_str(), t.as_str()),
            (
                link["source"].as_str().expect("source"),
                link["target"].as_str().expect("target")
            )
        );
        assert_eq!(w.parse::<f64>().ok(), link["weight"].as_f64());
    }
    // Every node placed, sized and coloured; Azerbaijan east of Türkiye and south of Russia.
    assert_eq!(gexf.matches("<viz:position ").count(), ids.len());
    assert_eq!(gexf.matches("<viz:color ").count(), ids.len());
    let place = |code: &str| {
        let at = gexf.find(&format!("<node id=\"{code}\"")).expect("node");
        let x = attribute_values(&gexf[at..], "viz:position", "x")[0].parse::<f64>();
        let y = attribute_values(&gexf[at..], "viz:position", "y")[0].parse::<f64>();
        (x.expect("x"), y.expect("y"))
    };
    assert!(place("AZE").0 > place("TUR").0);
    assert!(place("AZE").1 < place("RUS").1, "y grows northwards");
    assert!(gexf.contains(r#"<attribute id="community" title="community" type="integer"/>"#));

    let Some(rng) = xmllint() else { return };
    let grammar = schemas().join("gexf-1.3/relaxng/gexf.rng");
    assert_valid(
        rng,
        &["--relaxng".as_ref(), grammar.as_os_str()],
        gexf.as_bytes(),
        "GEXF (RELAX NG)",
    );
    // The published XSD, which expects the viz elements without their namespace.
    let Some(xsd) = xmllint() else { return };
    let schema = schemas().join("gexf-1.3/gexf.xsd");
    let plain = gexf.replace("<viz:", "<");
    assert_valid(
        xsd,
        &["--schema".as_ref(), schema.as_os_str()],
        plain.as_bytes(),
        "GEXF (XSD)",
    );
}

#[test]
fn graphml_export_is_valid_graphml_with_places_and_weights() {
    let graphml = stdout(&["export", "--format", "graphml", "--window", "article"]);
    let analysis = json(&["export", "--format", "json", "--window", "article"]);
    assert_eq!(
        graphml.matches("<node id=").count(),
        analysis["nodes"].as_array().expect("nodes").len()
    );
    assert_eq!(
        graphml.matches("<edge source=").count(),
        analysis["links"].as_array().expect("links").len()
    );
    for key in ["x", "y", "community", "weight", "label"] {
        assert!(
            graphml.contains(&format!(r#"<key id="{key}""#)),
            "key {key}"
        );
    }
    assert!(graphml.contains("<data key=\"label\">Azerbaijan</data>"));
    // y points south, as on screen in Cytoscape and yEd.
    let y = |code: &str| {
        let at = graphml
            .find(&format!("<node id=\"{code}\">"))
            .expect("node");
        let tag = "<data key=\"y\">";
        let from = at + graphml[at..].find(tag).expect("y") + tag.len();
        let to = from + graphml[from..].find('<').expect("end");
        graphml[from..to].parse::<f64>().expect("number")
    };
    assert!(y("RUS") < y("AZE"), "Russia above Azerbaijan");

    let Some(mut xmllint) = xmllint() else { return };
    xmllint.env(
        "XML_CATALOG_FILES",
        schemas().join("graphml-1.0/catalog.xml"),
    );
    let schema = schemas().join("graphml-1.0/graphml.xsd");
    assert_valid(
        xmllint,
        &["--schema".as_ref(), schema.as_os_str()],
        graphml.as_bytes(),
        "GraphML",
    );
}

#[test]
fn nodes_csv_lists_every_country_with_its_place_and_community() {
    let csv = stdout(&["export", "--format", "nodes"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,x,y,lon,lat,mentions,documents,community,weighted_degree,betweenness")
    );
    let analysis = json(&["export", "--format", "json"]);
    let nodes = analysis["nodes"].as_array().expect("nodes");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), nodes.len());
    for (row, node) in rows.iter().zip(nodes) {
        assert_eq!(row.len(), 11);
        assert_eq!(row[0], node["id"].as_str().expect("id"));
        assert_eq!(row[6].parse::<u64>().ok(), node["mentions"].as_u64());
        assert_eq!(row[4].parse::<f64>().ok(), node["lon"].as_f64());
    }
}

#[test]
fn markdown_quotes_the_evidence_of_a_selection_with_citations() {
    let md = stdout(&["export", "--format", "markdown", "--select", "AZE,TUR"]);
    assert!(md.starts_with("# Azerbaijan — Türkiye\n"), "{md}");
    let analysis = json(&["export", "--format", "json"]);
    let link = analysis["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["source"] == "AZE" && l["target"] == "TUR")
        .expect("the link");
    let weight = link["weight"].as_u64().expect("weight");
    let documents = link["documents"].as_u64().expect("documents");
    assert!(
        md.contains(&format!(
            "{weight} sentence windows in {documents} documents"
        )),
        "{md}"
    );
    // Each document cited once, with its file; every quote has a name in bold.
    let notes: Vec<&str> = md.lines().filter(|l| l.starts_with("[^")).collect();
    assert_eq!(notes.len() as u64, documents);
    assert!(notes.iter().all(|n| n.contains(".txt")), "{notes:?}");
    let quotes: Vec<&str> = md.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| q.contains("**")), "{quotes:?}");

    // One country: every document naming it.
    let md = stdout(&["export", "--format", "markdown", "--select", "GEO"]);
    let node = analysis["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["id"] == "GEO")
        .expect("Georgia");
    assert!(md.contains(&format!(
        "Named {} times in {} documents",
        node["mentions"], node["documents"]
    )));
    assert!(md.contains("**Georgia**"), "{md}");

    // Asked wrongly: a usage error saying what to give.
    for args in [
        &["export", "--format", "markdown"][..],
        &["export", "--format", "markdown", "--select", "ATLANTIS"],
        &["export", "--format", "json", "--select", "AZE"],
        &["export", "--format", "markdown", "--select", "AZE,TUR,GEO"],
        &["export", "--format", "markdown", "--select", "AZE,"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--select"));
    }
}

#[test]
fn seats_of_government_are_mentions_unless_switched_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "The Kremlin said it would reply to Azerbaijan on Monday.\n",
    )
    .expect("write");
    let path = dir.path().to_str().expect("utf-8 path");
    let on = stdout(&["export", "--format", "mentions", path]);
    let kremlin: Value = on
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json line"))
        .find(|m| m["text"] == "Kremlin")
        .expect("the Kremlin is found");
    assert_eq!(kremlin["entity"], "RUS");
    assert_eq!(kremlin["via"], "seat");
    assert_eq!(weight(&json(&["export", path]), "AZE", "RUS"), Some(1));
    let off = stdout(&["export", "--format", "mentions", "--seats", "off", path]);
    assert!(!off.contains("Kremlin"), "{off}");
    assert_eq!(
        weight(&json(&["export", "--seats", "off", path]), "AZE", "RUS"),
        None
    );
}

#[test]
fn former_states_are_their_own_countries_or_merge_into_their_heirs() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Azerbaijan declared independence from the Soviet Union. Croatia left Yugoslavia, \
         and Slovakia left Czechoslovakia. East Germany joined West Germany.\n",
    )
    .expect("write");
    let path = dir.path().to_str().expect("utf-8 path");
    let own = json(&["export", "--window", "article", path]);
    assert_eq!(weight(&own, "AZE", "SUN"), Some(1));
    assert_eq!(
        weight(&own, "DDR", "DEU"),
        Some(1),
        "West Germany is Germany"
    );
    assert_eq!(weight(&own, "AZE", "RUS"), None);
    let merged = json(&[
        "export",
        "--window",
        "article",
        "--former",
        "successor",
        path,
    ]);
    assert_eq!(weight(&merged, "AZE", "RUS"), Some(1));
    assert_eq!(weight(&merged, "AZE", "SUN"), None);
    // No single heir: Yugoslavia and Czechoslovakia stay their own.
    assert_eq!(weight(&merged, "HRV", "YUG"), Some(1));
    assert_eq!(weight(&merged, "CSK", "SVK"), Some(1));
    // East and West Germany are both Germany: no link of a country with itself.
    assert_eq!(weight(&merged, "DDR", "DEU"), None);
    let mentions = stdout(&[
        "export",
        "--format",
        "mentions",
        "--former",
        "successor",
        path,
    ]);
    let soviet: Value = mentions
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json line"))
        .find(|m| m["text"] == "Soviet Union")
        .expect("found");
    assert_eq!(
        (soviet["entity"].as_str(), soviet["via"].as_str()),
        (Some("RUS"), Some("former"))
    );
}

#[test]
fn names_that_hold_for_a_time_apply_to_articles_of_that_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    std::fs::write(
        corpus.join("old.txt"),
        "Date: 2001-05-01\n\nErdoğan met a delegation from Azerbaijan in Ankara's suburbs.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.join("new.txt"),
        "Date: 2019-05-01\n\nErdoğan welcomed the trade minister of Azerbaijan on Monday.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.join("undated.txt"),
        "Erdoğan spoke about Azerbaijan at length to the visiting reporters.\n",
    )
    .expect("write");
    let names = dir.path().join("names.json");
    std::fs::write(
        &names,
        r#"{"forms": [{"text": "Erdoğan", "entity": "TUR", "from": "2003-03-14"}]}"#,
    )
    .expect("write");
    let names = names.to_str().expect("utf-8 path");
    let path = corpus.to_str().expect("utf-8 path");
    let out = stdout(&["export", "--format", "mentions", "--gazetteer", names, path]);
    let docs: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json line"))
        .filter(|m| m["text"] == "Erdoğan")
        .map(|m| m["doc"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(docs, ["new.txt"], "only the article dated after 2003-03-14");
    // A date that is none is refused with the file and the reason.
    std::fs::write(
        dir.path().join("bad.json"),
        r#"{"forms": [{"text": "Erdoğan", "entity": "TUR", "to": "2003-13-14"}]}"#,
    )
    .expect("write");
    let bad = dir.path().join("bad.json");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_corridor-atlas"))
        .args(["export", "--gazetteer", bad.to_str().expect("utf-8"), path])
        .output()
        .expect("run");
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("bad.json") && err.contains("2003-13-14"),
        "{err}"
    );
}

#[test]
fn documents_export_shows_each_article_as_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "date 2026-01-30\n\nAzerbaijan and Georgia signed the transit accord in Baku.\n\n\
         Photo: Reuters\n",
    )
    .expect("write");
    let path = dir.path().to_str().expect("utf-8 path");
    let out = stdout(&["export", "--format", "documents", path]);
    let docs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["id"], "a.txt");
    assert_eq!(doc["date"], "2026-01-30");
    let paragraphs = doc["paragraphs"].as_array().expect("paragraphs");
    let find = |start: &str| {
        paragraphs
            .iter()
            .find(|p| p["text"].as_str().is_some_and(|t| t.starts_with(start)))
            .unwrap_or_else(|| panic!("{start} in {paragraphs:?}"))
    };
    assert!(
        !paragraphs.iter().any(|p| p["text"] == "date 2026-01-30"),
        "the metadata header is no paragraph"
    );
    assert_eq!(find("Azerbaijan and Georgia")["counted"], true);
    assert_eq!(find("Photo:")["counted"], false);
    assert_eq!(find("Photo:")["why"], "boilerplate");
}

#[test]
fn documents_export_lists_what_a_web_page_left_out_and_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let para = "Chile and Peru agreed on a new rail link across the Atacama, officials said \
                after two days of talks, and set out a timetable for the first trains.";
    std::fs::write(
        dir.path().join("page.html"),
        format!(
            "<html><head><link rel=\"canonical\" href=\"https://news.example/rail\"></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/fr\">France</a></nav><article>\
             <h1>Rail link</h1><p>{para}</p><p>{para}</p><p>{para}</p>\
             <h3>Read more</h3><ul><li><a href=\"/a\">Japan wins</a></li>\
             <li><a href=\"/b\">Rain in Spain</a></li><li><a href=\"/c\">Kenya votes</a></li></ul>\
             </article></body></html>"
        ),
    )
    .expect("write");
    let path = dir.path().to_str().expect("utf-8 path");
    let out = stdout(&["export", "--format", "documents", path]);
    let doc: Value = serde_json::from_str(out.lines().next().expect("a line")).expect("json");
    assert_eq!(doc["url"], "https://news.example/rail");
    let paragraphs = doc["paragraphs"].as_array().expect("paragraphs");
    let texts: Vec<(&str, bool, &str)> = paragraphs
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap_or(""),
                p["counted"].as_bool().unwrap_or(true),
                p["why"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // In reading order: the menu, the headline, the story, the heading and its list.
    assert_eq!(texts[0], ("Home France", false, "furniture (navigation)"));
    assert_eq!(texts[1], ("Rail link", true, ""));
    assert!(texts[2].0.starts_with("Chile and Peru") && texts[2].1);
    assert_eq!(
        texts[5],
        ("Read more", false, "heading of a left-out block")
    );
    assert_eq!(texts[6], ("Japan wins", false, "links"));
    assert_eq!(texts[8], ("Kenya votes", false, "links"));
    assert_eq!(texts.len(), 9, "{texts:?}");
    // Not counted: no country of the menu or the list is in the analysis.
    let json = stdout(&["export", "--format", "json", path]);
    let analysis: Value = serde_json::from_str(&json).expect("json");
    let nodes = analysis["nodes"].as_array().expect("nodes");
    let ids: Vec<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    assert!(ids.contains(&"CHL") && ids.contains(&"PER"), "{ids:?}");
    for other in ["FRA", "JPN", "ESP", "KEN"] {
        assert!(!ids.contains(&other), "{other} in {ids:?}");
    }
}
