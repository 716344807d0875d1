//! Fuzz target `recovery_code`: what it feeds and what must hold is `gutskin_fuzz::recovery_code` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::recovery_code(data));
