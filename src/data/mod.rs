//! Data tables (TOML under `content/data/`): loading, validation, rendering, CSV/JSON, charts.
//!
//! Placeholder until the data-tables work lands; see docs/ARCHITECTURE.md for the contract.
