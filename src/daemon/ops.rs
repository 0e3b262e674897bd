//! Operations the daemon runs both when asked (a handler) and on its own schedule (`upkeep`):
//! backups and the free space of its disk. They sit below both, so handlers stay thin and the
//! schedule never calls into a request handler. Also the one offline operation on the
//! database file, `restore`, which the command line runs with no daemon started, so that it
//! need not open the store itself.

use std::path::{Path, PathBuf};

use super::Daemon;
use crate::protocol::system::BackupResult;
use crate::store::{StoreError, maintenance};

/// Writes a backup to `to`, or to a timestamped file in the state dir's `backups/`.
pub async fn take_backup(daemon: &Daemon, to: Option<PathBuf>) -> Result<BackupResult, StoreError> {
    let to = match to {
        Some(t) => t,
        None => {
            let dir = backups_dir(daemon);
            crate::paths::create_private_dir(&dir)?;
            // Also when an earlier version made it with the umask's mode.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(
                    |source| StoreError::Io {
                        path: dir.clone(),
                        source,
                    },
                )?;
            }
            let stamp = file_stamp();
            dir.join(format!("cgen-{stamp}.db"))
        }
    };
    let target = to.clone();
    let bytes = daemon
        .store
        .read(move |c| maintenance::backup(c, &target))
        .await?;
    tracing::info!(path = %to.display(), bytes, "backup written");
    metrics::gauge!(crate::metrics::LAST_BACKUP).set(crate::timestamp::now_ms() as f64 / 1000.0);
    Ok(BackupResult {
        path: to.display().to_string(),
        bytes,
    })
}

/// Where automatic and unnamed backups go.
pub fn backups_dir(daemon: &Daemon) -> PathBuf {
    daemon.paths.state_dir.join("backups")
}

/// Free bytes on the file system holding `dir` (for unprivileged users).
pub fn free_bytes(dir: &Path) -> Result<u64, String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).map_err(|e| e.to_string())?;
        // SAFETY: statvfs only writes into the struct we own; the path is NUL-terminated.
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
            return Err(format!(
                "cannot stat {}: {}",
                dir.display(),
                std::io::Error::last_os_error()
            ));
        }
        Ok(stat.f_bavail as u64 * stat.f_frsize as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Err("free space is not measured on this platform".into())
    }
}

/// Puts the backup `file` in place of the database at `db`, after checking it, and returns
/// where the previous database (with its WAL files) was moved aside. Only with no daemon
/// running: the caller makes sure of that. Errors are the user's message.
pub fn restore(db: &Path, file: &Path) -> Result<PathBuf, String> {
    maintenance::verify(file).map_err(|e| e.to_string())?;
    let aside = PathBuf::from(format!("{}.before-restore-{}", db.display(), file_stamp()));
    if db.exists() {
        std::fs::rename(db, &aside)
            .map_err(|e| format!("cannot move {} aside: {e}", db.display()))?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())));
        }
    }
    if let Some(dir) = db.parent() {
        crate::paths::create_private_dir(dir).map_err(|e| e.to_string())?;
    }
    std::fs::copy(file, db)
        .map_err(|e| format!("cannot copy {} into place: {e}", file.display()))?;
    // The copy took the backup file's mode; the database is the daemon's alone.
    crate::paths::create_private_file(db, false).map_err(|e| e.to_string())?;
    Ok(aside)
}

/// Now as a file-name part: RFC 3339 with the characters file systems dislike replaced.
fn file_stamp() -> String {
    crate::timestamp::format_ms(crate::timestamp::now_ms()).replace([':', '.'], "-")
}
