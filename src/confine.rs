//! Which local paths a caller may have the daemon read or write on its behalf. The daemon acts
//! with its own rights, so without a limit any key could make it reach wherever it can: the
//! daemon's own files (config, credentials, data, state with its logs and backups, the socket)
//! are refused to everyone, admins included, and a caller that is not an admin is confined to
//! the roots the admin configured (`[kb] allowed_roots` for ingest, `[output] allowed_roots`
//! for articles; none by default). Every path is resolved (symlinks, `..`, dangling links)
//! before it is checked; callers check when a job is submitted and again when it touches the
//! file, so a link planted in between cannot redirect it.

use std::path::{Component, Path, PathBuf};

use crate::paths::Paths;

/// Links followed at most while resolving, as the kernel does (ELOOP).
const MAX_LINKS: usize = 40;

/// What the daemon would do with the path: it names the setting and the act in refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Ingest,
    Write,
}

impl Purpose {
    fn act(self) -> &'static str {
        match self {
            Purpose::Ingest => "ingest",
            Purpose::Write => "write articles to",
        }
    }

    fn setting(self) -> &'static str {
        match self {
            Purpose::Ingest => "[kb] allowed_roots",
            Purpose::Write => "[output] allowed_roots",
        }
    }
}

/// The limits of one caller for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confinement {
    purpose: Purpose,
    /// The daemon's own folders and files, resolved.
    private: Vec<PathBuf>,
    /// `None`: anywhere else (an admin); `Some`: only under these, resolved.
    allowed: Option<Vec<PathBuf>>,
}

impl Confinement {
    /// The limits of an admin (`admin`) or of any other caller, with the configured `roots`.
    pub fn new(purpose: Purpose, paths: &Paths, roots: &[PathBuf], admin: bool) -> Confinement {
        Confinement {
            purpose,
            private: daemon_own(paths),
            allowed: (!admin).then(|| roots.iter().map(|r| resolve(r)).collect()),
        }
    }

    /// Refuses `path` when it resolves into the daemon's own files or, for a caller that is
    /// not an admin, outside the allowed roots. The reason names the path as given.
    pub fn check(&self, path: &Path) -> Result<(), String> {
        let resolved = resolve(path);
        let act = self.purpose.act();
        if self.private.iter().any(|p| resolved.starts_with(p)) {
            return Err(format!(
                "{} is in the daemon's own files (config, credentials, data, state, logs, \
                 backups); nobody may {act} them",
                path.display()
            ));
        }
        match &self.allowed {
            Some(roots) if !roots.iter().any(|r| resolved.starts_with(r)) => Err(format!(
                "{} is outside the folders this key may {act} (an admin lists them in {})",
                path.display(),
                self.purpose.setting()
            )),
            _ => Ok(()),
        }
    }
}

/// The daemon's own files and folders, resolved. The socket's folder counts only when it is
/// the default one: a socket placed elsewhere (`CGEN_SOCKET=/tmp/x.sock`) does not make /tmp
/// the daemon's.
fn daemon_own(paths: &Paths) -> Vec<PathBuf> {
    let config_dir = paths.config_file.parent();
    let credentials_dir = paths.credentials_file.parent();
    let mut own: Vec<PathBuf> = [config_dir, credentials_dir]
        .into_iter()
        .flatten()
        .chain([
            paths.config_file.as_path(),
            &paths.credentials_file,
            &paths.data_dir,
            &paths.state_dir,
            &paths.log_dir,
            &paths.socket,
        ])
        .map(resolve)
        .collect();
    if paths.socket.file_name() == Some("cgen.sock".as_ref())
        && let Some(run) = paths.socket.parent()
        && run.file_name().is_some_and(|n| n == "run" || n == "cgen")
    {
        own.push(resolve(run));
    }
    own
}

/// The real path of `path`: symlinks and `..` resolved. A path that does not exist (yet) is
/// resolved up to its deepest existing ancestor and the rest taken as written with `..`
/// applied, so `root/missing/../../etc` cannot pass for a path under `root`; a dangling link
/// there is followed to where it points, which is where a write through it would go.
pub fn resolve(path: &Path) -> PathBuf {
    resolve_following(path, 0)
}

fn resolve_following(path: &Path, links: usize) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for base in path.ancestors() {
        if let Ok(real) = std::fs::canonicalize(base) {
            let rest = path.strip_prefix(base).unwrap_or(Path::new(""));
            let mut parts = rest.components();
            if let Some(first) = parts.next()
                && links < MAX_LINKS
                && let Ok(target) = std::fs::read_link(real.join(first))
            {
                // An absolute target replaces `real`; a relative one is taken from it.
                return resolve_following(&real.join(target).join(parts.as_path()), links + 1);
            }
            return normalize(&real.join(rest));
        }
    }
    normalize(&path)
}

/// Applies `.` and `..` without looking at the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn paths(home: &Path) -> Paths {
        Paths::under_home(home)
    }

    #[test]
    fn the_daemons_own_folders_are_refused_to_everyone() {
        let home = tempfile::tempdir().unwrap();
        let admin = Confinement::new(Purpose::Write, &paths(home.path()), &[], true);
        for own in ["config", "data/x", "state/backups", "state/logs", "run"] {
            assert!(admin.check(&home.path().join(own)).is_err(), "{own}");
        }
        assert!(admin.check(&home.path().join("out")).is_ok());
        assert!(admin.check(Path::new("/srv/site")).is_ok());
    }

    #[test]
    fn other_callers_write_only_under_the_roots_resolved() {
        let home = tempfile::tempdir().unwrap();
        let root = home.path().join("public");
        fs::create_dir(&root).unwrap();
        let none = Confinement::new(Purpose::Write, &paths(home.path()), &[], false);
        assert!(none.check(&root).is_err());
        let user = Confinement::new(
            Purpose::Write,
            &paths(home.path()),
            std::slice::from_ref(&root),
            false,
        );
        assert!(user.check(&root.join("blog/new")).is_ok());
        assert!(user.check(&root.join("new/../../elsewhere")).is_err());
        assert!(user.check(&root.join("../public-not")).is_err());
        std::os::unix::fs::symlink(home.path().join("state"), root.join("link")).unwrap();
        assert!(user.check(&root.join("link")).is_err());
        std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
        assert!(user.check(&root.join("etc/cron.d")).is_err());
        // Dangling links are followed to where a write would go.
        std::os::unix::fs::symlink("/nonexistent/x", root.join("dangling")).unwrap();
        assert!(user.check(&root.join("dangling/sub")).is_err());
        std::os::unix::fs::symlink("inside", root.join("relative")).unwrap();
        assert!(user.check(&root.join("relative/sub")).is_ok());
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        assert!(
            user.check(&root.join("loop")).is_ok(),
            "a loop resolves to itself"
        );
    }
}
