//! What the benches share: the key of their encrypted diaries, and medians of plain and encrypted
//! timings taken in the same rounds.

// Each bench uses a part of this.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use gutskin_core::{Diary, DiaryKey};

/// The key of the benches' encrypted diaries.
pub fn bench_key() -> DiaryKey {
    DiaryKey::from_bytes(&[0x5a; 32]).unwrap()
}

/// `plain` encrypted under [`bench_key`] at `path`, made once (through a partial file, so an
/// interrupted run leaves nothing half-made) and kept for later runs.
pub fn encrypted_copy(plain: &Path, path: PathBuf) -> PathBuf {
    if !path.exists() {
        let partial = path.with_extension("partial");
        std::fs::copy(plain, &partial).unwrap();
        Diary::open(&partial).unwrap().encrypt(&bench_key()).unwrap();
        std::fs::rename(&partial, &path).unwrap();
    }
    path
}

pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The medians of `time(false)` (plain) and `time(true)` (encrypted) over the same `rounds`, one
/// of each per round, taking turns to go first: criterion measures each benchmark in its own time
/// window, and on a shared machine the load changes from one window to the next.
pub fn same_round_medians(rounds: usize, mut time: impl FnMut(bool) -> Duration) -> (Duration, Duration) {
    let (mut plain, mut encrypted) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        if round % 2 == 0 {
            plain.push(time(false));
            encrypted.push(time(true));
        } else {
            encrypted.push(time(true));
            plain.push(time(false));
        }
    }
    (median(plain), median(encrypted))
}
