//! Label suggestions from whatever an on-device image labeler hands over: any label text, any
//! confidence (NaN, infinities, negatives), any boosts and limit. Never a panic; at most `limit`
//! suggestions, each with a finite confidence of at least the threshold and at most 1, each food
//! once, most confident first.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gutskin_fuzz::photo_labels(data));
