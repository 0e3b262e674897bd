//! Rate limits (GCRA, the `governor` crate): one quota per key and method class, one for the
//! whole daemon, and a gate that shuts out a peer that keeps failing to authenticate. A
//! request costs what it asks for (a submit, one per job), so a few big requests cannot do
//! what many small ones may not. Each answer says how much of the caller's quota is left, for
//! the `ratelimit` response meta.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::middleware::{StateInformationMiddleware, StateSnapshot};
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, NotUntil};

use super::settings::{Quota, RateLimitsConfig};
pub use crate::protocol::RateLimitMeta;

/// How expensive a method is; each class has its own quota per key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateClass {
    Read,
    Write,
    Submit,
    Ingest,
    Admin,
    Stream,
}

impl RateClass {
    pub const ALL: [RateClass; 6] = [
        RateClass::Read,
        RateClass::Write,
        RateClass::Submit,
        RateClass::Ingest,
        RateClass::Admin,
        RateClass::Stream,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RateClass::Read => "read",
            RateClass::Write => "write",
            RateClass::Submit => "submit",
            RateClass::Ingest => "ingest",
            RateClass::Admin => "admin",
            RateClass::Stream => "stream",
        }
    }

    fn quota(self, c: &RateLimitsConfig) -> Quota {
        match self {
            RateClass::Read => c.read,
            RateClass::Write => c.write,
            RateClass::Submit => c.submit,
            RateClass::Ingest => c.ingest,
            RateClass::Admin => c.admin,
            RateClass::Stream => c.stream,
        }
    }
}

/// A refused request: when to try again, and the quota that refused it.
#[derive(Debug, Clone, Copy)]
pub struct Refusal {
    pub retry_after: Duration,
    pub meta: RateLimitMeta,
    pub scope: &'static str,
    /// The request costs more than the whole burst: it can never pass as it is.
    pub too_large: bool,
}

type Keyed = DefaultKeyedRateLimiter<String, StateInformationMiddleware>;
type Direct = DefaultDirectRateLimiter<StateInformationMiddleware>;

pub struct RateLimiter {
    enabled: bool,
    /// The quotas the limiters were built from, for the refusal of an oversized request.
    quotas: RateLimitsConfig,
    admin_bypass: bool,
    global: Direct,
    per_class: Vec<(RateClass, Keyed)>,
    clock: DefaultClock,
}

fn governor_quota(q: Quota) -> governor::Quota {
    let rate = NonZeroU32::new(q.per_second).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(q.burst).unwrap_or(NonZeroU32::MIN);
    governor::Quota::per_second(rate).allow_burst(burst)
}

fn meta_of(snapshot: &StateSnapshot) -> RateLimitMeta {
    let quota = snapshot.quota();
    let limit = quota.burst_size().get();
    let remaining = snapshot.remaining_burst_capacity();
    let refill = quota.replenish_interval() * (limit - remaining);
    RateLimitMeta {
        limit,
        remaining,
        reset_ms: refill.as_millis() as u64,
    }
}

impl RateLimiter {
    pub fn new(config: &RateLimitsConfig) -> RateLimiter {
        RateLimiter {
            enabled: config.enabled,
            quotas: config.clone(),
            admin_bypass: config.admin_bypass,
            global: governor::RateLimiter::direct(governor_quota(config.global))
                .with_middleware::<StateInformationMiddleware>(),
            per_class: RateClass::ALL
                .iter()
                .map(|&c| {
                    let limiter = governor::RateLimiter::keyed(governor_quota(c.quota(config)))
                        .with_middleware::<StateInformationMiddleware>();
                    (c, limiter)
                })
                .collect(),
            clock: DefaultClock::default(),
        }
    }

    fn refusal(
        &self,
        not_until: &NotUntil<<DefaultClock as Clock>::Instant>,
        scope: &'static str,
    ) -> Refusal {
        let retry_after = not_until.wait_time_from(self.clock.now());
        let limit = not_until.quota().burst_size().get();
        Refusal {
            retry_after,
            meta: RateLimitMeta {
                limit,
                remaining: 0,
                reset_ms: (not_until.quota().replenish_interval() * limit).as_millis() as u64,
            },
            scope,
            too_large: false,
        }
    }

    /// The refusal of a request that costs more than the burst of `quota`.
    fn too_large(quota: Quota, scope: &'static str) -> Refusal {
        Refusal {
            retry_after: Duration::ZERO,
            meta: RateLimitMeta {
                limit: quota.burst,
                remaining: 0,
                reset_ms: 0,
            },
            scope,
            too_large: true,
        }
    }

    /// Counts a request of `key_id` in `class` that costs `cost` (at least 1). `None` when
    /// limits are off.
    pub fn check(
        &self,
        key_id: &str,
        class: RateClass,
        cost: u32,
        is_admin: bool,
    ) -> Option<Result<RateLimitMeta, Refusal>> {
        if !self.enabled {
            return None;
        }
        let enforce = !(is_admin && self.admin_bypass);
        let n = NonZeroU32::new(cost).unwrap_or(NonZeroU32::MIN);
        let (_, limiter) = self.per_class.iter().find(|(c, _)| *c == class)?;
        let meta = match limiter.check_key_n(&key_id.to_string(), n) {
            Ok(Ok(snapshot)) => meta_of(&snapshot),
            Ok(Err(nu)) if enforce => return Some(Err(self.refusal(&nu, "key"))),
            Ok(Err(nu)) => self.refusal(&nu, "key").meta,
            Err(_) if enforce => {
                return Some(Err(Self::too_large(class.quota(&self.quotas), "key")));
            }
            Err(_) => Self::too_large(class.quota(&self.quotas), "key").meta,
        };
        if enforce {
            match self.global.check_n(n) {
                Ok(Ok(_)) => {}
                Ok(Err(nu)) => return Some(Err(self.refusal(&nu, "global"))),
                Err(_) => return Some(Err(Self::too_large(self.quotas.global, "global"))),
            }
        }
        Some(Ok(meta))
    }

    /// Forgets the state of keys that are full again, so memory follows active keys only.
    pub fn shrink(&self) {
        for (_, l) in &self.per_class {
            l.retain_recent();
        }
    }
}

/// Shuts out a peer (by uid) that fails to authenticate too often: once its failures exceed
/// the burst, every `hello` from it is refused, valid or not, until the quota has refilled, so
/// guessing costs time whatever the guess.
pub struct FailureGate {
    limiter: DefaultKeyedRateLimiter<u32, StateInformationMiddleware>,
    blocked: Mutex<HashMap<u32, Instant>>,
    clock: DefaultClock,
}

impl FailureGate {
    pub fn new(burst: u32, window: Duration) -> FailureGate {
        let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
        let period = (window / burst.get()).max(Duration::from_millis(1));
        let quota = governor::Quota::with_period(period)
            .unwrap_or_else(|| governor::Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        FailureGate {
            limiter: governor::RateLimiter::keyed(quota)
                .with_middleware::<StateInformationMiddleware>(),
            blocked: Mutex::new(HashMap::new()),
            clock: DefaultClock::default(),
        }
    }

    /// How long this peer must still wait, if it is shut out.
    pub fn blocked(&self, uid: u32) -> Option<Duration> {
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        let until = *blocked.get(&uid)?;
        let now = Instant::now();
        if until > now {
            Some(until - now)
        } else {
            blocked.remove(&uid);
            None
        }
    }

    /// Counts a failure; shuts the peer out once it has used up its burst, until the next
    /// failure would be allowed.
    pub fn record_failure(&self, uid: u32) {
        let wait = match self.limiter.check_key(&uid) {
            Ok(state) if state.remaining_burst_capacity() > 0 => return,
            Ok(state) => state.quota().replenish_interval(),
            Err(nu) => nu.wait_time_from(self.clock.now()),
        };
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        blocked.insert(uid, Instant::now() + wait);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(read: Quota) -> RateLimitsConfig {
        RateLimitsConfig {
            read,
            ..RateLimitsConfig::default()
        }
    }

    #[test]
    fn a_key_is_refused_past_its_burst_and_others_are_not() {
        let limiter = RateLimiter::new(&config(Quota {
            per_second: 1,
            burst: 3,
        }));
        for left in [2, 1, 0] {
            let meta = limiter
                .check("a", RateClass::Read, 1, false)
                .unwrap()
                .unwrap();
            assert_eq!((meta.limit, meta.remaining), (3, left));
        }
        let refused = limiter
            .check("a", RateClass::Read, 1, false)
            .unwrap()
            .unwrap_err();
        assert!(
            refused.retry_after > Duration::ZERO && refused.retry_after <= Duration::from_secs(1)
        );
        assert_eq!(refused.scope, "key");
        // Another key, and another class of the same key, have their own quotas.
        assert!(
            limiter
                .check("b", RateClass::Read, 1, false)
                .unwrap()
                .is_ok()
        );
        assert!(
            limiter
                .check("a", RateClass::Write, 1, false)
                .unwrap()
                .is_ok()
        );
        // Admins pass when bypass is on.
        assert!(
            limiter
                .check("a", RateClass::Read, 1, true)
                .unwrap()
                .is_ok()
        );
    }

    #[test]
    fn a_request_costs_what_it_asks_for() {
        let limiter = RateLimiter::new(&RateLimitsConfig {
            submit: Quota {
                per_second: 1,
                burst: 10,
            },
            ..RateLimitsConfig::default()
        });
        let meta = limiter
            .check("a", RateClass::Submit, 8, false)
            .unwrap()
            .unwrap();
        assert_eq!(meta.remaining, 2);
        let refused = limiter
            .check("a", RateClass::Submit, 3, false)
            .unwrap()
            .unwrap_err();
        assert!(!refused.too_large && refused.retry_after > Duration::ZERO);
        let refused = limiter
            .check("b", RateClass::Submit, 11, false)
            .unwrap()
            .unwrap_err();
        assert!(refused.too_large);
        assert_eq!(refused.meta.limit, 10);
    }

    #[test]
    fn disabled_limits_answer_nothing() {
        let limiter = RateLimiter::new(&RateLimitsConfig {
            enabled: false,
            ..RateLimitsConfig::default()
        });
        assert!(limiter.check("a", RateClass::Read, 1, false).is_none());
    }

    #[test]
    fn the_failure_gate_shuts_out_after_the_burst() {
        let gate = FailureGate::new(2, Duration::from_secs(60));
        assert!(gate.blocked(7).is_none());
        gate.record_failure(7);
        assert!(gate.blocked(7).is_none());
        gate.record_failure(7);
        let wait = gate.blocked(7).expect("blocked");
        assert!(wait > Duration::from_secs(20) && wait <= Duration::from_secs(30));
        assert!(gate.blocked(8).is_none());
    }
}
