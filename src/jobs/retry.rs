//! When a failed attempt runs again: the jittered exponential backoff of `backoff`, so a
//! flapping dependency is never hammered in a tight loop; and for a job whose providers are all
//! unavailable, not before the earliest of them may answer again (within the outage window),
//! so a job rides out an outage instead of spending its attempts on open breakers.

use std::time::Duration;

use crate::backoff::backoff;
use crate::config::JobsConfig;
use crate::generate::state::RetryHint;

/// The wait before a job's next attempt after attempt `attempt` failed transiently, and why
/// that long: the job backoff, or longer when `hint` says the failure cannot pass sooner,
/// though never longer than `jobs.outage_window`.
pub fn retry_delay(attempt: u32, cfg: &JobsConfig, hint: Option<&RetryHint>) -> (Duration, String) {
    let backoff = backoff(attempt, cfg.retry_base_delay, cfg.retry_max_delay);
    match hint {
        Some(h) if h.after > cfg.outage_window && cfg.outage_window > backoff => (
            cfg.outage_window,
            format!(
                "{}, in {}, but jobs.outage_window is {}",
                h.reason,
                seconds(h.after),
                seconds(cfg.outage_window)
            ),
        ),
        Some(h) if h.after > backoff && h.after <= cfg.outage_window => (h.after, h.reason.clone()),
        _ => (backoff, "backoff".into()),
    }
}

/// A wait as people read it, in whole seconds (rounded up: "in 0 s" would be wrong).
fn seconds(d: Duration) -> String {
    format!("{} s", d.as_millis().div_ceil(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_is_waited_out_within_the_window() {
        let cfg = JobsConfig {
            retry_base_delay: Duration::from_millis(100),
            retry_max_delay: Duration::from_millis(200),
            outage_window: Duration::from_secs(600),
            ..JobsConfig::default()
        };
        let hint = |secs| RetryHint {
            after: Duration::from_secs(secs),
            reason: "provider 'a' may be asked again then".into(),
        };
        let (d, why) = retry_delay(1, &cfg, None);
        assert!(
            d <= Duration::from_millis(100) && why == "backoff",
            "{d:?} {why}"
        );
        let (d, why) = retry_delay(1, &cfg, Some(&hint(46)));
        assert_eq!(d, Duration::from_secs(46));
        assert_eq!(why, "provider 'a' may be asked again then");
        let (d, why) = retry_delay(1, &cfg, Some(&hint(3600)));
        assert_eq!(d, cfg.outage_window, "bounded by the window");
        assert!(
            why.contains("in 3600 s") && why.contains("outage_window is 600 s"),
            "{why}"
        );
        // A hint shorter than the backoff changes nothing.
        let tiny = RetryHint {
            after: Duration::from_millis(1),
            reason: "soon".into(),
        };
        assert_eq!(retry_delay(1, &cfg, Some(&tiny)).1, "backoff");
    }
}
