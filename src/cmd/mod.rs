//! The command line: one module per subcommand.

pub mod build;
pub mod new;
pub mod serve;
pub mod translations;

use std::process::ExitCode;

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code when the content has errors (or `translations --strict` finds work to do).
pub const EXIT_CONTENT: u8 = 1;
/// Exit code for a usage error: bad arguments, a missing folder, an I/O failure.
pub const EXIT_USAGE: u8 = 2;

/// Turns one of the exit codes above into an [`ExitCode`].
pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
