//! The local socket: created 0600 in a 0700 folder (0660 in a 0750 one when other users are
//! allowed), one
//! daemon per path. A socket file left by a crash is removed only after a connection to it is
//! refused, so a live daemon is never displaced; and only when it is a socket of our own uid,
//! so a path that names someone's file (`CGEN_SOCKET=/etc/passwd`) is never deleted. The
//! socket's folder must be ours and closed to writes by others: whoever can write there could
//! swap the socket for their own.

use std::io;
use std::path::Path;

use interprocess::local_socket::tokio::prelude::*;
use interprocess::local_socket::{GenericFilePath, ListenerOptions};
#[cfg(unix)]
use interprocess::os::unix::local_socket::ListenerOptionsExt;

use super::DaemonError;

pub use interprocess::local_socket::tokio::{Listener, Stream};

/// Binds the socket at `path`, or takes the one systemd passed; the flag says which.
pub async fn bind(path: &Path, allow_other_users: bool) -> Result<(Listener, bool), DaemonError> {
    let listen_err = |source| DaemonError::Listen {
        path: path.display().to_string(),
        source,
    };
    if let Some(listener) = from_service_manager().map_err(listen_err)? {
        tracing::info!("serving the socket systemd passed");
        return Ok((listener, true));
    }
    if let Some(dir) = path.parent() {
        crate::paths::create_private_dir(dir)?;
        check_folder(dir).map_err(listen_err)?;
        // Other users need to reach the socket: its folder's group may traverse it.
        #[cfg(unix)]
        if allow_other_users {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o750))
                .map_err(listen_err)?;
        }
    }
    let created = match create(path, allow_other_users) {
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
            let name = path.to_fs_name::<GenericFilePath>().map_err(listen_err)?;
            if Stream::connect(name).await.is_ok() {
                return Err(DaemonError::AlreadyRunning(format!(
                    "{} is already serving {}; stop it with `cgen daemon stop` \
                     or set CGEN_SOCKET to run a second instance",
                    super::ANOTHER_DAEMON,
                    path.display()
                )));
            }
            check_stale(path).map_err(listen_err)?;
            tracing::warn!(socket = %path.display(), "removing a stale socket left by an earlier daemon");
            std::fs::remove_file(path).map_err(listen_err)?;
            create(path, allow_other_users).map_err(listen_err)
        }
        other => other.map_err(listen_err),
    };
    Ok((created?, false))
}

/// The listening socket systemd passed (socket activation), if it passed one. systemd then
/// owns the socket file: the daemon neither creates nor removes it.
fn from_service_manager() -> std::io::Result<Option<Listener>> {
    #[cfg(unix)]
    {
        use interprocess::os::unix::uds_local_socket::tokio::Listener as UdsListener;
        use std::os::fd::{FromRawFd, OwnedFd};
        let Some(fd) = sd_notify::listen_fds()?.next() else {
            return Ok(None);
        };
        // SAFETY: systemd hands this descriptor to this process alone (LISTEN_PID is checked),
        // and nothing else here takes ownership of it.
        let owned = unsafe { OwnedFd::from_raw_fd(fd) };
        let listener =
            UdsListener::try_from(owned).map_err(|e| std::io::Error::other(e.to_string()))?;
        Ok(Some(Listener::UdSocket(listener)))
    }
    #[cfg(not(unix))]
    {
        Ok(None)
    }
}

fn create(path: &Path, allow_other_users: bool) -> io::Result<Listener> {
    let opts = ListenerOptions::new().name(path.to_fs_name::<GenericFilePath>()?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if allow_other_users { 0o660 } else { 0o600 };
        let listener = opts.mode(mode).create_tokio()?;
        // The mode given at creation passes through the umask (022 makes 0660 a 0640); the
        // documented mode is set afterwards, on the socket this process now owns.
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        Ok(listener)
    }
    #[cfg(not(unix))]
    {
        let _ = allow_other_users;
        opts.create_tokio()
    }
}

/// Refuses a socket folder that is not ours, or that others may write to: `/`, `/tmp` and a
/// shared folder all let another user remove the socket and put their own in its place.
fn check_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(dir)?;
        if Some(meta.uid()) != own_uid() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "the socket's folder {} belongs to uid {}, not to this daemon's user; \
                     choose a folder of its own (CGEN_SOCKET or daemon.socket)",
                    dir.display(),
                    meta.uid()
                ),
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "the socket's folder {} may be written by other users (mode {:o}); \
                     choose a private folder (CGEN_SOCKET or daemon.socket)",
                    dir.display(),
                    meta.mode() & 0o7777
                ),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Only a socket of our own uid that nobody answers on may be removed: anything else at the
/// path (a regular file, a folder, another user's socket) stays where it is.
fn check_stale(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let meta = std::fs::symlink_metadata(path)?;
        if !meta.file_type().is_socket() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it is not a socket; refusing to replace it (choose another path with \
                 CGEN_SOCKET or daemon.socket)",
            ));
        }
        if Some(meta.uid()) != own_uid() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "a socket of uid {} is there; refusing to replace another user's socket",
                    meta.uid()
                ),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The peer's effective uid, where the platform reports it.
pub fn peer_uid(conn: &Stream) -> Option<u32> {
    #[cfg(unix)]
    {
        conn.peer_creds().ok().and_then(|c| c.euid())
    }
    #[cfg(not(unix))]
    {
        let _ = conn;
        None
    }
}

/// This process's effective uid.
pub fn own_uid() -> Option<u32> {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        Some(unsafe { libc::geteuid() })
    }
    #[cfg(not(unix))]
    {
        None
    }
}
