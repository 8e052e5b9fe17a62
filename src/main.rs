//! The `songngu` command.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use songngu::cmd;

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
    /// Create a new two-language site that builds and serves as it is.
    New(cmd::new::NewArgs),
    /// Show which translations are up to date, stale or missing; mark checked ones.
    Translations(cmd::translations::TranslationsArgs),
}

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
        Command::Build(a) => cmd::build::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::New(a) => cmd::new::run(a),
        Command::Translations(a) => cmd::translations::run(a),
    }
}
