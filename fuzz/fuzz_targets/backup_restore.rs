//! What a backup carries: arbitrary bytes as the diary image, sealed as a backup under the
//! targets' key and restored into a diary. Never a panic: a damaged or foreign image is refused
//! (restoring into an in-memory diary stops before a file would be replaced), and the diary it
//! was restored into is unchanged.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::backup_restore(data));
