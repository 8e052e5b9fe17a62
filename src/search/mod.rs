//! Search index built at build time, per language, sharded; see docs/ARCHITECTURE.md.
//!
//! Placeholder until the search work lands.
