//! What a peer device with the sync key could publish: arbitrary payload bytes, sealed as its
//! changeset, merged into a diary by `Diary::sync`. Never a panic, and never a diary hurt by it:
//! afterwards the diary still reads, exports and takes a new entry.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::sync_merge(data));
