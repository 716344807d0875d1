//! Fuzz target `image_sniff`: what it feeds and what must hold is `gutskin_fuzz::image_sniff` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::image_sniff(data));
