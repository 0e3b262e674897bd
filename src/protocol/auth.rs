//! Params and results of the security methods: `keys.*`, `sessions.*` and `admin.audit`, and
//! the vocabulary both sides share: roles and the permissions methods need.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::jobs::field_error;
use super::method::methods;
use super::system::NoParams;
use super::{RpcError, Secret, Validate};

methods! {
    Audit = "admin.audit", AuditParams => AuditList, "the audit log, newest first";
    CreateKey = "keys.create", KeyCreateParams => KeySecret,
        "a new API key; its secret is shown this once";
    ListKeys = "keys.list", NoParams => KeysList, "every API key, never a secret";
    RevokeKey = "keys.revoke", IdParams => KeyView, "revokes a key and ends its sessions";
    RotateKey = "keys.rotate", KeyRotateParams => KeySecret,
        "a new secret for a key; the old one works for the grace period";
    GetBudget = "keys.budget", BudgetParams => BudgetView,
        "a key's daily model budget and today's spending";
    SetBudget = "keys.set_budget", SetBudgetParams => BudgetView,
        "sets a key's own budget limits, or follows the configured defaults again";
    CreateSession = "sessions.create", SessionCreateParams => SessionToken,
        "a session token of at most the caller's role and its key's lifetime";
    ListSessions = "sessions.list", NoParams => SessionsList,
        "the caller's key's sessions (an admin's: all)";
    RevokeSession = "sessions.revoke", IdParams => SessionView, "ends a session";
}

/// What a method needs, from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Permission {
    /// Reading jobs, documents, search, status, metrics.
    Read,
    /// Submitting and managing one's own jobs, documents and templates.
    Write,
    /// Managing keys, sessions, configuration, backups, the queue and the daemon.
    Admin,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Read => "read",
            Permission::Write => "write",
            Permission::Admin => "admin",
        }
    }
}

/// Roles nest: `admin` ⊃ `user` ⊃ `viewer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    User,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::User => "user",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "viewer" => Some(Role::Viewer),
            "user" => Some(Role::User),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Whether a key of this role may use a method that needs `p`.
    pub fn grants(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::Write => self >= Role::User,
            Permission::Admin => self == Role::Admin,
        }
    }
}

/// Longest key name.
pub const MAX_KEY_NAME: usize = 64;
/// Longest lifetime of a key, grace period or session that a client may ask for (ten years).
pub const MAX_LIFETIME_MS: u64 = 10 * 365 * 86_400_000;
/// Most audit entries one call returns.
pub const MAX_AUDIT_ENTRIES: u32 = 10_000;

/// A key as the daemon shows it: never its secret.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KeyView {
    pub id: String,
    pub name: String,
    pub role: Role,
    /// `active`, `expired` or `revoked`.
    pub state: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
    /// After a rotation: until when the previous secret still works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_secret_until: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyCreateParams {
    pub name: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_ms: Option<u64>,
}

impl Validate for KeyCreateParams {
    fn validate(&self) -> Result<(), RpcError> {
        let printable = self.name.chars().all(|c| !c.is_control());
        if self.name.trim().is_empty() || self.name.len() > MAX_KEY_NAME || !printable {
            return Err(field_error(
                "name",
                "a key name is 1 to 64 bytes of printable text",
            ));
        }
        check_lifetime("expires_in_ms", self.expires_in_ms)
    }
}

fn check_lifetime(path: &str, ms: Option<u64>) -> Result<(), RpcError> {
    match ms {
        Some(ms) if ms == 0 || ms > MAX_LIFETIME_MS => {
            Err(field_error(path, "must be between 1 ms and ten years"))
        }
        _ => Ok(()),
    }
}

/// Params of `keys.budget`: whose budget to show (the caller's key when absent).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Validate for BudgetParams {
    fn validate(&self) -> Result<(), RpcError> {
        self.id.as_deref().map_or(Ok(()), |id| check_id("id", id))
    }
}

/// Params of `keys.set_budget`: the key's own daily limits (an absent one: no limit of that
/// kind), or, with `follow_config`, none of its own so that `[budgets]` applies again.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetBudgetParams {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_tokens: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cost: Option<f64>,
    #[serde(default)]
    pub follow_config: bool,
}

impl Validate for SetBudgetParams {
    fn validate(&self) -> Result<(), RpcError> {
        check_id("id", &self.id)?;
        if let Some(cost) = self.daily_cost
            && (!cost.is_finite() || cost < 0.0)
        {
            return Err(field_error(
                "daily_cost",
                "must be a finite number, zero or more",
            ));
        }
        if self.follow_config && (self.daily_tokens.is_some() || self.daily_cost.is_some()) {
            return Err(field_error(
                "follow_config",
                "a key follows the config's budgets or has limits of its own, not both",
            ));
        }
        Ok(())
    }
}

/// Where a key's limits come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitsSource {
    /// Set for this key with `cgen keys budget`.
    Key,
    /// The `[budgets]` defaults.
    Config,
}

/// A key's daily model budget and what its jobs spent today (UTC).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BudgetView {
    pub key_id: String,
    /// `key` (its own limits) or `config` (the `[budgets]` defaults).
    pub source: LimitsSource,
    /// No value: no limit of that kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_tokens: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_cost: Option<f64>,
    /// The UTC day the spending below belongs to (`YYYY-MM-DD`).
    pub day: String,
    pub calls_today: u64,
    pub tokens_today: u64,
    pub cost_today: f64,
    /// When the day's spending starts again from zero.
    pub renews_at: String,
}

/// A new or rotated key with its secret, which the daemon shows this once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeySecret {
    pub key: KeyView,
    pub secret: Secret,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeysList {
    pub keys: Vec<KeyView>,
}

/// Params naming one key or one session by id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdParams {
    pub id: String,
}

impl Validate for IdParams {
    fn validate(&self) -> Result<(), RpcError> {
        check_id("id", &self.id)
    }
}

/// A key or session id at `path`: 1 to 64 letters, digits or '-'.
fn check_id(path: &str, id: &str) -> Result<(), RpcError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(field_error(path, "an id is 1 to 64 letters, digits or '-'"))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRotateParams {
    pub id: String,
    /// How long the old secret keeps working; 0 ends it at once.
    #[serde(default)]
    pub grace_ms: u64,
}

impl Validate for KeyRotateParams {
    fn validate(&self) -> Result<(), RpcError> {
        check_id("id", &self.id)?;
        if self.grace_ms > MAX_LIFETIME_MS {
            return Err(field_error("grace_ms", "must be at most ten years"));
        }
        Ok(())
    }
}

/// A session as the daemon shows it: never its token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SessionView {
    pub id: String,
    pub key_id: String,
    pub role: Role,
    /// `active`, `expired` or `revoked`.
    pub state: String,
    pub created_at: String,
    pub expires_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionCreateParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_ms: Option<u64>,
    /// At most the role of the key that asks; the key's own role when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

impl Validate for SessionCreateParams {
    fn validate(&self) -> Result<(), RpcError> {
        check_lifetime("ttl_ms", self.ttl_ms)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionToken {
    pub session: SessionView,
    pub token: Secret,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionsList {
    pub sessions: Vec<SessionView>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditParams {
    /// Only entries at or after this time (Unix milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl Validate for AuditParams {
    fn validate(&self) -> Result<(), RpcError> {
        if let Some(id) = &self.key_id {
            check_id("key_id", id)?;
        }
        if matches!(self.limit, Some(n) if n == 0 || n > MAX_AUDIT_ENTRIES) {
            return Err(field_error("limit", "must be between 1 and 10000"));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub outcome: String,
    /// Free-form: each audit event records its own details.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub detail: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditList {
    pub entries: Vec<AuditEntry>,
}
