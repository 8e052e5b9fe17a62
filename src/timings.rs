//! Stage timings: one switch, `SONGNGU_TIMINGS`, for every stage of the build, the search
//! index and the preview. When it is set, each stage prints one line to standard error.

use std::sync::OnceLock;

/// Whether stage timings were asked for (`SONGNGU_TIMINGS` set in the environment).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SONGNGU_TIMINGS").is_some())
}
