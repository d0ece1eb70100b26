//! Start-up timings: `CORRIDOR_ATLAS_TIMING=1` prints when the first frame was drawn, when the
//! first articles were on screen and when the corpus was read (`benches/startup.py` reads them).

/// When the process started, for the start-up timings.
static LAUNCHED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Notes the moment of launch: `CORRIDOR_ATLAS_TIMING=1` then prints on stderr when the first
/// frame was drawn, when the first articles were on screen and when the corpus was read, in
/// seconds since launch (`benches/startup.py` reads them).
pub fn mark_launch() {
    LAUNCHED.get_or_init(std::time::Instant::now);
}

/// Prints one start-up timing, if asked for.
pub(super) fn timing(event: &str) {
    if std::env::var_os("CORRIDOR_ATLAS_TIMING").is_some() {
        let since = LAUNCHED.get_or_init(std::time::Instant::now).elapsed();
        eprintln!("timing: {event} at {:.3} s", since.as_secs_f64());
    }
}

/// Which start-up timings have been printed.
#[derive(Default)]
pub(super) struct Timed {
    pub(super) frame: bool,
    pub(super) articles: bool,
}
