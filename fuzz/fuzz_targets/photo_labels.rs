//! Fuzz target `photo_labels`: what it feeds and what must hold is `gutskin_fuzz::photo_labels` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::photo_labels(data));
