//! `songngu build`: build the site into a folder, atomically.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use songngu::build::{BuildOptions, Builder};
use songngu::output::Staging;

/// Arguments of `songngu build`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct BuildArgs {
    /// The site's root folder (the one containing `content/`).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site. Replaced as a whole, and only when the build succeeds.
    /// A relative path is taken from the site root.
    #[arg(long, short, default_value = "public")]
    pub out: PathBuf,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Show at most this many errors (the count at the end covers them all); 0 shows
    /// every one.
    #[arg(long, value_name = "N", default_value_t = songngu::diagnostics::DEFAULT_MAX_ERRORS)]
    pub max_errors: usize,
}

/// Runs `songngu build`.
pub(crate) fn run(args: BuildArgs) -> ExitCode {
    if let Some(code) = super::check_root(&args.root) {
        return code;
    }
    let out = if args.out.is_absolute() {
        args.out.clone()
    } else {
        args.root.join(&args.out)
    };
    let color = std::io::stderr().is_terminal();
    let cannot_write = |e: std::io::Error| {
        eprintln!(
            "error: cannot write the site to {}: {e}\n  hint: check that the folder's parent exists and is writable; the previous output was left as it was",
            out.display()
        );
        super::exit(super::EXIT_USAGE)
    };
    // Files are written into a fresh folder beside the output as they are made, and that
    // folder replaces the output only if the whole build succeeds (dropped otherwise).
    let staging = match Staging::beside(&out) {
        Ok(s) => s,
        Err(e) => return cannot_write(e),
    };
    let mut builder = Builder::new(BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        preview: false,
    });
    builder.stream_into(staging.path().to_path_buf());
    let result = builder.build();
    // The process ends right after: freeing the builder's tables one by one would only
    // cost time.
    std::mem::forget(builder);
    match result {
        Ok(built) => {
            if !built.warnings.is_empty() {
                eprint!("{}", built.warnings.render(color));
            }
            if let Err(e) = built.output.finish().and_then(|()| staging.commit()) {
                return cannot_write(e);
            }
            println!("{} -> {}", built.stats.summary(), out.display());
            super::exit(super::EXIT_OK)
        }
        Err(diags) => {
            eprint!("{}", diags.render_limited(color, args.max_errors));
            eprintln!(
                "error: the build failed with {}; {} was left as it was",
                diags.failure_summary(),
                out.display()
            );
            super::exit(super::EXIT_CONTENT)
        }
    }
}
