//! Fuzz target `backup_restore`: what it feeds and what must hold is `gutskin_fuzz::backup_restore` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::backup_restore(data));
