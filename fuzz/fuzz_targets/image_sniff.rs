//! The first bytes of an image file: the format sniffed, and the pixel size read for every format
//! (not only the sniffed one). Never a panic; a size is never zero.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::image_sniff(data));
