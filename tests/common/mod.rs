//! Shared helpers for integration tests.
//!
//! [`browser`] drives the installed headless Chromium through chromedriver and serves
//! directories over http:// from 127.0.0.1.

#![allow(dead_code)]

pub mod browser;
