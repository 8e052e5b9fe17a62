//! The `songngu` command.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

// Building a site allocates many small strings; mimalloc handles that faster than the
// system allocator, especially across rayon's threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// songngu builds bilingual documentation sites from Markdown chapters and TOML data tables.
#[derive(Debug, Parser)]
#[command(name = "songngu", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into a folder (public/ by default).
    Build(cmd::build::BuildArgs),
    /// Build, serve on localhost, and rebuild and reload the browser on every save.
    Serve(cmd::serve::ServeArgs),
    /// Create a new site (a report or documentation, in the languages asked for).
    New(cmd::new::NewArgs),
    /// Show which translations are up to date, stale or missing; mark checked ones.
    Translations(cmd::translations::TranslationsArgs),
}

extern "C" {
    /// mimalloc's `mi_option_set` (linked in with the allocator).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in `mimalloc.h` (version 3, as built by the `libmimalloc-sys`
/// version that Cargo.lock pins): how many milliseconds freed memory waits before it is
/// given back to the system.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages, which the kernel must zero 2 MB at a time:
    // measured here, that cost more system time than the build's own work. Opt out.
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag on this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => cmd::exit(cmd::EXIT_USAGE),
            };
        }
    };
    match cli.command {
        Command::Build(a) => {
            // A one-shot build frees large buffers stage after stage (rendered pages,
            // print.html, counting tables); mimalloc keeps freed memory for a second by
            // default. Giving it back after 100 ms lowers the peak at no measurable time cost
            // (a shorter delay lowers it more but costs time; figures in docs/BENCHMARKS.md).
            // `MIMALLOC_PURGE_DELAY` in the environment still wins. The preview keeps the
            // default: it reuses its memory from save to save.
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                // SAFETY: sets an allocator option; valid at any time, from any thread.
                unsafe {
                    mi_option_set(MI_OPTION_PURGE_DELAY, 100);
                }
            }
            cmd::build::run(a)
        }
        Command::Serve(a) => cmd::serve::run(a),
        Command::New(a) => cmd::new::run(a),
        Command::Translations(a) => cmd::translations::run(a),
    }
}
