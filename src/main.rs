//! The `corridor-atlas` command: the window, or a headless `export` of the same analysis.

use std::io::{BufWriter, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use corridor_atlas::corpus::Date;
use corridor_atlas::export;
use corridor_atlas::gazetteer::{AssetError, Gazetteer};
use corridor_atlas::graph::{self, Params, Window};
use corridor_atlas::pipeline::{self, Source};

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
}

#[derive(Parser)]
struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Where two countries count as mentioned together.
    #[arg(long, value_enum, default_value_t = WindowArg::Sentence)]
    window: WindowArg,
    /// Leave out links with fewer co-mentions than this.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_weight: u32,
    /// Only documents dated on or after this day (undated ones are left out).
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<Date>,
    /// Only documents dated on or before this day (undated ones are left out).
    #[arg(long, value_name = "YYYY-MM-DD")]
    to: Option<Date>,
    /// Output file (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Folders and files to analyse (none: the bundled seeds).
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The JSON contract: documents, problems, nodes, links with evidence, corridors.
    Json,
    /// One JSON object per mention, one per line.
    Mentions,
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
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Export(args)) => export_command(&args, cli.gazetteer.as_deref()),
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
    corridor_atlas::app::run(Source::from_paths(paths), gazetteer)
        .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
#[allow(
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
    let source = Source::from_paths(args.paths.clone());
    // The gazetteer compiles while the folders are walked.
    let (gazetteer, listing) = rayon::join(
        || Gazetteer::load(gazetteer_file),
        || pipeline::list(&source),
    );
    let gazetteer = match gazetteer {
        Ok(g) => g,
        Err(e @ AssetError::File { .. }) => {
            eprintln!("corridor-atlas: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e).context("the bundled gazetteer is damaged"),
    };
    let dataset = pipeline::read(
        &source,
        listing,
        &gazetteer,
        &|_| {},
        &AtomicBool::new(false),
    )?;
    for p in &dataset.problems {
        eprintln!("corridor-atlas: skipped {p}");
    }
    if dataset.documents.is_empty() {
        anyhow::bail!(
            "nothing to analyse in {}: no readable article",
            source.label()
        );
    }
    let params = Params {
        window: args.window.into(),
        min_weight: args.min_weight,
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
    let written = match args.format {
        Format::Json => {
            let analysis = graph::build(&gazetteer, &dataset.documents, &dataset.mentions, &params);
            export::write_json(&mut out, &gazetteer, &dataset, &analysis)
        }
        Format::Mentions => {
            export::write_mentions(&mut out, &gazetteer, &dataset, &|d| params.admits(d))
        }
    };
    written
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write {target}"))?;
    Ok(ExitCode::SUCCESS)
}
