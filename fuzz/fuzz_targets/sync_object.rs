//! Sealed sync objects (changesets, snapshots, progress, photo files) of arbitrary bytes: the clear
//! header, then opening under the targets' key and decoding the payload. Never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::sync_object(data));
