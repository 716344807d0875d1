//! Sync across a person's devices. The store records, for every synced field, the HLC stamp and
//! device of its last write and a local change position; this module holds the clock and the
//! change records that a sync transport will carry.

pub mod hlc;

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
