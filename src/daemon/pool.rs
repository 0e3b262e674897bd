//! Who holds the daemon's connections, and how many each may hold. Connections that have not
//! said `hello` wait in their own bounded pool, so a flood of silent ones never takes the
//! slots of authenticated callers: when it is full, a newcomer closes the oldest waiting
//! connection of the uid that holds the most. An authenticated connection takes a slot of its
//! key and of its uid; admin keys are not counted against those caps and have slots of their
//! own beyond `limits.max_connections`, so an operator is served while others hold the rest.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio_util::sync::CancellationToken;

use crate::auth::{Principal, Role};
use crate::config::Limits;
use crate::protocol::{ErrorKind, RpcError};

/// How long a caller refused for want of a slot is told to wait before trying again.
const RETRY_AFTER_MS: u64 = 1000;

pub struct Pool {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    next_id: u64,
    /// Waiting for `hello`, oldest first.
    pending: Vec<Waiting>,
    /// Authenticated connections: all of them, and those of non-admin keys by key and uid.
    total: usize,
    by_key: HashMap<String, usize>,
    by_uid: HashMap<u32, usize>,
}

struct Waiting {
    id: u64,
    uid: Option<u32>,
    closed: CancellationToken,
}

impl Pool {
    pub fn new() -> Arc<Pool> {
        Arc::new(Pool {
            state: Mutex::new(State::default()),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a just-accepted connection into the pre-`hello` pool. With `max_pending` already
    /// waiting, the oldest waiting connection of the uid holding the most is closed to make
    /// room: a uid flooding silent connections displaces its own, not another's.
    pub fn admit(self: &Arc<Self>, uid: Option<u32>, max_pending: usize) -> Pending {
        let mut state = self.lock();
        while state.pending.len() >= max_pending.max(1) {
            let mut counts: HashMap<Option<u32>, usize> = HashMap::new();
            for w in &state.pending {
                *counts.entry(w.uid).or_default() += 1;
            }
            // The first waiting connection of the heaviest uid is its oldest.
            let heaviest = counts.values().copied().max().unwrap_or(0);
            let Some(at) = state
                .pending
                .iter()
                .position(|w| counts[&w.uid] == heaviest)
            else {
                break;
            };
            state.pending.remove(at).closed.cancel();
        }
        state.next_id += 1;
        let id = state.next_id;
        let closed = CancellationToken::new();
        state.pending.push(Waiting {
            id,
            uid,
            closed: closed.clone(),
        });
        Pending {
            pool: self.clone(),
            id,
            closed,
        }
    }

    /// Gives an authenticated connection its slot, or the `rate_limited` refusal that says
    /// which cap it met.
    pub fn authenticate(
        self: &Arc<Self>,
        principal: &Principal,
        limits: &Limits,
    ) -> Result<Slot, RpcError> {
        let uid = principal.uid;
        let mut state = self.lock();
        let admin = principal.role == Role::Admin;
        let refuse = |what: String, setting: &str| {
            RpcError::new(
                ErrorKind::RateLimited,
                format!("{what} (limits.{setting}); close some or retry later"),
            )
            .with("retry_after_ms", RETRY_AFTER_MS)
        };
        if admin {
            if state.total >= limits.max_connections + limits.admin_connections {
                return Err(refuse(
                    format!(
                        "the daemon holds its most connections, {} with the admin reserve",
                        limits.max_connections + limits.admin_connections
                    ),
                    "admin_connections",
                ));
            }
            state.total += 1;
            return Ok(Slot {
                pool: self.clone(),
                counted: None,
            });
        }
        if state.total >= limits.max_connections {
            return Err(refuse(
                format!(
                    "the daemon holds its most connections, {}",
                    limits.max_connections
                ),
                "max_connections",
            ));
        }
        let key = principal.key_id.clone();
        if state.by_key.get(&key).copied().unwrap_or(0) >= limits.max_connections_per_key {
            return Err(refuse(
                format!(
                    "this key already holds {} open connections",
                    limits.max_connections_per_key
                ),
                "max_connections_per_key",
            ));
        }
        if let Some(uid) = uid
            && state.by_uid.get(&uid).copied().unwrap_or(0) >= limits.max_connections_per_uid
        {
            return Err(refuse(
                format!(
                    "uid {uid} already holds {} open connections",
                    limits.max_connections_per_uid
                ),
                "max_connections_per_uid",
            ));
        }
        state.total += 1;
        *state.by_key.entry(key.clone()).or_default() += 1;
        if let Some(uid) = uid {
            *state.by_uid.entry(uid).or_default() += 1;
        }
        Ok(Slot {
            pool: self.clone(),
            counted: Some((key, uid)),
        })
    }
}

/// A connection waiting for `hello`; it leaves the pool when dropped.
pub struct Pending {
    pool: Arc<Pool>,
    id: u64,
    /// Cancelled when a newcomer displaced this connection.
    pub closed: CancellationToken,
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.pool.lock().pending.retain(|w| w.id != self.id);
    }
}

/// An authenticated connection's slot; freed when dropped.
pub struct Slot {
    pool: Arc<Pool>,
    /// The key and uid it counts against (none for an admin key).
    counted: Option<(String, Option<u32>)>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut state = self.pool.lock();
        state.total = state.total.saturating_sub(1);
        let Some((key, uid)) = self.counted.take() else {
            return;
        };
        release(&mut state.by_key, key);
        if let Some(uid) = uid {
            release(&mut state.by_uid, uid);
        }
    }
}

/// Counts one connection less for `k`, forgetting it at zero so the maps follow open
/// connections only.
fn release<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, usize>, k: K) {
    if let std::collections::hash_map::Entry::Occupied(mut e) = counts.entry(k) {
        *e.get_mut() -= 1;
        if *e.get() == 0 {
            e.remove();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(key: &str, role: Role, uid: u32) -> Principal {
        Principal {
            key_id: key.into(),
            name: key.into(),
            role,
            key_role: role,
            session_id: None,
            expires_at: None,
            uid: Some(uid),
            rotation_mark: 0,
        }
    }

    #[test]
    fn a_full_waiting_pool_closes_the_heaviest_uids_oldest() {
        let pool = Pool::new();
        let a1 = pool.admit(Some(1), 3);
        let b1 = pool.admit(Some(2), 3);
        let a2 = pool.admit(Some(1), 3);
        let b2 = pool.admit(Some(2), 3);
        assert!(a1.closed.is_cancelled(), "uid 1 held the most");
        assert!(!b1.closed.is_cancelled() && !a2.closed.is_cancelled());
        drop(b2);
        let _c = pool.admit(Some(3), 3);
        assert!(!b1.closed.is_cancelled() && !a2.closed.is_cancelled());
    }

    #[test]
    fn caps_per_key_and_uid_spare_admins() {
        let pool = Pool::new();
        let limits = Limits {
            max_connections: 4,
            admin_connections: 1,
            max_connections_per_key: 2,
            max_connections_per_uid: 3,
            ..Limits::default()
        };
        let v = principal("v", Role::Viewer, 7);
        let s1 = pool.authenticate(&v, &limits).unwrap();
        let _s2 = pool.authenticate(&v, &limits).unwrap();
        let e = pool
            .authenticate(&principal("v", Role::Viewer, 8), &limits)
            .err()
            .unwrap();
        assert_eq!(e.kind(), ErrorKind::RateLimited);
        assert!(
            e.message.contains("max_connections_per_key"),
            "{}",
            e.message
        );
        let _w = pool
            .authenticate(&principal("w", Role::User, 7), &limits)
            .unwrap();
        let e = pool
            .authenticate(&principal("x", Role::User, 7), &limits)
            .err()
            .unwrap();
        assert!(
            e.message.contains("max_connections_per_uid"),
            "{}",
            e.message
        );
        let _x = pool
            .authenticate(&principal("x", Role::User, 9), &limits)
            .unwrap();
        let e = pool
            .authenticate(&principal("y", Role::User, 10), &limits)
            .err()
            .unwrap();
        assert!(
            e.message.contains("limits.max_connections)"),
            "{}",
            e.message
        );
        let admin = principal("a", Role::Admin, 7);
        let _a = pool.authenticate(&admin, &limits).unwrap();
        assert!(pool.authenticate(&admin, &limits).is_err());
        drop(s1);
        assert!(pool.authenticate(&v, &limits).is_err(), "the total is full");
    }
}
