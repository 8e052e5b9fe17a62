//! The command line: one module per subcommand.

pub(crate) mod build;
pub(crate) mod new;
pub(crate) mod serve;
pub(crate) mod translations;

use std::process::ExitCode;

/// Exit code for success.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when the content has errors (or `translations --strict` finds work to do).
pub(crate) const EXIT_CONTENT: u8 = 1;
/// Exit code for a usage error: bad arguments, a missing folder, an I/O failure.
pub(crate) const EXIT_USAGE: u8 = 2;

/// Turns one of the exit codes above into an [`ExitCode`].
pub(crate) fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

/// Checks that `root` looks like a site (has `content/site.toml`); on failure prints a
/// message with a hint and returns the usage exit code.
pub(crate) fn check_root(root: &std::path::Path) -> Option<ExitCode> {
    if !root.is_dir() {
        eprintln!(
            "error: the site folder {} does not exist\n  hint: pass the folder holding content/ with --root, or create a site with `songngu new DIR`",
            root.display()
        );
        return Some(exit(EXIT_USAGE));
    }
    if !root.join("content").join("site.toml").is_file() {
        eprintln!(
            "error: {} has no content/site.toml, so it is not a songngu site\n  hint: run the command from the site's root folder, pass --root DIR, or create a site with `songngu new DIR`",
            root.display()
        );
        return Some(exit(EXIT_USAGE));
    }
    None
}
