//! Entry points for the fuzz targets in `fuzz/` (cargo feature `fuzzing`; not part of the API).
//!
//! The parsers of outside data that are public (JSON Lines import, image sniffing, label
//! suggestions, recovery codes) are fuzzed through the API itself. These reach the ones that are
//! not: sync objects and their payloads, and backup files. A fixed key seals what the fuzzer
//! writes, so its inputs get past the authentication into the code behind it, as a peer device or
//! a backup made with the key would.

use uuid::Uuid;

use crate::error::Result;
use crate::privacy::{BackupInfo, BackupSecret, backup};
use crate::sync::format::{self, Header, Keys, Kind, Payload, Retirements};
use crate::sync::{MemoryTransport, SyncKey, SyncOptions, SyncReport, Transport};
use crate::{Diary, SCHEMA_VERSION};

/// The key every target seals and opens with.
pub const KEY: [u8; 32] = [7; 32];

fn keys() -> Keys {
    Keys::new(&SyncKey::from_bytes(&KEY).expect("32 bytes"))
}

/// Reads a sync object's clear header, then opens it under [`KEY`] and decodes what it carries,
/// as its kind says (a photo file carries the image bytes, not decoded here).
pub fn open_sync_object(bytes: &[u8]) -> Result<()> {
    format::header(bytes)?;
    let (header, plain) = format::open(&keys(), bytes)?;
    match header.kind {
        Kind::Retirements => Retirements::decode(&plain).map(|_| ()),
        Kind::Blob => Ok(()),
        Kind::Changeset | Kind::Snapshot | Kind::Progress => Payload::decode(&plain).map(|_| ()),
    }
}

/// Decodes a retirements list (the devices another device retired from compaction).
pub fn decode_retirements(bytes: &[u8]) -> Result<()> {
    Retirements::decode(bytes).map(|_| ())
}

/// What a sync object sealed under [`KEY`] carries (for the seed inputs of the targets).
pub fn sync_object_plaintext(bytes: &[u8]) -> Result<Vec<u8>> {
    format::open(&keys(), bytes).map(|(_, plain)| plain)
}

/// Decodes a payload. One that decodes must encode to bytes that decode to the same payload.
pub fn decode_payload(bytes: &[u8]) -> Result<()> {
    let payload = Payload::decode(bytes)?;
    let encoded = payload.encode();
    let again = Payload::decode(&encoded).expect("an encoded payload decodes");
    // Bytes, not values: a REAL NaN is not equal to itself.
    assert_eq!(again.encode(), encoded, "a payload changed on its way through encode and decode");
    Ok(())
}

/// Seals `plain` as changeset `seq` of `device` under [`KEY`], as a peer would publish it.
pub fn seal_changeset(device: Uuid, seq: u64, plain: &[u8]) -> Vec<u8> {
    format::seal(&keys(), Header { kind: Kind::Changeset, device, seq }, plain).expect("sealing in memory")
}

/// Syncs `diary` with a store that holds one changeset of `device` carrying `plain`: the merge
/// of whatever a peer with the key could publish.
pub fn sync_with_changeset(diary: &Diary, device: Uuid, plain: &[u8]) -> Result<SyncReport> {
    let store = MemoryTransport::new();
    store.put(&format!("devices/{device}/changes/{:020}", 1), &seal_changeset(device, 1, plain))?;
    diary.sync(&store, &SyncKey::from_bytes(&KEY)?, &SyncOptions::default())
}

/// Reads a backup's clear header, then opens it with [`KEY`] as the diary key.
pub fn open_backup(bytes: &[u8]) -> Result<(BackupInfo, Vec<u8>)> {
    backup::read_info(bytes)?;
    backup::open(bytes, &BackupSecret::Key { key: KEY.to_vec() })
}

/// `image` sealed as a backup under [`KEY`], as if it were a diary's image.
pub fn seal_backup(image: &[u8]) -> Vec<u8> {
    backup::seal(image, &BackupSecret::Key { key: KEY.to_vec() }, SCHEMA_VERSION, 0).expect("sealing in memory")
}
