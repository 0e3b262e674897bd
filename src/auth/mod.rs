//! Who a caller is and what it may do. A connection proves who it is once, in `hello`
//! (`authenticate`: an API key, a session token, or the one-time bootstrap of the first admin
//! key); then every request passes `authorize` at one chokepoint in `daemon::connection`,
//! against the permission the method table gives each method, and the rate limiter.

pub mod authenticate;
pub mod keys;
pub mod ratelimit;
pub mod sessions;
pub mod settings;

use crate::protocol::{ErrorKind, PrincipalView, RpcError};
use crate::store::auth::KeyRole;

pub use crate::protocol::auth::{Permission, Role};

// The wire's role and the stored one name the same three roles; these two are the only place
// that maps one onto the other (the store knows nothing of the wire).
impl From<KeyRole> for Role {
    fn from(r: KeyRole) -> Self {
        match r {
            KeyRole::Viewer => Role::Viewer,
            KeyRole::User => Role::User,
            KeyRole::Admin => Role::Admin,
        }
    }
}

impl From<Role> for KeyRole {
    fn from(r: Role) -> Self {
        match r {
            Role::Viewer => KeyRole::Viewer,
            Role::User => KeyRole::User,
            Role::Admin => KeyRole::Admin,
        }
    }
}

/// The authenticated caller of a connection: always a key, perhaps through a session.
#[derive(Debug, Clone)]
pub struct Principal {
    pub key_id: String,
    pub name: String,
    /// What this connection may do: the key's role, or a session's narrower one.
    pub role: Role,
    /// The role of the key itself, which decides whose data the caller sees: a session may
    /// do less than its key, never see more.
    pub key_role: Role,
    /// Set when the caller authenticated with a session token.
    pub session_id: Option<String>,
    /// When the key or session ends (Unix ms); checked before every request.
    pub expires_at: Option<i64>,
    pub uid: Option<u32>,
    /// How many key rotations the daemon had seen when this connection authenticated: the
    /// rotations of its key after that mark end it (see `Authenticator::note_rotated`).
    pub rotation_mark: u64,
}

impl Principal {
    pub fn view(&self) -> PrincipalView {
        PrincipalView {
            key_id: Some(self.key_id.clone()),
            name: self.name.clone(),
            role: self.role.as_str().into(),
            session_id: self.session_id.clone(),
        }
    }

    /// The owner recorded on what this caller creates (jobs, templates).
    pub fn owner(&self) -> &str {
        &self.key_id
    }

    /// Whether this caller sees other keys' jobs, documents and collections: decided by its
    /// key, whatever the role of the session it came with (see `KeyRole::sees_everything`).
    pub fn sees_everything(&self) -> bool {
        KeyRole::from(self.key_role).sees_everything()
    }

    /// The key whose own data bounds what this caller reads; None when it reads everything.
    pub fn reader(&self) -> Option<&str> {
        (!self.sees_everything()).then(|| self.owner())
    }

    /// Whether this caller may see or act on something owned by `owner` (None: made before
    /// keys existed, or by the daemon itself; only admin and viewer keys see those). Acting
    /// takes the write permission besides, which viewers never have.
    pub fn may_touch(&self, owner: Option<&str>) -> bool {
        self.sees_everything() || owner == Some(self.owner())
    }
}

/// The one permission check, called for every request.
pub fn authorize(principal: &Principal, method: &str, needed: Permission) -> Result<(), RpcError> {
    if principal.role.grants(needed) {
        Ok(())
    } else {
        Err(RpcError::new(
            ErrorKind::Forbidden,
            format!(
                "{method} needs the {} permission, which the {} role lacks",
                format!("{needed:?}").to_lowercase(),
                principal.role.as_str()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role) -> Principal {
        Principal {
            key_id: "k1".into(),
            name: "n".into(),
            role,
            key_role: role,
            session_id: None,
            expires_at: None,
            uid: None,
            rotation_mark: 0,
        }
    }

    #[test]
    fn roles_nest() {
        assert!(Role::Viewer.grants(Permission::Read));
        assert!(!Role::Viewer.grants(Permission::Write));
        assert!(Role::User.grants(Permission::Write));
        assert!(!Role::User.grants(Permission::Admin));
        assert!(Role::Admin.grants(Permission::Admin));
        let e = authorize(&principal(Role::Viewer), "jobs.submit", Permission::Write).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Forbidden);
        assert!(e.message.contains("write permission"));
    }

    #[test]
    fn users_touch_only_their_own() {
        let user = principal(Role::User);
        assert!(user.may_touch(Some("k1")));
        assert!(!user.may_touch(Some("k2")));
        assert!(!user.may_touch(None));
        assert!(principal(Role::Viewer).may_touch(Some("k2")));
        assert!(principal(Role::Admin).may_touch(None));
    }

    #[test]
    fn a_session_never_sees_more_than_its_key() {
        // A viewer session of a user key: viewer powers, the user key's scope.
        let mut session = principal(Role::Viewer);
        session.key_role = Role::User;
        assert!(!session.sees_everything());
        assert!(!session.may_touch(Some("k2")));
        assert_eq!(session.reader(), Some("k1"));
        assert_eq!(principal(Role::Viewer).reader(), None);
    }
}
