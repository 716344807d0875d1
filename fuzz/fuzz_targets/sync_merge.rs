//! Fuzz target `sync_merge`: what it feeds and what must hold is `gutskin_fuzz::sync_merge` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::sync_merge(data));
