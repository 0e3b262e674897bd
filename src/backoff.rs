//! Exponential backoff with jitter, capped: the wait between attempts of a provider call
//! (`providers`) and of a job (`jobs::retry`), so a flapping dependency is never hammered in a
//! tight loop and many retries spread out.

use std::time::Duration;

/// The delay before attempt `attempt + 1`, after `attempt` (1-based) failed transiently.
/// Doubles from `base` per attempt up to `max`; the actual delay is drawn from the upper half
/// of that window ("equal jitter"), so retries of many jobs spread out.
pub fn backoff(attempt: u32, base: Duration, max: Duration) -> Duration {
    let exp = attempt.saturating_sub(1).min(30);
    let window = base.saturating_mul(1u32 << exp).min(max);
    let half = window / 2;
    half + half.mul_f64(rand::random::<f64>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_and_stays_within_the_cap() {
        let base = Duration::from_secs(2);
        let max = Duration::from_secs(60);
        for attempt in 1..40 {
            let d = backoff(attempt, base, max);
            let window = base.saturating_mul(1 << (attempt - 1).min(30)).min(max);
            assert!(
                d >= window / 2 && d <= window,
                "attempt {attempt}: {d:?} vs {window:?}"
            );
        }
        assert!(backoff(1, base, max) <= Duration::from_secs(2));
        assert!(backoff(10, base, max) >= Duration::from_secs(30));
    }
}
