//! Stage timings: one switch, `SONGNGU_TIMINGS`, for every stage of the build, the search
//! index and the preview. When it is set, each stage prints one line to standard error.
//!
//! [`Stages`] prints a line per stage (wall time, user and system CPU time, page faults);
//! [`StepLine`] puts the steps of a short run on one line (the preview's quick rebuild).
//! With timings off, neither reads a clock or the process's usage.

use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Instant;

/// Whether stage timings were asked for (`SONGNGU_TIMINGS` set in the environment).
pub(crate) fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SONGNGU_TIMINGS").is_some())
}

/// The stages of a run, timed one after the other: [`Stages::lap`] ends a stage and prints
/// its line, when timings are [`enabled`]:
///
/// ```text
///   markdown        116.1 ms  (user  110.3 ms, system    3.8 ms,    837 page faults)
/// ```
pub(crate) struct Stages {
    /// When the current stage began, and the process's usage then; `None` with timings off.
    last: Option<(Instant, ProcessUsage)>,
}

impl Stages {
    /// Starts the first stage at `start` (the process's usage is read now).
    pub(crate) fn start(start: Instant) -> Stages {
        Stages {
            last: enabled().then(|| (start, ProcessUsage::now())),
        }
    }

    /// Ends the stage named `stage`, prints its line, and starts the next one.
    pub(crate) fn lap(&mut self, stage: &str) {
        let Some(last) = &mut self.last else {
            return;
        };
        let now = (Instant::now(), ProcessUsage::now());
        let (wall, used) = (now.0 - last.0, now.1.since(&last.1));
        eprintln!(
            "  {stage:<12} {:>8.1} ms  (user {:>6.1} ms, system {:>6.1} ms, {:>6} page faults)",
            wall.as_secs_f64() * 1e3,
            used.user_ms,
            used.system_ms,
            used.faults
        );
        *last = now;
    }
}

/// The steps of a short run, timed one after the other and printed on one line by
/// [`StepLine::print`], when timings are [`enabled`]:
///
/// ```text
///   quick: check 1.2 ms, pages 3.4 ms (2 pages), print 0.5 ms, search 4.1 ms, finish 0.1 ms
/// ```
pub(crate) struct StepLine {
    /// When the current step began; `None` with timings off.
    last: Option<Instant>,
    /// The line so far.
    text: String,
}

impl StepLine {
    /// Starts the line `label` and its first step at `start`.
    pub(crate) fn start(label: &str, start: Instant) -> StepLine {
        let on = enabled();
        StepLine {
            last: on.then_some(start),
            text: if on {
                format!("  {label}:")
            } else {
                String::new()
            },
        }
    }

    /// Ends the step named `step` and starts the next one.
    pub(crate) fn lap(&mut self, step: &str) {
        self.lap_with(step, format_args!(""));
    }

    /// Ends the step named `step`, written with `detail` after its time (e.g. ` (2 pages)`),
    /// and starts the next one. `detail` is formatted only with timings on.
    pub(crate) fn lap_with(&mut self, step: &str, detail: std::fmt::Arguments<'_>) {
        let Some(last) = &mut self.last else {
            return;
        };
        let now = Instant::now();
        let ms = (now - *last).as_secs_f64() * 1e3;
        let comma = if self.text.ends_with(':') { "" } else { "," };
        let _ = write!(self.text, "{comma} {step} {ms:.1} ms{detail}");
        *last = now;
    }

    /// Prints the line.
    pub(crate) fn print(self) {
        if self.last.is_some() {
            eprintln!("{}", self.text);
        }
    }
}

/// CPU time and page faults of this process so far, for the stage timings: a stage's wall
/// time alone does not say whether it waited, computed or spent its time in the kernel.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ProcessUsage {
    /// User CPU time, in milliseconds.
    pub user_ms: f64,
    /// System CPU time, in milliseconds.
    pub system_ms: f64,
    /// Page faults, minor and major.
    pub faults: i64,
}

impl ProcessUsage {
    /// The usage so far (zero where the system does not say).
    pub(crate) fn now() -> ProcessUsage {
        #[cfg(target_os = "linux")]
        {
            let mut ru = std::mem::MaybeUninit::<libc::rusage>::zeroed();
            // SAFETY: getrusage writes one `rusage` into the buffer it is given.
            if unsafe { libc::getrusage(libc::RUSAGE_SELF, ru.as_mut_ptr()) } == 0 {
                // SAFETY: initialised by the successful call above.
                let ru = unsafe { ru.assume_init() };
                let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
                return ProcessUsage {
                    user_ms: ms(ru.ru_utime),
                    system_ms: ms(ru.ru_stime),
                    faults: ru.ru_minflt + ru.ru_majflt,
                };
            }
        }
        ProcessUsage::default()
    }

    /// The usage between `earlier` and this one.
    pub(crate) fn since(&self, earlier: &ProcessUsage) -> ProcessUsage {
        ProcessUsage {
            user_ms: self.user_ms - earlier.user_ms,
            system_ms: self.system_ms - earlier.system_ms,
            faults: self.faults - earlier.faults,
        }
    }
}
