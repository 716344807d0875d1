//! Recovery codes as typed on another device: any text. Never a panic, and a code that reads as
//! a key is that key's code, read again the same.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::recovery_code(data));
