//! Gutskin core: the diary model, its sync-ready SQLite store, and everything the phone apps
//! and the `gutskin` command share.

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

mod error;

pub use error::{GutskinError, Result};
