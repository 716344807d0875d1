//! JSON Lines import (`Diary::import_jsonl`) of arbitrary bytes: never a panic; an import that
//! fails writes nothing (the change position stays where it was); one that succeeds, imported
//! again, adds nothing and writes nothing.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::import_jsonl(data));
