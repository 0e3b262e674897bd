//! Who a caller is and what it may do. Every request passes `authorize` at one chokepoint in
//! `daemon::connection`, before dispatch. Until API keys exist, every peer that passed the
//! socket's uid check is the local owner with the admin role; the permission of each method is
//! already declared in the method table, so keys and roles slot in here alone.

use crate::protocol::PrincipalView;

/// What a method needs, from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Permission {
    /// Reading jobs, documents, search, status.
    Read,
    /// Submitting and managing jobs and documents.
    Write,
    /// Managing the daemon and the queue.
    Admin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

    fn grants(self, p: Permission) -> bool {
        match p {
            Permission::Read => true,
            Permission::Write => self >= Role::User,
            Permission::Admin => self == Role::Admin,
        }
    }
}

/// The authenticated caller of a connection.
#[derive(Debug, Clone)]
pub struct Principal {
    pub name: String,
    pub role: Role,
    pub uid: Option<u32>,
}

impl Principal {
    /// A peer with the daemon's own uid: the local owner.
    pub fn local_owner(uid: Option<u32>) -> Principal {
        Principal {
            name: "local-owner".into(),
            role: Role::Admin,
            uid,
        }
    }

    pub fn view(&self) -> PrincipalView {
        PrincipalView {
            key_id: None,
            name: self.name.clone(),
            role: self.role.as_str().into(),
        }
    }
}

/// The one permission check, called for every request.
pub fn authorize(
    principal: &Principal,
    method: &str,
    needed: Permission,
) -> Result<(), crate::protocol::RpcError> {
    if principal.role.grants(needed) {
        Ok(())
    } else {
        Err(crate::protocol::RpcError::new(
            crate::protocol::ErrorKind::Forbidden,
            format!(
                "{method} needs the {needed:?} permission, which the {} role lacks",
                principal.role.as_str()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_nest() {
        assert!(Role::Viewer.grants(Permission::Read));
        assert!(!Role::Viewer.grants(Permission::Write));
        assert!(Role::User.grants(Permission::Write));
        assert!(!Role::User.grants(Permission::Admin));
        assert!(Role::Admin.grants(Permission::Admin));
        let viewer = Principal {
            name: "v".into(),
            role: Role::Viewer,
            uid: None,
        };
        assert!(authorize(&viewer, "jobs.submit", Permission::Write).is_err());
    }
}
