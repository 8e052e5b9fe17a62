//! `songngu serve`: build, serve, watch, rebuild and reload.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use songngu::serve::{self, ServeOptions, WatchMode};

/// Arguments of `songngu serve`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    /// The site's root folder (the one containing `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on; when it is taken, the next free one is used. 0 picks any free port.
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on. Anything other than 127.0.0.1 exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Poll the file system instead of using native change notifications
    /// (for network file systems, containers and virtual machines where saves go unnoticed).
    #[arg(long)]
    pub poll: bool,
    /// Print at most this many errors of a failed build (the pages show them all); 0 prints
    /// every one.
    #[arg(long, value_name = "N", default_value_t = songngu::diagnostics::DEFAULT_MAX_ERRORS)]
    pub max_errors: usize,
}

/// Runs `songngu serve`.
pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let bind: IpAddr = match args.bind.as_str() {
        "localhost" => IpAddr::from([127, 0, 0, 1]),
        s => match s.parse() {
            Ok(ip) => ip,
            Err(_) => {
                eprintln!("error: --bind {s}: not an IP address (use 127.0.0.1, ::1 or 0.0.0.0)");
                return super::exit(super::EXIT_USAGE);
            }
        },
    };
    if !args.root.join("content").is_dir() {
        eprintln!(
            "error: {} has no content/ folder; pass the site's root folder with --root",
            args.root.display()
        );
        return super::exit(super::EXIT_USAGE);
    }
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}: anyone who can reach this machine on the network can open the preview"
        );
    }
    let mut config = ServeOptions::new(&args.root);
    config.bind = bind;
    config.port = args.port;
    config.max_errors = args.max_errors;
    if args.poll {
        config.watch = WatchMode::Poll(Duration::from_millis(300));
    }
    println!("Building {} …", args.root.display());
    let root = args.root.clone();
    let drafts = args.drafts;
    let (server, first) =
        match serve::Server::start(config, move || make_source(root.clone(), drafts)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: cannot start the preview: {e}");
                return super::exit(super::EXIT_USAGE);
            }
        };
    for note in server.notes() {
        eprintln!("note: {note}");
    }
    if !first.ok {
        eprintln!(
            "The site does not build yet: open pages show the errors until a save fixes them."
        );
    }
    let url = server.url();
    println!("Serving the preview at {url} (Ctrl-C to stop)");
    if args.open {
        // `opener` finds the desktop's way of opening a URL (xdg-open, open, start).
        if let Err(e) = opener::open_browser(&url) {
            eprintln!("warning: could not open a browser ({e}); open {url} yourself");
        }
    }
    server.wait_for_signal();
    println!("Stopping the preview.");
    server.stop();
    super::exit(super::EXIT_OK)
}

/// The build behind the preview: the same pipeline as `songngu build`, with its caches kept
/// between rebuilds, and the search index updated right after the pages are reloaded.
fn make_source(root: PathBuf, drafts: bool) -> impl serve::SiteSource {
    songngu::build::Builder::new(songngu::build::BuildOptions {
        root,
        drafts,
        preview: true,
    })
}
