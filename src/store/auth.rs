//! The security tables: API keys (hashes only), sessions, the audit log, the daemon's own
//! secrets and template owners. Key creation, rotation and revocation write their audit entry
//! in the same transaction, so the log never misses a change.

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde_json::Value;

use super::{StoreError, format_ms, now_ms};

/// A key's or a session's role as stored (`api_keys.role`, `sessions.role`). The wire has its
/// own `Role`, converted to and from this one in `auth`: the store knows nothing of the wire.
/// Roles nest: `admin` ⊃ `user` ⊃ `viewer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyRole {
    Viewer,
    User,
    Admin,
}

impl KeyRole {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyRole::Viewer => "viewer",
            KeyRole::User => "user",
            KeyRole::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<KeyRole> {
        match text {
            "viewer" => Some(KeyRole::Viewer),
            "user" => Some(KeyRole::User),
            "admin" => Some(KeyRole::Admin),
            _ => None,
        }
    }

    /// Whether a key of this role reads every key's jobs, documents and collections: admin
    /// keys (who manage) and viewer keys (an operator's read-only key, made by an admin), not
    /// user keys, who see their own.
    pub fn sees_everything(self) -> bool {
        self != KeyRole::User
    }
}

/// A key as stored.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub id: String,
    pub name: String,
    pub role: KeyRole,
    pub secret_hash: Vec<u8>,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub prev_secret_hash: Option<Vec<u8>>,
    pub prev_expires_at: Option<i64>,
}

impl KeyRow {
    /// Not revoked and not expired at `now`.
    pub fn is_live(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| e > now)
    }

    /// `active`, `expired` or `revoked` at `now`.
    pub fn state(&self, now: i64) -> &'static str {
        if self.revoked_at.is_some() {
            "revoked"
        } else if !self.is_live(now) {
            "expired"
        } else {
            "active"
        }
    }

    /// After a rotation: until when the previous secret still works, if it still does at `now`.
    pub fn previous_secret_until(&self, now: i64) -> Option<i64> {
        self.prev_expires_at
            .filter(|&e| e > now && self.prev_secret_hash.is_some())
    }
}

/// A session as stored.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: String,
    pub key_id: String,
    pub role: KeyRole,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

impl SessionRow {
    /// `active`, `expired` or `revoked` at `now`.
    pub fn state(&self, now: i64) -> &'static str {
        if self.revoked_at.is_some() {
            "revoked"
        } else if self.expires_at <= now {
            "expired"
        } else {
            "active"
        }
    }
}

/// One entry of the audit log as the store reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub event: String,
    pub key_id: Option<String>,
    pub method: Option<String>,
    pub outcome: String,
    /// What the event recorded; null when nothing (or nothing readable).
    pub detail: Value,
}

/// One line for the audit log.
#[derive(Debug, Clone)]
pub struct Audit<'a> {
    pub event: &'a str,
    pub key_id: Option<&'a str>,
    pub method: Option<&'a str>,
    pub outcome: &'a str,
    pub detail: Value,
}

const KEY_COLUMNS: &str = "id, name, role, secret_hash, created_at, created_by, expires_at, \
    revoked_at, last_used_at, prev_secret_hash, prev_expires_at";

fn role_of(text: &str) -> rusqlite::Result<KeyRole> {
    KeyRole::parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown role {text}").into(),
        )
    })
}

fn key_from_row(r: &Row<'_>) -> rusqlite::Result<KeyRow> {
    Ok(KeyRow {
        id: r.get(0)?,
        name: r.get(1)?,
        role: role_of(&r.get::<_, String>(2)?)?,
        secret_hash: r.get(3)?,
        created_at: r.get(4)?,
        created_by: r.get(5)?,
        expires_at: r.get(6)?,
        revoked_at: r.get(7)?,
        last_used_at: r.get(8)?,
        prev_secret_hash: r.get(9)?,
        prev_expires_at: r.get(10)?,
    })
}

pub fn audit(conn: &Connection, entry: &Audit<'_>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, event, key_id, method, outcome, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        now_ms(),
        entry.event,
        entry.key_id,
        entry.method,
        entry.outcome,
        (!entry.detail.is_null()).then(|| entry.detail.to_string()),
    ])?;
    Ok(())
}

fn insert_key(conn: &Connection, key: &KeyRow) -> Result<(), StoreError> {
    conn.execute(
        &format!("INSERT INTO api_keys ({KEY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL, NULL, NULL)"),
        params![
            key.id,
            key.name,
            key.role.as_str(),
            key.secret_hash,
            key.created_at,
            key.created_by,
            key.expires_at
        ],
    )?;
    Ok(())
}

/// Stores the first key, only while there is none; false when one appeared meanwhile.
pub fn bootstrap(conn: &mut Connection, key: &KeyRow, detail: Value) -> Result<bool, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let any: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM api_keys)", [], |r| r.get(0))?;
    if any {
        return Ok(false);
    }
    insert_key(&tx, key)?;
    audit(
        &tx,
        &Audit {
            event: "bootstrap",
            key_id: Some(&key.id),
            method: None,
            outcome: "ok",
            detail,
        },
    )?;
    tx.commit()?;
    Ok(true)
}

pub fn any_key(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM api_keys)", [], |r| r.get(0))?)
}

pub fn create_key(conn: &mut Connection, key: &KeyRow) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    insert_key(&tx, key)?;
    audit(
        &tx,
        &Audit {
            event: "key_created",
            key_id: key.created_by.as_deref(),
            method: Some("keys.create"),
            outcome: "ok",
            detail: serde_json::json!({"id": key.id, "name": key.name, "role": key.role.as_str()}),
        },
    )?;
    tx.commit()?;
    Ok(())
}

pub fn get_key(conn: &Connection, id: &str) -> Result<Option<KeyRow>, StoreError> {
    let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], key_from_row)
        .optional()?)
}

pub fn list_keys(conn: &Connection) -> Result<Vec<KeyRow>, StoreError> {
    let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys ORDER BY created_at, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], key_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records a key's use now.
pub fn touch_key(conn: &Connection, id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1")?
        .execute(params![id, now_ms()])?;
    Ok(())
}

/// Revokes a key and every session it made. False when there is no such key; a conflict when
/// it is the last live admin key (nobody could manage the daemon afterwards). The check and
/// the revocation are one transaction, so two admins revoking each other cannot both succeed.
pub fn revoke_key(conn: &mut Connection, id: &str, by: &str) -> Result<bool, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_ms();
    let live_admin =
        "role = 'admin' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?1)";
    let is_live_admin: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = ?2 AND {live_admin})"),
        params![now, id],
        |r| r.get(0),
    )?;
    let live_admins: i64 = tx.query_row(
        &format!("SELECT count(*) FROM api_keys WHERE {live_admin}"),
        [now],
        |r| r.get(0),
    )?;
    if is_live_admin && live_admins <= 1 {
        return Err(StoreError::Conflict(
            "this is the last active admin key; create another admin key first".into(),
        ));
    }
    let n = tx.execute(
        "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1",
        params![id, now],
    )?;
    if n == 0 {
        return Ok(false);
    }
    tx.execute(
        "UPDATE sessions SET revoked_at = coalesce(revoked_at, ?2) WHERE key_id = ?1",
        params![id, now],
    )?;
    audit(
        &tx,
        &Audit {
            event: "key_revoked",
            key_id: Some(by),
            method: Some("keys.revoke"),
            outcome: "ok",
            detail: serde_json::json!({"id": id}),
        },
    )?;
    tx.commit()?;
    Ok(true)
}

/// Gives a live key a new secret; the old one keeps working until `old_valid_until`, and so
/// do the sessions minted before now, which end then (revoked at once when that has passed).
/// False when the key does not exist or is no longer live.
pub fn rotate_key(
    conn: &mut Connection,
    id: &str,
    new_hash: &[u8],
    old_valid_until: i64,
    by: &str,
) -> Result<bool, StoreError> {
    let tx = conn.transaction()?;
    let now = now_ms();
    let n = tx.execute(
        "UPDATE api_keys SET prev_secret_hash = secret_hash, prev_expires_at = ?3,
                secret_hash = ?2
         WHERE id = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?4)",
        params![id, new_hash, old_valid_until, now],
    )?;
    if n == 0 {
        return Ok(false);
    }
    tx.execute(
        "UPDATE sessions SET expires_at = min(expires_at, ?2),
                revoked_at = CASE WHEN ?2 <= ?3 THEN ?3 END
         WHERE key_id = ?1 AND revoked_at IS NULL",
        params![id, old_valid_until, now],
    )?;
    audit(
        &tx,
        &Audit {
            event: "key_rotated",
            key_id: Some(by),
            method: Some("keys.rotate"),
            outcome: "ok",
            detail: serde_json::json!({"id": id, "old_secret_until": format_ms(old_valid_until)}),
        },
    )?;
    tx.commit()?;
    Ok(true)
}

pub fn create_session(conn: &mut Connection, s: &SessionRow) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO sessions (id, key_id, role, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![s.id, s.key_id, s.role.as_str(), s.created_at, s.expires_at],
    )?;
    audit(
        &tx,
        &Audit {
            event: "session_created",
            key_id: Some(&s.key_id),
            method: Some("sessions.create"),
            outcome: "ok",
            detail: serde_json::json!({"id": s.id, "role": s.role.as_str(), "expires_at": format_ms(s.expires_at)}),
        },
    )?;
    tx.commit()?;
    Ok(())
}

const SESSION_COLUMNS: &str = "id, key_id, role, created_at, expires_at, revoked_at";

fn session_from_row(r: &Row<'_>) -> rusqlite::Result<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        key_id: r.get(1)?,
        role: role_of(&r.get::<_, String>(2)?)?,
        created_at: r.get(3)?,
        expires_at: r.get(4)?,
        revoked_at: r.get(5)?,
    })
}

pub fn get_session(conn: &Connection, id: &str) -> Result<Option<SessionRow>, StoreError> {
    let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], session_from_row)
        .optional()?)
}

/// Sessions of one key, or of every key; newest first.
pub fn list_sessions(
    conn: &Connection,
    key_id: Option<&str>,
) -> Result<Vec<SessionRow>, StoreError> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM sessions WHERE (?1 IS NULL OR key_id = ?1)
         ORDER BY created_at DESC, id LIMIT 1000"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([key_id], session_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn revoke_session(conn: &mut Connection, id: &str, by: &str) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE sessions SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1",
        params![id, now_ms()],
    )?;
    audit(
        &tx,
        &Audit {
            event: "session_revoked",
            key_id: Some(by),
            method: Some("sessions.revoke"),
            outcome: "ok",
            detail: serde_json::json!({"id": id}),
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Audit entries, newest first.
/// Removes sessions that ended before `before_ms` (their tokens are refused by their expiry
/// anyway); returns how many.
pub fn purge_sessions(conn: &Connection, before_ms: i64) -> Result<usize, StoreError> {
    Ok(conn.execute("DELETE FROM sessions WHERE expires_at < ?1", [before_ms])?)
}

/// Removes audit entries written before `before_ms`; returns how many.
pub fn purge_audit(conn: &Connection, before_ms: i64) -> Result<usize, StoreError> {
    Ok(conn.execute("DELETE FROM audit_log WHERE at < ?1", [before_ms])?)
}

pub fn audit_entries(
    conn: &Connection,
    since_ms: Option<i64>,
    key_id: Option<&str>,
    limit: u32,
) -> Result<Vec<AuditRow>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, event, key_id, method, outcome, detail FROM audit_log
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR key_id = ?2)
         ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![since_ms, key_id, limit], |r| {
        let detail: Option<String> = r.get(6)?;
        Ok(AuditRow {
            id: r.get(0)?,
            at: format_ms(r.get(1)?),
            event: r.get(2)?,
            key_id: r.get(3)?,
            method: r.get(4)?,
            outcome: r.get(5)?,
            detail: detail
                .and_then(|d| serde_json::from_str(&d).ok())
                .unwrap_or(Value::Null),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `daemon_secrets` row of the key that signs session tokens.
pub const SIGNING_SECRET: &str = "session_signing_key_2";
/// Where earlier versions kept it: their backups (0644) hold that secret, so it is retired.
const RETIRED_SIGNING_SECRET: &str = "session_signing_key";
/// `daemon_secrets` row of the daemon id, the audience of its tokens (public: `hello` says it).
pub const DAEMON_ID: &str = "daemon_id";

/// Takes out of a backup copy what must never leave the live database: the session-signing
/// secret, with which anyone who can read a backup could sign an admin session. A daemon
/// started on a restored copy makes a new one, so sessions made before the restore end.
/// `secure_delete` overwrites the row's bytes instead of leaving them in a free page.
pub fn strip_for_backup(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "secure_delete", true)?;
    conn.execute(
        "DELETE FROM daemon_secrets WHERE name = ?1",
        [SIGNING_SECRET],
    )?;
    Ok(())
}

/// Deletes the signing secret of earlier versions, which their backups hold: the daemon makes
/// a new one, and sessions made before the upgrade end once.
pub fn retire_old_signing_secret(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM daemon_secrets WHERE name = ?1",
        [RETIRED_SIGNING_SECRET],
    )?;
    Ok(())
}

/// A secret of the daemon's own, made on first use and kept from then on.
pub fn daemon_secret(
    conn: &mut Connection,
    name: &str,
    make: impl FnOnce() -> Vec<u8>,
) -> Result<Vec<u8>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let existing: Option<Vec<u8>> = tx
        .query_row(
            "SELECT value FROM daemon_secrets WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    let value = match existing {
        Some(v) => v,
        None => {
            let v = make();
            tx.execute(
                "INSERT INTO daemon_secrets (name, value) VALUES (?1, ?2)",
                params![name, v],
            )?;
            v
        }
    };
    tx.commit()?;
    Ok(value)
}

pub fn template_owner(conn: &Connection, name: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT owner FROM template_owners WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_template_owner(
    conn: &Connection,
    name: &str,
    owner: Option<&str>,
) -> Result<(), StoreError> {
    match owner {
        Some(owner) => conn.execute(
            "INSERT INTO template_owners (name, owner) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET owner = excluded.owner",
            params![name, owner],
        )?,
        None => conn.execute("DELETE FROM template_owners WHERE name = ?1", [name])?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sessions_that_ended_before_the_cutoff_are_purged() {
        let mut conn = crate::store::memory_with_key();
        for (id, expires_at) in [("old", 1_000), ("live", 5_000)] {
            let session = SessionRow {
                id: id.into(),
                key_id: "k".into(),
                role: KeyRole::User,
                created_at: 0,
                expires_at,
                revoked_at: None,
            };
            create_session(&mut conn, &session).unwrap();
        }
        assert_eq!(purge_sessions(&conn, 2_000).unwrap(), 1);
        assert!(get_session(&conn, "old").unwrap().is_none());
        assert!(get_session(&conn, "live").unwrap().is_some());
    }
}
