//! `hello`'s credential check: an API key, a session token, or (on a fresh install only, for a
//! peer with the daemon's own uid) the bootstrap of the first admin key. A failure is audited,
//! counted against the peer, answered after a fixed delay, and says nothing about which part
//! was wrong; a peer that fails too often is shut out for a while, whatever it presents next.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::json;

use super::keys::{ApiKey, MalformedKey};
use super::ratelimit::FailureGate;
use super::sessions::{Claims, Signer};
use super::settings::AuthConfig;
use super::{Principal, Role};
use crate::protocol::{ErrorKind, Hello, HelloAuth, Method, RpcError};
use crate::store::auth::{
    self as db, Audit, DAEMON_ID, KeyRole, KeyRow, SIGNING_SECRET, SessionRow,
};
use crate::store::{Store, StoreError};
use crate::timestamp::now_ms;

/// The name of the key made at bootstrap.
pub const BOOTSTRAP_KEY_NAME: &str = "local-owner";

/// What a successful `hello` yields.
pub struct Authenticated {
    pub principal: Principal,
    /// The secret of a key made by the bootstrap, to hand to the client once.
    pub bootstrap_key: Option<String>,
    /// The key's recorded last use is over a minute old: worth a write.
    stale_use: bool,
}

/// A key's last use is recorded at most this often: a busy key is not a write per hello.
const LAST_USE_RESOLUTION_MS: i64 = 60_000;

fn stale_use(row: &KeyRow, now: i64) -> bool {
    row.last_used_at
        .is_none_or(|t| t < now - LAST_USE_RESOLUTION_MS)
}

/// Why a credential was refused, for the audit log and the metrics (never for the client).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    NoCredential,
    WrongPrefix,
    Malformed,
    UnknownKey,
    BadSecret,
    Expired,
    Revoked,
    BadToken,
    ForeignToken,
    BootstrapRace,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::NoCredential => "no_credential",
            Reason::WrongPrefix => "wrong_prefix",
            Reason::Malformed => "malformed",
            Reason::UnknownKey => "unknown_key",
            Reason::BadSecret => "bad_secret",
            Reason::Expired => "expired",
            Reason::Revoked => "revoked",
            Reason::BadToken => "bad_token",
            Reason::ForeignToken => "foreign_token",
            Reason::BootstrapRace => "bootstrap_race",
        }
    }
}

struct Failure {
    reason: Reason,
    key_id: Option<String>,
}

fn fail(reason: Reason, key_id: Option<&str>) -> Failure {
    Failure {
        reason,
        key_id: key_id.map(str::to_string),
    }
}

pub struct Authenticator {
    config: AuthConfig,
    signer: Signer,
    gate: FailureGate,
    own_uid: Option<u32>,
    /// Keys and sessions revoked while this daemon runs: connections that authenticated with
    /// them before are refused from their next request on.
    revoked: std::sync::RwLock<std::collections::HashSet<String>>,
    /// Keys rotated while this daemon runs, each with the rotations that still matter: a
    /// connection that authenticated before a rotation of its key ends when that rotation's
    /// grace period does. Connections do not outlive the daemon, so memory is enough.
    rotations: std::sync::RwLock<std::collections::HashMap<String, Vec<Rotation>>>,
    /// Rotations seen so far; a connection keeps the count of its `hello` as its mark.
    rotation_clock: AtomicU64,
}

/// One rotation of a key: the `rotation_clock` value it took, and when the credentials made
/// before it (connections, sessions) stop working.
#[derive(Debug, Clone, Copy)]
struct Rotation {
    at: u64,
    until: i64,
}

impl Authenticator {
    /// Loads (or makes, on first start) the daemon id and the session signing secret.
    pub async fn open(
        store: &Store,
        config: AuthConfig,
        own_uid: Option<u32>,
    ) -> Result<Authenticator, StoreError> {
        let (id, secret) = store
            .write(|c| {
                db::retire_old_signing_secret(c)?;
                let id = db::daemon_secret(c, DAEMON_ID, || {
                    hex::encode(rand::random::<[u8; 16]>()).into_bytes()
                })?;
                let secret = db::daemon_secret(c, SIGNING_SECRET, || {
                    rand::random::<[u8; super::sessions::SIGNING_SECRET_BYTES]>().to_vec()
                })?;
                Ok((id, secret))
            })
            .await?;
        let id = String::from_utf8_lossy(&id).into_owned();
        Ok(Authenticator {
            gate: FailureGate::new(config.failure_burst, config.failure_window),
            config,
            signer: Signer::new(&secret, &id),
            own_uid,
            revoked: Default::default(),
            rotations: Default::default(),
            rotation_clock: AtomicU64::new(0),
        })
    }

    /// This daemon's id, kept across restarts; the audience of its tokens.
    pub fn daemon_id(&self) -> &str {
        self.signer.audience()
    }

    /// Marks a key or session id as revoked for connections already open.
    pub fn note_revoked(&self, id: &str) {
        let mut revoked = self.revoked.write().unwrap_or_else(|e| e.into_inner());
        revoked.insert(id.to_string());
    }

    /// Marks a key as rotated, the previous secret valid until `until`: connections that
    /// authenticated with the key before now (with either secret, or with a session minted
    /// before) end then, at once when `until` has passed.
    pub fn note_rotated(&self, key_id: &str, until: i64) {
        let mut rotations = self.rotations.write().unwrap_or_else(|e| e.into_inner());
        let at = self.rotation_clock.fetch_add(1, Ordering::SeqCst) + 1;
        let list = rotations.entry(key_id.to_string()).or_default();
        list.push(Rotation { at, until });
        // A rotation whose grace is over has ended every connection from before it, so the
        // rotations before that one no longer decide anything.
        let now = now_ms();
        if let Some(last_over) = list.iter().rposition(|r| r.until <= now) {
            list.drain(..last_over);
        }
    }

    /// When rotations of its key end this connection's principal, if any did since its hello.
    fn rotation_cutoff(&self, principal: &Principal) -> Option<i64> {
        let rotations = self.rotations.read().unwrap_or_else(|e| e.into_inner());
        rotations
            .get(&principal.key_id)?
            .iter()
            .filter(|r| r.at > principal.rotation_mark)
            .map(|r| r.until)
            .min()
    }

    /// Whether a connection's principal may still make requests: not revoked, expired or
    /// rotated away since its `hello`.
    pub fn still_valid(&self, principal: &Principal) -> Result<(), RpcError> {
        let gone = {
            let revoked = self.revoked.read().unwrap_or_else(|e| e.into_inner());
            revoked.contains(&principal.key_id)
                || principal
                    .session_id
                    .as_ref()
                    .is_some_and(|s| revoked.contains(s))
        };
        let now = now_ms();
        let expired = principal.expires_at.is_some_and(|e| e <= now)
            || self.rotation_cutoff(principal).is_some_and(|e| e <= now);
        if gone || expired {
            return Err(RpcError::new(
                ErrorKind::Unauthenticated,
                "the key or session of this connection has been revoked, rotated or has expired",
            ));
        }
        Ok(())
    }

    /// Checks the credential of a `hello`.
    pub async fn hello(
        &self,
        store: &Store,
        auth: Option<HelloAuth>,
        uid: Option<u32>,
    ) -> Result<Authenticated, RpcError> {
        let peer = uid.unwrap_or(u32::MAX);
        if let Some(wait) = self.gate.blocked(peer) {
            metrics::counter!(crate::metrics::AUTH_FAILURES, "reason" => "shut_out").increment(1);
            return Err(RpcError::new(
                ErrorKind::RateLimited,
                "too many failed authentications from this user; try again later",
            )
            .with("retry_after_ms", wait.as_millis() as u64));
        }
        // Taken before the credential is read: a rotation committed from here on comes after
        // this mark, so it ends this connection too.
        let rotation_mark = self.rotation_clock.load(Ordering::SeqCst);
        let outcome = match auth {
            Some(HelloAuth::ApiKey(text)) => self.check_key(store, &text).await,
            Some(HelloAuth::Session(token)) => self.check_session(store, &token).await,
            None => self.bootstrap(store, uid).await,
        };
        match outcome {
            Ok(Ok(mut done)) => {
                done.principal.uid = uid;
                done.principal.rotation_mark = rotation_mark;
                if done.stale_use {
                    let id = done.principal.key_id.clone();
                    store.write(move |c| db::touch_key(c, &id)).await?;
                }
                Ok(done)
            }
            Ok(Err(failure)) => Err(self.refuse(store, failure, uid).await),
            Err(e) => Err(e.into()),
        }
    }

    async fn refuse(&self, store: &Store, failure: Failure, uid: Option<u32>) -> RpcError {
        let reason = failure.reason.as_str();
        metrics::counter!(crate::metrics::AUTH_FAILURES, "reason" => reason).increment(1);
        tracing::warn!(reason, key_id = ?failure.key_id, peer_uid = ?uid, "authentication failed");
        self.gate.record_failure(uid.unwrap_or(u32::MAX));
        let written = store
            .write(move |c| {
                db::audit(
                    c,
                    &Audit {
                        event: "auth_failed",
                        key_id: failure.key_id.as_deref(),
                        method: Some(Hello::NAME),
                        outcome: "unauthenticated",
                        detail: json!({"reason": reason, "peer_uid": uid}),
                    },
                )
            })
            .await;
        if let Err(e) = written {
            tracing::error!(error = %e, "cannot write the audit log");
        }
        // The same delay whatever went wrong, so timing tells a guesser nothing.
        tokio::time::sleep(self.config.failure_delay).await;
        let message = if failure.reason == Reason::NoCredential {
            "this daemon needs an API key: run `cgen login`, or set CGEN_API_KEY"
        } else {
            "authentication failed: the key or token is not valid for this daemon"
        };
        RpcError::new(ErrorKind::Unauthenticated, message)
    }

    async fn check_key(
        &self,
        store: &Store,
        text: &str,
    ) -> Result<Result<Authenticated, Failure>, StoreError> {
        let key = match ApiKey::parse(text) {
            Ok(key) => key,
            Err(MalformedKey::WrongPrefix) => return Ok(Err(fail(Reason::WrongPrefix, None))),
            Err(MalformedKey::WrongShape) => return Ok(Err(fail(Reason::Malformed, None))),
        };
        let Some(row) = store.read_blocking(|c| db::get_key(c, &key.id))? else {
            return Ok(Err(fail(Reason::UnknownKey, Some(&key.id))));
        };
        let now = now_ms();
        let current = key.matches(&row.secret_hash);
        let previous = row
            .prev_secret_hash
            .as_deref()
            .is_some_and(|h| key.matches(h))
            && row.prev_expires_at.is_some_and(|e| e > now);
        if !current && !previous {
            return Ok(Err(fail(Reason::BadSecret, Some(&row.id))));
        }
        if let Some(reason) = dead_key_reason(&row, now) {
            return Ok(Err(fail(reason, Some(&row.id))));
        }
        // A connection made with the previous secret ends with that secret's grace period.
        let ends = match (current, row.prev_expires_at) {
            (false, Some(grace_end)) => {
                Some(row.expires_at.map_or(grace_end, |e| e.min(grace_end)))
            }
            _ => row.expires_at,
        };
        Ok(Ok(Authenticated {
            principal: principal_of(&row, row.role.into(), None, ends),
            bootstrap_key: None,
            stale_use: stale_use(&row, now),
        }))
    }

    async fn check_session(
        &self,
        store: &Store,
        token: &str,
    ) -> Result<Result<Authenticated, Failure>, StoreError> {
        use super::sessions::TokenError;
        let claims: Claims = match self.signer.verify(token) {
            Ok(c) => c,
            Err(TokenError::Expired) => return Ok(Err(fail(Reason::Expired, None))),
            Err(TokenError::WrongAudience) => return Ok(Err(fail(Reason::ForeignToken, None))),
            Err(_) => return Ok(Err(fail(Reason::BadToken, None))),
        };
        let (session, key) = store.read_blocking(|c| {
            Ok((
                db::get_session(c, &claims.jti)?,
                db::get_key(c, &claims.sub)?,
            ))
        })?;
        let (Some(session), Some(key)) = (session, key) else {
            return Ok(Err(fail(Reason::BadToken, Some(&claims.sub))));
        };
        let now = now_ms();
        if session.revoked_at.is_some() {
            return Ok(Err(fail(Reason::Revoked, Some(&key.id))));
        }
        if session.expires_at <= now {
            return Ok(Err(fail(Reason::Expired, Some(&key.id))));
        }
        if let Some(reason) = dead_key_reason(&key, now) {
            return Ok(Err(fail(reason, Some(&key.id))));
        }
        // Never more than the key that made it, even if the key changed since.
        let role = session.role.min(key.role);
        Ok(Ok(Authenticated {
            principal: principal_of(
                &key,
                role.into(),
                Some(session.id),
                Some(session.expires_at),
            ),
            bootstrap_key: None,
            stale_use: stale_use(&key, now),
        }))
    }

    /// A `hello` without credentials: the bootstrap while no key exists and the peer is the
    /// daemon's own user; otherwise a failure.
    async fn bootstrap(
        &self,
        store: &Store,
        uid: Option<u32>,
    ) -> Result<Result<Authenticated, Failure>, StoreError> {
        let own_user = uid.is_some() && uid == self.own_uid;
        if !own_user || store.read(db::any_key).await? {
            return Ok(Err(fail(Reason::NoCredential, None)));
        }
        let key = ApiKey::generate();
        let row = KeyRow {
            id: key.id.clone(),
            name: BOOTSTRAP_KEY_NAME.into(),
            role: KeyRole::Admin,
            secret_hash: key.secret_hash(),
            created_at: now_ms(),
            created_by: None,
            expires_at: None,
            revoked_at: None,
            last_used_at: None,
            prev_secret_hash: None,
            prev_expires_at: None,
        };
        let stored = row.clone();
        let made = store
            .write(move |c| db::bootstrap(c, &stored, json!({"peer_uid": uid})))
            .await?;
        if !made {
            return Ok(Err(fail(Reason::BootstrapRace, None)));
        }
        tracing::warn!(key_id = %row.id, "bootstrap: made the first admin key for the local owner");
        Ok(Ok(Authenticated {
            principal: principal_of(&row, Role::Admin, None, None),
            bootstrap_key: Some(key.expose()),
            stale_use: true,
        }))
    }

    /// Makes a session token for `principal`, never with more power or a longer life than
    /// the key it comes from.
    pub async fn create_session(
        &self,
        store: &Store,
        principal: &Principal,
        role: Option<Role>,
        ttl: Option<Duration>,
    ) -> Result<(SessionRow, String), RpcError> {
        let role = role.unwrap_or(principal.role);
        if role > principal.role {
            return Err(RpcError::new(
                ErrorKind::Forbidden,
                format!(
                    "a {} key cannot make a {} session",
                    principal.role.as_str(),
                    role.as_str()
                ),
            ));
        }
        let ttl = ttl.unwrap_or(self.config.session_ttl);
        if ttl > self.config.session_max_ttl {
            return Err(RpcError::invalid_params(format!(
                "ttl: at most {} (auth.session_max_ttl)",
                humantime::format_duration(self.config.session_max_ttl)
            ))
            .with("path", "ttl_ms"));
        }
        let now = now_ms();
        let mut expires_at = now + ttl.as_millis() as i64;
        // Never longer than what this connection stands on: its key's life, or the life of the
        // session it presented (a 15-minute token cannot mint a 30-day one).
        // Nor longer than a rotation of the key since this connection's hello allows.
        for end in [principal.expires_at, self.rotation_cutoff(principal)]
            .into_iter()
            .flatten()
        {
            expires_at = expires_at.min(end);
        }
        let session = SessionRow {
            id: hex::encode(rand::random::<[u8; 8]>()),
            key_id: principal.key_id.clone(),
            role: role.into(),
            created_at: now,
            expires_at,
            revoked_at: None,
        };
        let claims = Claims {
            sub: principal.key_id.clone(),
            aud: self.daemon_id().to_string(),
            role,
            jti: session.id.clone(),
            iat: (now / 1000) as u64,
            exp: (expires_at as u64).div_ceil(1000),
        };
        let token = self
            .signer
            .sign(&claims)
            .map_err(|e| RpcError::internal(e.to_string()))?;
        let stored = session.clone();
        store.write(move |c| db::create_session(c, &stored)).await?;
        Ok((session, token))
    }
}

fn dead_key_reason(row: &KeyRow, now: i64) -> Option<Reason> {
    if row.revoked_at.is_some() {
        Some(Reason::Revoked)
    } else if !row.is_live(now) {
        Some(Reason::Expired)
    } else {
        None
    }
}

fn principal_of(
    row: &KeyRow,
    role: Role,
    session_id: Option<String>,
    expires_at: Option<i64>,
) -> Principal {
    Principal {
        key_id: row.id.clone(),
        name: row.name.clone(),
        role,
        key_role: row.role.into(),
        session_id,
        expires_at,
        uid: None,
        rotation_mark: 0,
    }
}
