//! How the CLI shows a time the daemon sent (RFC 3339, UTC): relative to now for people
//! ("3 min ago", "in 2 h"), or absolute with `--utc` (to the second, as logs and scripts
//! write it). JSON output keeps the daemon's text untouched.

use std::time::{Duration, SystemTime};

/// A time past this distance reads better as a date than as a count of days.
const RELATIVE_DAYS: u64 = 30;

/// Relative or absolute, as `--utc` says.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub utc: bool,
}

impl Clock {
    /// `at` (RFC 3339) as this clock shows it; text that is not a time is shown as it came.
    pub fn show(self, at: &str) -> String {
        let Ok(t) = humantime::parse_rfc3339_weak(at) else {
            return at.to_string();
        };
        if self.utc {
            humantime::format_rfc3339_seconds(t).to_string()
        } else {
            relative(t, SystemTime::now())
        }
    }
}

/// `t` seen from `now`: "just now", "42 s ago", "3 min ago", "5 h ago", "2 days ago", "in
/// 4 min"; a date (YYYY-MM-DD) past a month either way.
fn relative(t: SystemTime, now: SystemTime) -> String {
    let (gap, past) = match now.duration_since(t) {
        Ok(d) => (d, true),
        Err(e) => (e.duration(), false),
    };
    if gap < Duration::from_secs(5) {
        return "just now".into();
    }
    let secs = gap.as_secs();
    let amount = match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        3600..86_400 => format!("{} h", secs / 3600),
        _ if secs / 86_400 <= RELATIVE_DAYS => match secs / 86_400 {
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        },
        _ => return humantime::format_rfc3339_seconds(t).to_string()[..10].to_string(),
    };
    if past {
        format!("{amount} ago")
    } else {
        format!("in {amount}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_relative_to_now_or_as_dates_far_off() {
        let now = humantime::parse_rfc3339("2026-12-06T12:00:00Z").unwrap();
        let ago = |s: u64| relative(now - Duration::from_secs(s), now);
        assert_eq!(ago(2), "just now");
        assert_eq!(ago(42), "42 s ago");
        assert_eq!(ago(180), "3 min ago");
        assert_eq!(ago(5 * 3600 + 59), "5 h ago");
        assert_eq!(ago(86_400 + 5), "1 day ago");
        assert_eq!(ago(3 * 86_400), "3 days ago");
        assert_eq!(ago(90 * 86_400), "2026-09-07");
        assert_eq!(relative(now + Duration::from_secs(240), now), "in 4 min");
    }

    #[test]
    fn utc_is_absolute_to_the_second_and_other_text_passes() {
        let clock = Clock { utc: true };
        assert_eq!(
            clock.show("2026-12-06T12:00:00.123Z"),
            "2026-12-06T12:00:00Z"
        );
        assert_eq!(clock.show("-"), "-");
    }
}
