//! `songngu serve`: build, serve, watch, rebuild and reload.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `songngu serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The site's root folder (the one containing `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on.
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on. Anything other than 127.0.0.1 exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Runs `songngu serve`.
pub fn run(_args: ServeArgs) -> ExitCode {
    eprintln!("songngu serve: not available yet; use `songngu build`");
    super::exit(super::EXIT_USAGE)
}
