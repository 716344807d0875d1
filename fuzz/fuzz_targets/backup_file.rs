//! Fuzz target `backup_file`: what it feeds and what must hold is `gutskin_fuzz::backup_file` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::backup_file(data));
