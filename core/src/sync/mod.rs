//! Sync across a person's devices (docs/sync.md). The store records, for every synced field, the
//! HLC stamp and device of its last write and a local change position; this module holds the
//! clock, the sync key and its recovery code, the sealed object format, the transports, and the
//! engine behind `Diary::sync`.

mod engine;
pub(crate) mod format;
pub mod hlc;
pub mod key;
#[cfg(feature = "s3")]
pub mod s3;
pub mod transport;

pub use engine::{
    BlobSource, COMPACT_AFTER, ClockSkew, Compaction, PeerStatus, RemoteKeyState, Retirement, SyncOptions, SyncPhase,
    SyncProblem, SyncProgress, SyncReport, SyncStatus,
};
pub use format::SYNC_FORMAT_VERSION;
pub use key::SyncKey;
#[cfg(feature = "s3")]
pub use s3::{S3Config, S3Transport};
pub use transport::{FolderTransport, MemoryTransport, Transport};

pub use crate::error::SyncFailure;

use serde::{Deserialize, Serialize};

/// One synced field's current value and the stamp of its last write, as the change log yields it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Local change position; "every change since position N" yields those with `position > N`.
    pub position: u64,
    pub table: String,
    pub row_id: String,
    pub field: String,
    pub value: serde_json::Value,
    pub stamp: hlc::Stamp,
    pub device_id: String,
}

pub(crate) fn sync_error(reason: SyncFailure, detail: impl Into<String>) -> crate::GutskinError {
    crate::GutskinError::Sync { reason, detail: detail.into() }
}

#[cfg(test)]
mod tests;
