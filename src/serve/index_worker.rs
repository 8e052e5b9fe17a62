//! The indexing thread: builds the search index a build deferred until after the reload, and
//! patches it into the served output.

use std::sync::Arc;

use super::state::Shared;
use super::SiteSource;

/// The thread that builds deferred search indexes after a reload, one job at a time, and
/// patches them into the served output.
pub(super) struct IndexWorker {
    jobs: std::sync::mpsc::Sender<crate::build::DeferredSearch>,
    done: std::sync::mpsc::Receiver<crate::build::SearchUpdate>,
}

impl IndexWorker {
    /// Starts the thread, which patches what it builds into `shared`'s output.
    pub(super) fn start(shared: Arc<Shared>) -> IndexWorker {
        let (jobs, job_rx) = std::sync::mpsc::channel::<crate::build::DeferredSearch>();
        let (done_tx, done) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("songngu-index".into())
            .spawn(move || {
                // Ends when the rebuild loop (holding the sender) ends.
                while let Ok(job) = job_rx.recv() {
                    let Ok(update) =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()))
                    else {
                        eprintln!("warning: building the search index failed; the previous index stays served");
                        continue;
                    };
                    shared.patch(|output| update.apply_to(output));
                    if done_tx.send(update).is_err() {
                        break;
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start the indexing thread ({e}); search indexes will not update until a restart");
        }
        IndexWorker { jobs, done }
    }

    /// Queues a job.
    pub(super) fn send(&self, job: crate::build::DeferredSearch) {
        let _ = self.jobs.send(job);
    }

    /// Hands the indexes finished since the last call to `source`, so that it does not
    /// redo them.
    pub(super) fn drain_into<S: SiteSource>(&self, source: &mut S) {
        while let Ok(update) = self.done.try_recv() {
            source.accept_deferred(&update);
        }
    }
}
