//! Time, injected: the exam timer runs on a monotonic clock, history gets wall-clock timestamps, and
//! tests drive both by hand.

use chrono::{DateTime, Utc};
use std::cell::Cell;
use std::time::{Duration, Instant};

pub trait Clock {
    /// Monotonic time since an arbitrary start; only differences mean anything.
    fn monotonic(&self) -> Duration;
    fn wall(&self) -> DateTime<Utc>;
}

pub struct SystemClock {
    start: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock {
            start: Instant::now(),
        }
    }
}

impl Clock for SystemClock {
    fn monotonic(&self) -> Duration {
        self.start.elapsed()
    }
    fn wall(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that moves only when told to.
pub struct FakeClock {
    mono: Cell<Duration>,
    wall: Cell<DateTime<Utc>>,
}

impl FakeClock {
    pub fn new(wall: DateTime<Utc>) -> Self {
        FakeClock {
            mono: Cell::new(Duration::ZERO),
            wall: Cell::new(wall),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.mono.set(self.mono.get() + by);
        self.wall
            .set(self.wall.get() + chrono::Duration::from_std(by).unwrap_or_default());
    }
}

impl Clock for FakeClock {
    fn monotonic(&self) -> Duration {
        self.mono.get()
    }
    fn wall(&self) -> DateTime<Utc> {
        self.wall.get()
    }
}
