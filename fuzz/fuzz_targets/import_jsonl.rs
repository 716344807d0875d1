//! Fuzz target `import_jsonl`: what it feeds and what must hold is `gutskin_fuzz::import_jsonl` (src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::import_jsonl(data));
