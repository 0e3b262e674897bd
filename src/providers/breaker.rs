//! A circuit breaker per provider: closed (calls go through), open (calls fail at once, so a
//! workflow moves to its next provider), and half-open (one probe call decides).

use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use crate::protocol::providers::BreakerState;

impl BreakerState {
    /// As the JSON says it: `closed`, `open`, `half_open`.
    pub fn as_str(self) -> &'static str {
        match self {
            BreakerState::Closed => "closed",
            BreakerState::Open => "open",
            BreakerState::HalfOpen => "half_open",
        }
    }
}

/// What a call that finds the half-open probe in flight is told to wait.
const PROBE_WAIT: Duration = Duration::from_secs(1);

#[derive(Debug)]
struct Inner {
    state: BreakerState,
    failures: u32,
    opened_at: Option<Instant>,
    probing: bool,
}

#[derive(Debug)]
pub struct Breaker {
    threshold: u32,
    cooldown: Duration,
    inner: Mutex<Inner>,
}

impl Breaker {
    pub fn new(threshold: u32, cooldown: Duration) -> Breaker {
        Breaker {
            threshold: threshold.max(1),
            cooldown,
            inner: Mutex::new(Inner {
                state: BreakerState::Closed,
                failures: 0,
                opened_at: None,
                probing: false,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The state now (an open breaker past its cooldown reads as half-open).
    pub fn state(&self) -> BreakerState {
        let inner = self.lock();
        match (inner.state, inner.opened_at) {
            (BreakerState::Open, Some(at)) if at.elapsed() >= self.cooldown => {
                BreakerState::HalfOpen
            }
            (state, _) => state,
        }
    }

    /// Whether a call may start: always when closed, never when open, and one probe at a
    /// time when half-open. `Ok(true)` when this call is the probe; `Err` carries how long
    /// until the breaker lets a probe through.
    pub fn admit(&self) -> Result<bool, Duration> {
        let mut inner = self.lock();
        if let Some(wait) = self.wait_left(&inner) {
            return Err(wait);
        }
        match inner.state {
            BreakerState::Closed => Ok(false),
            BreakerState::Open | BreakerState::HalfOpen => {
                inner.state = BreakerState::HalfOpen;
                inner.probing = true;
                Ok(true)
            }
        }
    }

    /// How long until a call may start: `None` when one may start now, the rest of the
    /// cooldown while open, and a second while another call is the half-open probe (its
    /// verdict comes within a call's time). A job that found every provider's breaker open
    /// waits at least this long before it runs again (`jobs::retry`).
    pub fn retry_in(&self) -> Option<Duration> {
        self.wait_left(&self.lock())
    }

    fn wait_left(&self, inner: &Inner) -> Option<Duration> {
        match inner.state {
            BreakerState::Closed => None,
            BreakerState::Open => {
                let elapsed = inner.opened_at.map_or(self.cooldown, |at| at.elapsed());
                (elapsed < self.cooldown).then(|| self.cooldown - elapsed)
            }
            BreakerState::HalfOpen => inner.probing.then_some(PROBE_WAIT),
        }
    }

    pub fn success(&self) {
        let mut inner = self.lock();
        inner.state = BreakerState::Closed;
        inner.failures = 0;
        inner.opened_at = None;
        inner.probing = false;
    }

    /// The probe ended without a verdict on the provider's health (a refusal of this one
    /// request, or a call its caller stopped waiting for): the next call probes instead of
    /// waiting for a verdict that will never come. Only the probe's caller calls this.
    pub fn release_probe(&self) {
        self.lock().probing = false;
    }

    /// A call failed in a way that says the provider is unwell (not a refusal of this one
    /// request); counted once per call, however many attempts it made.
    pub fn failure(&self) {
        let mut inner = self.lock();
        inner.failures += 1;
        inner.probing = false;
        if inner.state == BreakerState::HalfOpen || inner.failures >= self.threshold {
            inner.state = BreakerState::Open;
            inner.opened_at = Some(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_the_threshold_probes_after_the_cooldown_and_closes_on_success() {
        let b = Breaker::new(2, Duration::from_millis(50));
        assert!(b.admit().is_ok());
        b.failure();
        assert_eq!(b.state(), BreakerState::Closed);
        b.failure();
        assert_eq!(b.state(), BreakerState::Open);
        assert!(b.admit().is_err());
        let wait = b.retry_in().expect("open: a wait");
        assert!(wait <= Duration::from_millis(50), "{wait:?}");
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(b.retry_in(), None, "past the cooldown a probe may go");
        assert_eq!(b.state(), BreakerState::HalfOpen);
        assert!(b.admit().is_ok(), "one probe");
        assert!(b.admit().is_err(), "only one probe at a time");
        b.failure();
        assert_eq!(
            b.state(),
            BreakerState::Open,
            "a failed probe opens it again"
        );
        std::thread::sleep(Duration::from_millis(60));
        assert!(b.admit().is_ok());
        b.success();
        assert_eq!(b.state(), BreakerState::Closed);
        assert_eq!(b.retry_in(), None);
    }

    #[test]
    fn a_probe_without_a_verdict_lets_the_next_call_probe() {
        let b = Breaker::new(1, Duration::from_millis(10));
        b.failure();
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(b.admit(), Ok(true), "the probe");
        assert!(b.admit().is_err());
        b.release_probe();
        assert_eq!(b.state(), BreakerState::HalfOpen);
        assert_eq!(b.admit(), Ok(true), "another probe");
    }
}
