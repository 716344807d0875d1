//! Backup files of arbitrary bytes: the clear header, then opening with the targets' key and
//! inflating. Never a panic. (Opening with a key never runs Argon2: a passphrase backup asks for
//! its passphrase first.)
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::backup_file(data));
