//! The payload of a sync object (after decryption and inflation) of arbitrary bytes, read as a
//! changeset, snapshot or progress payload and as a list of retired devices: never a panic, and a
//! payload that decodes survives encode and decode unchanged.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::sync_payload(data));
