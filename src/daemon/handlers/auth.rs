//! `keys.*`, `sessions.*` and `admin.audit`: managing API keys (admin), session tokens (every
//! role, for itself; admins for everyone) and reading the audit log.

use std::time::Duration;

use super::Call;
use crate::auth::keys::ApiKey;
use crate::auth::{Principal, Role};
use crate::protocol::auth::{
    AuditEntry, AuditList, AuditParams, BudgetParams, BudgetView, IdParams, KeyCreateParams,
    KeyRotateParams, KeySecret, KeyView, KeysList, SessionCreateParams, SessionToken, SessionView,
    SessionsList, SetBudgetParams,
};
use crate::protocol::{ErrorKind, RpcError, Secret};
use crate::store::auth::{self as db, KeyRow};
use crate::store::budgets;
use crate::timestamp::now_ms;

const DEFAULT_AUDIT_ENTRIES: u32 = 100;

pub async fn keys_create(call: Call, p: KeyCreateParams) -> Result<KeySecret, RpcError> {
    let key = ApiKey::generate();
    let now = now_ms();
    let row = KeyRow {
        id: key.id.clone(),
        name: p.name.trim().to_string(),
        role: p.role.into(),
        secret_hash: key.secret_hash(),
        created_at: now,
        created_by: Some(call.principal.key_id.clone()),
        expires_at: p.expires_in_ms.map(|ms| now + ms as i64),
        revoked_at: None,
        last_used_at: None,
        prev_secret_hash: None,
        prev_expires_at: None,
    };
    let stored = row.clone();
    call.daemon
        .store
        .write(move |c| db::create_key(c, &stored))
        .await?;
    tracing::info!(key_id = %row.id, role = row.role.as_str(), by = %call.principal.key_id, "key created");
    Ok(KeySecret {
        key: KeyView::from(&row),
        secret: Secret(key.expose()),
    })
}

pub async fn keys_list(
    call: Call,
    _: crate::protocol::system::NoParams,
) -> Result<KeysList, RpcError> {
    let rows = call.daemon.store.read(db::list_keys).await?;
    Ok(KeysList {
        keys: rows.iter().map(KeyView::from).collect(),
    })
}

async fn key_of(call: &Call, id: &str) -> Result<KeyRow, RpcError> {
    let lookup = id.to_string();
    call.daemon
        .store
        .read(move |c| db::get_key(c, &lookup))
        .await?
        .ok_or_else(|| RpcError::not_found(format!("no key {id}")))
}

/// Revokes a key and its sessions (the store refuses the last live admin key).
pub async fn keys_revoke(call: Call, p: IdParams) -> Result<KeyView, RpcError> {
    let key = key_of(&call, &p.id).await?;
    let (id, by) = (key.id.clone(), call.principal.key_id.clone());
    call.daemon
        .store
        .write(move |c| db::revoke_key(c, &id, &by))
        .await?;
    call.daemon.auth.note_revoked(&key.id);
    tracing::info!(key_id = %key.id, by = %call.principal.key_id, "key revoked");
    Ok(KeyView::from(&key_of(&call, &key.id).await?))
}

/// A key's daily model budget and today's spending: any caller's own, an admin's any key's.
pub async fn keys_budget(call: Call, p: BudgetParams) -> Result<BudgetView, RpcError> {
    let id = p.id.unwrap_or_else(|| call.principal.key_id.clone());
    if id != call.principal.key_id && call.principal.role != Role::Admin {
        return Err(RpcError::new(
            ErrorKind::Forbidden,
            "only an admin may see another key's budget",
        ));
    }
    budget_view(&call, &key_of(&call, &id).await?.id).await
}

/// Gives a key daily limits of its own, or makes it follow `[budgets]` again.
pub async fn keys_set_budget(call: Call, p: SetBudgetParams) -> Result<BudgetView, RpcError> {
    let id = key_of(&call, &p.id).await?.id;
    let limits = (!p.follow_config).then_some(budgets::Limits {
        daily_tokens: p.daily_tokens,
        daily_cost: p.daily_cost,
    });
    let key = id.clone();
    call.daemon
        .store
        .write(move |c| budgets::set_own_limits(c, &key, limits))
        .await?;
    tracing::info!(key_id = %id, ?limits, by = %call.principal.key_id, "key budget set");
    budget_view(&call, &id).await
}

async fn budget_view(call: &Call, id: &str) -> Result<BudgetView, RpcError> {
    let now = now_ms();
    let day = budgets::day_of(now);
    let (key, today) = (id.to_string(), day.clone());
    let config = call.daemon.config().budgets.clone();
    let standing = call
        .daemon
        .store
        .read(move |c| crate::providers::budget::standing(c, &key, &today, &config))
        .await?;
    Ok(BudgetView {
        key_id: id.to_string(),
        source: standing.source,
        daily_tokens: standing.limits.daily_tokens,
        daily_cost: standing.limits.daily_cost,
        day,
        calls_today: standing.spent.calls,
        tokens_today: standing.spent.tokens,
        cost_today: standing.spent.cost,
        renews_at: crate::timestamp::format_ms(budgets::next_day_start(now)),
    })
}

/// A new secret for a key; the old one, the sessions minted from the key and its open
/// connections keep working for `grace_ms` (and end at once without one).
pub async fn keys_rotate(call: Call, p: KeyRotateParams) -> Result<KeySecret, RpcError> {
    let key = key_of(&call, &p.id).await?;
    let fresh = ApiKey::with_new_secret(&key.id);
    let (id, hash, by) = (
        key.id.clone(),
        fresh.secret_hash(),
        call.principal.key_id.clone(),
    );
    let until = now_ms() + p.grace_ms as i64;
    let rotated = call
        .daemon
        .store
        .write(move |c| db::rotate_key(c, &id, &hash, until, &by))
        .await?;
    if !rotated {
        return Err(RpcError::conflict(format!(
            "key {} is revoked or expired; create a new key instead",
            key.id
        )));
    }
    call.daemon.auth.note_rotated(&key.id, until);
    tracing::info!(key_id = %key.id, by = %call.principal.key_id, "key rotated");
    Ok(KeySecret {
        key: KeyView::from(&key_of(&call, &key.id).await?),
        secret: Secret(fresh.expose()),
    })
}

pub async fn sessions_create(call: Call, p: SessionCreateParams) -> Result<SessionToken, RpcError> {
    let ttl = p.ttl_ms.map(Duration::from_millis);
    let (session, token) = call
        .daemon
        .auth
        .create_session(&call.daemon.store, &call.principal, p.role, ttl)
        .await?;
    Ok(SessionToken {
        session: SessionView::from(&session),
        token: Secret(token),
    })
}

/// Admins see every session; everyone else the sessions of their own key.
pub async fn sessions_list(
    call: Call,
    _: crate::protocol::system::NoParams,
) -> Result<SessionsList, RpcError> {
    let only = own_scope(&call.principal);
    let rows = call
        .daemon
        .store
        .read(move |c| db::list_sessions(c, only.as_deref()))
        .await?;
    Ok(SessionsList {
        sessions: rows.iter().map(SessionView::from).collect(),
    })
}

pub async fn sessions_revoke(call: Call, p: IdParams) -> Result<SessionView, RpcError> {
    let id = p.id.clone();
    let session = call
        .daemon
        .store
        .read(move |c| db::get_session(c, &id))
        .await?
        .filter(|s| own_scope(&call.principal).is_none_or(|k| k == s.key_id))
        .ok_or_else(|| RpcError::not_found(format!("no session {}", p.id)))?;
    let (id, by) = (session.id.clone(), call.principal.key_id.clone());
    call.daemon
        .store
        .write(move |c| db::revoke_session(c, &id, &by))
        .await?;
    call.daemon.auth.note_revoked(&session.id);
    let id = session.id.clone();
    let revoked = call
        .daemon
        .store
        .read(move |c| db::get_session(c, &id))
        .await?
        .ok_or_else(|| RpcError::new(ErrorKind::Internal, "the session vanished"))?;
    Ok(SessionView::from(&revoked))
}

fn own_scope(principal: &Principal) -> Option<String> {
    (principal.role != Role::Admin).then(|| principal.key_id.clone())
}

pub async fn audit(call: Call, p: AuditParams) -> Result<AuditList, RpcError> {
    let limit = p.limit.unwrap_or(DEFAULT_AUDIT_ENTRIES);
    let entries = call
        .daemon
        .store
        .read(move |c| db::audit_entries(c, p.since_ms, p.key_id.as_deref(), limit))
        .await?;
    Ok(AuditList {
        entries: entries.into_iter().map(AuditEntry::from).collect(),
    })
}
