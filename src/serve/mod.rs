//! Live preview server: watcher, HTTP, reload events; see docs/ARCHITECTURE.md.
//!
//! Placeholder until the serve work lands.
