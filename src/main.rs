//! The `corridor-atlas` command: the window, or a headless `export` of the same analysis.

// A release build on Windows opens no console window beside the app's. (Its `export` and
// `render` then write to a file, `-o`, or a pipe, not to an interactive console.)
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use corridor_atlas::atlas;
use corridor_atlas::corpus::Date;
use corridor_atlas::export;
use corridor_atlas::gazetteer::{AssetError, Former, Gazetteer, Options as GazetteerOptions};
use corridor_atlas::graph::{Measure, Params, Window};
use corridor_atlas::layout::{Layout, Projection};
use corridor_atlas::pipeline::Dataset;
use corridor_atlas::pipeline::{self, Source};
use corridor_atlas::scene::{self, Palette};

/// Turns a folder of news articles into a map of how countries are linked.
#[derive(Parser)]
#[command(
    name = "corridor-atlas",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders and files to open in the window (none: the bundled seeds).
    paths: Vec<PathBuf>,
    /// A JSON file of extra or overriding names and entities (see README, "Your own names").
    #[arg(long, global = true, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Write the analysis to a file or standard output, without a window.
    Export(ExportArgs),
    /// Draw the map or the network to an SVG or PNG file, as the window shows it.
    Render(RenderArgs),
}

#[derive(Parser)]
struct RenderArgs {
    /// Which picture.
    #[arg(long, value_enum, default_value_t = ViewArg::Map)]
    view: ViewArg,
    /// Picture size in pixels, width x height (e.g. 1600x1000), each side 64 to 8192.
    #[arg(long, default_value = "1600x1000", value_parser = Size::parse)]
    size: Size,
    /// Where two countries count as mentioned together.
    #[arg(long, value_enum, default_value_t = WindowArg::Sentence)]
    window: WindowArg,
    /// Output file: .svg or .png.
    #[arg(short = 'o', long = "output", value_name = "FILE", value_parser = Picture::parse)]
    output: Picture,
    /// Folders and files to analyse (none: the bundled seeds).
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ViewArg {
    /// Countries at their places.
    Map,
    /// Countries placed by their links.
    Network,
}

/// `--size`: a picture's width and height in pixels.
#[derive(Clone, Copy, Debug)]
struct Size {
    width: u32,
    height: u32,
}

impl Size {
    const SIDES: std::ops::RangeInclusive<u32> = 64..=8192;

    /// "1600x1000" (or "1600×1000"), each side 64 to 8192 pixels.
    fn parse(s: &str) -> Result<Self, String> {
        let wrong = || "not WIDTHxHEIGHT (e.g. 1600x1000, each side 64 to 8192)".to_owned();
        let (w, h) = s.split_once(['x', 'X', '×']).ok_or_else(wrong)?;
        let side = |v: &str| {
            v.trim()
                .parse::<u32>()
                .ok()
                .filter(|v| Self::SIDES.contains(v))
        };
        match (side(w), side(h)) {
            (Some(width), Some(height)) => Ok(Self { width, height }),
            _ => Err(wrong()),
        }
    }
}

/// `render -o`: where the picture goes, and in which format its extension asks for.
#[derive(Clone, Debug)]
struct Picture {
    path: PathBuf,
    png: bool,
}

impl Picture {
    fn parse(s: &str) -> Result<Self, String> {
        let path = PathBuf::from(s);
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let png = match extension.as_deref() {
            Some("svg") => false,
            Some("png") => true,
            _ => return Err("must end in .svg or .png".to_owned()),
        };
        Ok(Self { path, png })
    }
}

/// `--select`: one code (a country or corridor) or two (a link), as given.
#[derive(Clone, Debug)]
struct Selection(Vec<String>);

impl Selection {
    fn parse(s: &str) -> Result<Self, String> {
        let codes: Vec<String> = s.split(',').map(|c| c.trim().to_owned()).collect();
        if codes.len() > 2 || codes.iter().any(String::is_empty) {
            return Err("takes one code, or two for a link (AZE or AZE,TUR)".to_owned());
        }
        Ok(Self(codes))
    }
}

#[derive(Parser)]
struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Where two countries count as mentioned together.
    #[arg(long, value_enum, default_value_t = WindowArg::Sentence)]
    window: WindowArg,
    /// How links are scored: each link gets a `score` (json) or a score column (csv).
    #[arg(long, value_enum, default_value_t = MeasureArg::Count)]
    measure: MeasureArg,
    /// Leave out links with fewer co-mentions than this.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_weight: u32,
    /// Keep only each country's N best-scored links (0: all).
    #[arg(long = "top", default_value_t = 0, value_name = "N")]
    top_n: u32,
    /// Leave out countries named fewer than N times, with their links.
    #[arg(long, default_value_t = 0, value_name = "N")]
    min_mentions: u32,
    /// Only documents dated on or after this day (undated ones are left out).
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<Date>,
    /// Only documents dated on or before this day (undated ones are left out).
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<Date>,
    /// What --format markdown quotes: a country or corridor (AZE, middle-corridor), or two
    /// countries for their link (AZE,TUR).
    #[arg(long, value_name = "CODE[,CODE]", value_parser = Selection::parse)]
    select: Option<Selection>,
    /// Whether seats of government stand for their country ("the Kremlin" for Russia).
    #[arg(long, value_enum, default_value_t = Switch::On)]
    seats: Switch,
    /// What a state that no longer exists counts as: itself (SUN, YUG, CSK, DDR), or the one
    /// state that continued it (the Soviet Union as Russia, East Germany as Germany; Yugoslavia
    /// and Czechoslovakia have no single heir and stay their own).
    #[arg(long, value_enum, default_value_t = FormerArg::Own)]
    former: FormerArg,
    /// Passages an atlas keeps per link and window kind (--format parquet).
    #[arg(long, default_value_t = 5, value_name = "K")]
    evidence: u32,
    /// Output file (default: standard output); for --format parquet, the atlas's folder.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Folders and files to analyse (none: the bundled seeds), or an atlas (its folder).
    paths: Vec<PathBuf>,
}

/// On or off.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Switch {
    On,
    Off,
}

/// `--former`: a former state as itself or as its heir.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormerArg {
    Own,
    Successor,
}

impl From<FormerArg> for Former {
    fn from(arg: FormerArg) -> Self {
        match arg {
            FormerArg::Own => Self::Own,
            FormerArg::Successor => Self::Successor,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The JSON contract: documents, problems, nodes, links with evidence, corridors.
    Json,
    /// Links as comma-separated values: source, target, weight, score, documents.
    Csv,
    /// One JSON object per mention, one per line.
    Mentions,
    /// The graph as GEXF 1.3 (Gephi): countries at their map places, coloured by community.
    Gexf,
    /// The graph as GraphML (Cytoscape, yEd, igraph, networkx), with map places.
    Graphml,
    /// Countries as comma-separated values: id, name, place, counts, community, betweenness.
    Nodes,
    /// The evidence of --select as Markdown: passages quoted, names in bold, documents cited.
    Markdown,
    /// Each article as read, one JSON object per line: id, title, date, source, and its
    /// paragraphs with whether each is counted and, if not, why.
    Documents,
    /// An atlas in the folder -o names: the counts by day and sampled passages as Parquet
    /// tables, as the Spark job writes them (open it in the window or with `export`, or query
    /// its tables with any Parquet reader).
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
enum MeasureArg {
    /// Windows naming both countries.
    Count,
    /// Co-mentions over what chance would give (1 = chance).
    Association,
    /// Windows naming both over windows naming either.
    Jaccard,
    /// Normalised pointwise mutual information (-1 to 1).
    Npmi,
}

impl From<MeasureArg> for Measure {
    fn from(m: MeasureArg) -> Self {
        match m {
            MeasureArg::Count => Self::Count,
            MeasureArg::Association => Self::Association,
            MeasureArg::Jaccard => Self::Jaccard,
            MeasureArg::Npmi => Self::Npmi,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum WindowArg {
    Sentence,
    Paragraph,
    Article,
}

impl From<WindowArg> for Window {
    fn from(w: WindowArg) -> Self {
        match w {
            WindowArg::Sentence => Self::Sentence,
            WindowArg::Paragraph => Self::Paragraph,
            WindowArg::Article => Self::Article,
        }
    }
}

fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    corridor_atlas::app::mark_launch();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Export(args)) => export_command(&args, cli.gazetteer.as_deref()),
        Some(Command::Render(args)) => render_command(&args, cli.gazetteer.as_deref()),
        None => open_window(cli.paths, cli.gazetteer),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("corridor-atlas: {e:#}");
            ExitCode::from(1)
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(paths: Vec<PathBuf>, gazetteer: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    corridor_atlas::app::run(
        (!paths.is_empty()).then_some(Source::Paths(paths)),
        gazetteer,
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
#[expect(
    clippy::unnecessary_wraps,
    reason = "same signature as the windowed build"
)]
fn open_window(_paths: Vec<PathBuf>, _gazetteer: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    eprintln!(
        "corridor-atlas: this build has no window (built without the `gui` feature); use `corridor-atlas export`"
    );
    Ok(ExitCode::from(2))
}

fn export_command(
    args: &ExportArgs,
    gazetteer_file: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        eprintln!("corridor-atlas: --from {from} is after --to {to}");
        return Ok(ExitCode::from(2));
    }
    let markdown = matches!(args.format, Format::Markdown);
    if markdown != args.select.is_some() {
        eprintln!(
            "corridor-atlas: --format markdown and --select go together: --select AZE (a country or \
             corridor) or --select AZE,TUR (a link)"
        );
        return Ok(ExitCode::from(2));
    }
    let parquet = matches!(args.format, Format::Parquet);
    if parquet && args.output.is_none() {
        eprintln!("corridor-atlas: --format parquet writes a folder: name it with -o DIR");
        return Ok(ExitCode::from(2));
    }
    // The evidence quotes sentences and the documents are written whole: their texts are kept;
    // the other formats need offsets only.
    let texts = if markdown || parquet || matches!(args.format, Format::Documents) {
        pipeline::Texts::Kept
    } else {
        pipeline::Texts::OnDisk
    };
    let options = GazetteerOptions {
        seats: args.seats == Switch::On,
        former: args.former.into(),
    };
    let (gazetteer, dataset) = match read_corpus(&args.paths, gazetteer_file, options, texts)? {
        Ok(read) => read,
        Err(code) => return Ok(code),
    };
    if dataset.atlas.is_some()
        && matches!(
            args.format,
            Format::Mentions | Format::Documents | Format::Parquet
        )
    {
        eprintln!(
            "corridor-atlas: {} is an atlas: it holds counts and sampled passages, not the \
             articles' texts, so --format mentions, documents and parquet need the corpus itself",
            args.paths
                .first()
                .map_or_else(String::new, |p| p.display().to_string())
        );
        return Ok(ExitCode::from(2));
    }
    if parquet {
        return write_atlas(args, &gazetteer, &dataset);
    }
    let mut selection = Vec::new();
    for code in args.select.iter().flat_map(|s| &s.0) {
        let Some(k) = gazetteer.by_code(code) else {
            eprintln!(
                "corridor-atlas: --select: no country or corridor has the code {code:?} \
                 (countries by ISO 3166 alpha-3 code such as AZE; corridors by id such as \
                 middle-corridor)"
            );
            return Ok(ExitCode::from(2));
        };
        selection.push(k);
    }
    let params = Params {
        window: args.window.into(),
        min_weight: args.min_weight,
        measure: args.measure.into(),
        top_n: args.top_n,
        min_mentions: args.min_mentions,
        from: args.from,
        to: args.to,
    };

    let mut sink: Box<dyn std::io::Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, &mut sink);
    let target = args
        .output
        .as_ref()
        .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
    let written = write_export(
        args.format,
        &mut out,
        &gazetteer,
        &dataset,
        &params,
        &selection,
    );
    written
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write {target}"))?;
    Ok(ExitCode::SUCCESS)
}

/// `--format parquet`: the corpus as an atlas in the folder `-o` names.
fn write_atlas(
    args: &ExportArgs,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
) -> anyhow::Result<ExitCode> {
    let dir = args.output.as_deref().unwrap_or(std::path::Path::new("."));
    let inputs = if args.paths.is_empty() {
        vec!["bundled seeds".to_owned()]
    } else {
        args.paths.iter().map(|p| p.display().to_string()).collect()
    };
    let manifest = atlas::write(dir, gazetteer, dataset, args.evidence, inputs)?;
    eprintln!(
        "corridor-atlas: wrote the atlas of {} articles ({} counted) to {}",
        manifest.counts.articles,
        manifest.counts.counted,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `format`: from the reading alone, or from the analysis, built once.
fn write_export(
    format: Format,
    out: &mut impl Write,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
    params: &Params,
    selection: &[corridor_atlas::gazetteer::EntityId],
) -> std::io::Result<()> {
    let analysis = match format {
        Format::Mentions => {
            return export::write_mentions(out, gazetteer, dataset, &|d| params.counts(d));
        }
        Format::Documents => return export::write_documents(out, dataset),
        Format::Json
        | Format::Csv
        | Format::Gexf
        | Format::Graphml
        | Format::Nodes
        | Format::Markdown => dataset.analysis(gazetteer, params),
        // Written before the analysis (export_command).
        Format::Parquet => return Ok(()),
    };
    let places = || Layout::geographic(&analysis, gazetteer, Projection::EqualEarth);
    match format {
        Format::Json => export::write_json(out, gazetteer, dataset, &analysis),
        Format::Csv => export::write_csv(out, gazetteer, &analysis),
        Format::Gexf => export::write_gexf(out, gazetteer, &analysis, &places(), Palette::Standard),
        Format::Graphml => export::write_graphml(out, gazetteer, &analysis, &places()),
        Format::Nodes => export::write_nodes_csv(out, gazetteer, &analysis, &places()),
        Format::Markdown => export::write_selection(out, gazetteer, dataset, &analysis, selection),
        // Written from the reading alone, above.
        Format::Mentions | Format::Documents | Format::Parquet => Ok(()),
    }
}

/// Reads the corpus at `paths` (none: the seeds) with the gazetteer; `Err(code)` for a usage
/// error already reported, an error when nothing can be analysed.
fn read_corpus(
    paths: &[PathBuf],
    gazetteer_file: Option<&std::path::Path>,
    options: GazetteerOptions,
    texts: pipeline::Texts,
) -> anyhow::Result<Result<(Gazetteer, Dataset), ExitCode>> {
    if let Some(root) = atlas::single(paths) {
        let gazetteer = match Gazetteer::load_with(gazetteer_file, options) {
            Ok(g) => g,
            Err(e @ AssetError::File { .. }) => {
                eprintln!("corridor-atlas: {e}");
                return Ok(Err(ExitCode::from(2)));
            }
            Err(e) => return Err(e).context("the bundled gazetteer is damaged"),
        };
        let dataset = atlas::open(&root, &gazetteer)?.into_dataset(&gazetteer);
        report_problems(&dataset);
        if dataset.atlas.as_ref().is_some_and(|a| a.other_names) {
            eprintln!(
                "corridor-atlas: {} was {}",
                root.display(),
                atlas::OTHER_NAMES
            );
        }
        return Ok(Ok((gazetteer, dataset)));
    }
    let source = Source::from_paths(paths.to_vec());
    // The gazetteer compiles while the folders are walked.
    let (gazetteer, listing) = rayon::join(
        || Gazetteer::load_with(gazetteer_file, options),
        || pipeline::list(&source),
    );
    let gazetteer = match gazetteer {
        Ok(g) => g,
        Err(e @ AssetError::File { .. }) => {
            eprintln!("corridor-atlas: {e}");
            return Ok(Err(ExitCode::from(2)));
        }
        Err(e) => return Err(e).context("the bundled gazetteer is damaged"),
    };
    let dataset = pipeline::read(
        &source,
        listing,
        &gazetteer,
        texts,
        &|_| {},
        &AtomicBool::new(false),
    )?;
    report_problems(&dataset);
    for d in &dataset.duplicates {
        let id = |i: u32| {
            dataset
                .documents
                .get(i as usize)
                .map_or("?", |d| d.id.as_str())
        };
        eprintln!(
            "corridor-atlas: {} repeats {}{}; counted once",
            id(d.doc),
            id(d.of),
            if d.exact { "" } else { " (nearly)" }
        );
    }
    if dataset.documents.is_empty() {
        anyhow::bail!(
            "nothing to analyse in {}: {}",
            source.label(),
            dataset.why_nothing()
        );
    }
    Ok(Ok((gazetteer, dataset)))
}

/// Prints what was not read: each problem; files of kinds that are not read up to ten of each
/// extension, then a count; the clutter passed over as a count.
fn report_problems(dataset: &Dataset) {
    const SHOWN: usize = 10;
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in &dataset.problems {
        match p.unsupported() {
            Some(ext) => {
                let n = shown.entry(ext).or_default();
                *n += 1;
                if *n <= SHOWN {
                    eprintln!("corridor-atlas: skipped {p}");
                }
            }
            None => eprintln!("corridor-atlas: skipped {p}"),
        }
    }
    let counts = corridor_atlas::corpus::unsupported_counts(&dataset.problems);
    if !counts.is_empty() {
        let total: usize = counts.iter().map(|c| c.1).sum();
        let more = if counts.iter().any(|c| c.1 > SHOWN) {
            format!(" (the first {SHOWN} of each kind listed)")
        } else {
            String::new()
        };
        eprintln!(
            "corridor-atlas: {total} file{} not read, not a supported format: {}{more}",
            if total == 1 { "" } else { "s" },
            corridor_atlas::corpus::unsupported_summary(&counts)
        );
    }
    if dataset.other_records > 0 {
        eprintln!(
            "corridor-atlas: passed over {} web-archive record{} without a page of article text \
             (requests, metadata, images, redirects)",
            dataset.other_records,
            if dataset.other_records == 1 { "" } else { "s" }
        );
    }
    if dataset.skipped > 0 {
        eprintln!(
            "corridor-atlas: passed over {} hidden file{} and clutter (.DS_Store, Thumbs.db, backups)",
            dataset.skipped,
            if dataset.skipped == 1 { "" } else { "s" }
        );
    }
}

fn render_command(
    args: &RenderArgs,
    gazetteer_file: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let (gazetteer, dataset) = match read_corpus(
        &args.paths,
        gazetteer_file,
        GazetteerOptions::default(),
        pipeline::Texts::OnDisk,
    )? {
        Ok(read) => read,
        Err(code) => return Ok(code),
    };
    let params = Params {
        window: args.window.into(),
        ..Params::default()
    };
    let analysis = dataset.analysis(&gazetteer, &params);
    let projection = Projection::default();
    let basemap = scene::Basemap::bundled(projection, &gazetteer)
        .context("the bundled map outlines are damaged")?;
    let (kind, layout) = match args.view {
        ViewArg::Map => (
            scene::SceneKind::Map,
            Layout::geographic(&analysis, &gazetteer, projection),
        ),
        ViewArg::Network => (
            scene::SceneKind::Network,
            Layout::network(&analysis, &gazetteer, projection),
        ),
    };
    let size = [args.size.width as f32, args.size.height as f32];
    let document = scene::picture(
        &analysis,
        &layout,
        &gazetteer,
        &basemap,
        kind,
        &|_| false,
        &scene::Style::light(),
        scene::Frame::Fit(size),
    );
    let bytes = if args.output.png {
        scene::png(&document, scene::FONT)?
    } else {
        document.into_bytes()
    };
    std::fs::write(&args.output.path, bytes)
        .with_context(|| format!("cannot write {}", args.output.path.display()))?;
    Ok(ExitCode::SUCCESS)
}
