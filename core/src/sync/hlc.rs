//! Hybrid Logical Clock stamps (Kulkarni et al. 2014): wall-clock milliseconds plus a counter,
//! so stamps order every write across devices even when their clocks disagree.

use serde::{Deserialize, Serialize};

const COUNTER_BITS: u32 = 16;
const COUNTER_MAX: u64 = (1 << COUNTER_BITS) - 1;

/// One HLC reading, packed as `millis << 16 | counter` so that integer order is clock order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Stamp(u64);

impl Stamp {
    pub fn new(millis: u64, counter: u16) -> Stamp {
        Stamp((millis << COUNTER_BITS) | u64::from(counter))
    }

    pub fn millis(self) -> u64 {
        self.0 >> COUNTER_BITS
    }

    pub fn counter(self) -> u16 {
        (self.0 & COUNTER_MAX) as u16
    }

    /// The packed form SQLite stores. Millisecond readings below 2^47 (the year 6429) stay positive.
    pub fn to_i64(self) -> i64 {
        self.0 as i64
    }

    pub fn from_i64(packed: i64) -> Stamp {
        Stamp(packed as u64)
    }
}

/// How far ahead of this device's clock a received stamp was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skew {
    pub ahead_ms: u64,
}

/// The clock state of one device. It only moves forward, even if the wall clock runs backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hlc {
    last: Stamp,
}

impl Hlc {
    pub fn from_last(last: Stamp) -> Hlc {
        Hlc { last }
    }

    pub fn last(&self) -> Stamp {
        self.last
    }

    /// A stamp for a local write at wall-clock time `now_ms`.
    pub fn tick(&mut self, now_ms: u64) -> Stamp {
        let (l, c) = (self.last.millis(), u64::from(self.last.counter()));
        self.last = if now_ms > l { Stamp::new(now_ms, 0) } else { Self::next(l, c + 1) };
        self.last
    }

    /// Folds in a stamp received from another device. A stamp far ahead is accepted (a phone that
    /// was offline with a wrong clock must not lose data); the skew is returned so it can be reported.
    pub fn receive(&mut self, remote: Stamp, now_ms: u64) -> Option<Skew> {
        let (l, c) = (self.last.millis(), u64::from(self.last.counter()));
        let (lm, cm) = (remote.millis(), u64::from(remote.counter()));
        let new_l = l.max(lm).max(now_ms);
        let new_c = if new_l == l && new_l == lm {
            c.max(cm) + 1
        } else if new_l == l {
            c + 1
        } else if new_l == lm {
            cm + 1
        } else {
            0
        };
        self.last = Self::next(new_l, new_c);
        (lm > now_ms).then(|| Skew { ahead_ms: lm - now_ms })
    }

    /// A counter that would overflow moves the clock one millisecond on instead.
    fn next(millis: u64, counter: u64) -> Stamp {
        if counter > COUNTER_MAX { Stamp::new(millis + 1, 0) } else { Stamp::new(millis, counter as u16) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_follow_the_wall_clock_and_never_go_back() {
        let mut hlc = Hlc::default();
        let a = hlc.tick(3_601_000);
        assert_eq!((a.millis(), a.counter()), (3_601_000, 0));
        let b = hlc.tick(3_601_000);
        assert_eq!((b.millis(), b.counter()), (3_601_000, 1));
        // The wall clock jumps back an hour: stamps still increase.
        let c = hlc.tick(1_000);
        assert!(c > b);
        assert_eq!(c.millis(), 3_601_000);
        let d = hlc.tick(3_602_000);
        assert_eq!((d.millis(), d.counter()), (3_602_000, 0));
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let mut hlc = Hlc::from_last(Stamp::new(5, u16::MAX));
        let s = hlc.tick(5);
        assert_eq!((s.millis(), s.counter()), (6, 0));
    }

    #[test]
    fn receive_advances_past_the_remote_stamp_and_reports_skew() {
        let mut hlc = Hlc::default();
        hlc.tick(1_000);
        let remote = Stamp::new(50_000, 7);
        let skew = hlc.receive(remote, 1_100);
        assert_eq!(skew, Some(Skew { ahead_ms: 48_900 }));
        assert!(hlc.last() > remote);
        assert!(hlc.tick(1_200) > remote);
        // A stamp from the past is folded in without a report.
        assert_eq!(hlc.receive(Stamp::new(10, 0), 1_300), None);
    }

    #[test]
    fn packed_order_is_clock_order() {
        let stamps = [Stamp::new(1, 5), Stamp::new(2, 0), Stamp::new(2, 1), Stamp::new(1 << 40, 0)];
        for pair in stamps.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].to_i64() < pair[1].to_i64());
            assert_eq!(Stamp::from_i64(pair[1].to_i64()), pair[1]);
        }
    }
}
