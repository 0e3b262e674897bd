//! Owns which local files an ingest may read on its caller's behalf. The daemon reads with its
//! own rights, so without a limit any key could read what only the daemon can: the daemon's
//! own folders (config, credentials, data, state, logs, backups, socket) are refused to
//! everyone, admins included, and a caller that is not an admin reads only under the roots the
//! admin configured (`[kb] allowed_roots`; none by default). Every path is resolved (symlinks,
//! `..`) before it is checked, at submit time and again for every file the job reads.

use std::path::{Path, PathBuf};

use super::settings::KbConfig;
use crate::confine::{Confinement, Purpose};
use crate::paths::Paths;

/// The limits of one caller's local reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalAccess(Confinement);

impl LocalAccess {
    /// The limits of an admin (`admin`) or of any other caller, under these paths and settings.
    pub fn new(paths: &Paths, kb: &KbConfig, admin: bool) -> LocalAccess {
        LocalAccess(Confinement::new(
            Purpose::Ingest,
            paths,
            &kb.allowed_roots,
            admin,
        ))
    }

    /// Refuses `path` (a file, a folder, or a glob's fixed part) when it resolves into the
    /// daemon's own files or, for a caller that is not an admin, outside the allowed roots.
    pub fn check(&self, path: &Path) -> Result<(), String> {
        self.0.check(path)
    }

    /// Like `check`, for an input as submitted: a glob is checked by its fixed leading part
    /// (its matches are checked one by one when the job runs).
    pub fn check_input(&self, input: &str) -> Result<(), String> {
        let path = std::path::absolute(input).unwrap_or_else(|_| PathBuf::from(input));
        let fixed: PathBuf = path
            .components()
            .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
            .collect();
        self.check(&fixed).map_err(|reason| {
            if fixed == path {
                reason
            } else {
                format!("{input}: {reason}")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn paths(home: &Path) -> Paths {
        Paths::under_home(home)
    }

    fn kb(roots: &[&Path]) -> KbConfig {
        KbConfig {
            allowed_roots: roots.iter().map(|r| r.to_path_buf()).collect(),
            ..KbConfig::default()
        }
    }

    #[test]
    fn the_daemon_home_is_refused_to_admins_too() {
        let home = tempfile::tempdir().unwrap();
        for dir in ["config", "data", "state/backups", "run", "notes"] {
            fs::create_dir_all(home.path().join(dir)).unwrap();
        }
        fs::write(home.path().join("config/credentials.json"), "{}").unwrap();
        let admin = LocalAccess::new(&paths(home.path()), &kb(&[]), true);
        for refused in [
            "config/credentials.json",
            "data",
            "state/backups/x.db",
            "run",
            "notes/../config",
        ] {
            let err = admin.check(&home.path().join(refused)).unwrap_err();
            assert!(err.contains("daemon's own files"), "{refused}: {err}");
        }
        // A link into the home is resolved first.
        let link = home.path().join("notes/creds");
        std::os::unix::fs::symlink(home.path().join("config/credentials.json"), &link).unwrap();
        assert!(admin.check(&link).is_err());
        assert!(admin.check(&home.path().join("notes")).is_ok());
        assert!(admin.check(Path::new("/etc/hostname")).is_ok());
    }

    #[test]
    fn other_callers_read_only_under_the_allowed_roots() {
        let home = tempfile::tempdir().unwrap();
        let root = home.path().join("shared");
        fs::create_dir_all(root.join("sub")).unwrap();
        let none = LocalAccess::new(&paths(home.path()), &kb(&[]), false);
        assert!(none.check(&root).is_err());
        let user = LocalAccess::new(&paths(home.path()), &kb(&[&root]), false);
        assert!(user.check(&root.join("sub")).is_ok());
        assert!(user.check(&root.join("missing/file.md")).is_ok());
        for refused in [
            root.join("../config"),
            root.join("missing/../../x"),
            PathBuf::from("/etc/shadow"),
            home.path().join("shared2"),
        ] {
            assert!(user.check(&refused).is_err(), "{}", refused.display());
        }
        std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
        assert!(user.check(&root.join("etc/hostname")).is_err());
        let glob = format!("{}/*.md", root.display());
        assert!(user.check_input(&glob).is_ok());
        let err = user.check_input("/etc/*").unwrap_err();
        assert!(err.starts_with("/etc/*: /etc is outside"), "{err}");
    }
}
