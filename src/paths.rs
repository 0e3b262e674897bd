//! Where cgen keeps its files: the config file, the credentials file, data, state, logs and
//! the socket, from `CGEN_HOME` or the XDG base directories. A leaf: the client, credentials,
//! confinement and the providers' secrets need the paths without the configuration. Also how
//! cgen makes its own folders and files: readable by their owner alone.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// Environment variables that relocate cgen's files.
pub const ENV_HOME: &str = "CGEN_HOME";
pub const ENV_SOCKET: &str = "CGEN_SOCKET";
pub const ENV_CONFIG: &str = "CGEN_CONFIG";

/// Longest socket path a Unix socket address can hold (`sun_path` less its NUL).
const MAX_SOCKET_PATH: usize = 107;

#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    #[error("invalid socket path: {0}")]
    Socket(String),
    #[error("cannot find a home directory; set {ENV_HOME}")]
    NoHome,
}

/// The folders and files cgen uses. `CGEN_HOME` puts them all under one folder (tests,
/// several instances); otherwise they follow the XDG base directories.
#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    pub config_file: PathBuf,
    /// The client's 0600 credentials file: in the config dir, wherever the config file is.
    pub credentials_file: PathBuf,
    pub data_dir: PathBuf,
    pub state_dir: PathBuf,
    pub log_dir: PathBuf,
    pub socket: PathBuf,
}

impl Paths {
    /// Resolves the paths from the environment; `socket_override` is the config file's
    /// `daemon.socket`, which `CGEN_SOCKET` beats.
    pub fn resolve() -> Result<Paths, PathsError> {
        let (config_dir, data_dir, state_dir, runtime_dir) = match std::env::var_os(ENV_HOME) {
            Some(home) if !home.is_empty() => {
                let home = absolute(Path::new(&home));
                (
                    home.join("config"),
                    home.join("data"),
                    home.join("state"),
                    Some(home.join("run")),
                )
            }
            _ => {
                let dirs =
                    directories::ProjectDirs::from("", "", "cgen").ok_or(PathsError::NoHome)?;
                let state = dirs
                    .state_dir()
                    .unwrap_or_else(|| dirs.data_local_dir())
                    .to_path_buf();
                let runtime = dirs.runtime_dir().map(Path::to_path_buf);
                (
                    dirs.config_dir().to_path_buf(),
                    dirs.data_dir().to_path_buf(),
                    state,
                    runtime,
                )
            }
        };
        let config_file = match std::env::var_os(ENV_CONFIG) {
            Some(p) if !p.is_empty() => absolute(Path::new(&p)),
            _ => config_dir.join("config.toml"),
        };
        // Without a runtime dir (cron, containers) the socket lives in the state dir.
        let socket = match std::env::var_os(ENV_SOCKET) {
            Some(p) if !p.is_empty() => absolute(Path::new(&p)),
            _ => runtime_dir
                .unwrap_or_else(|| state_dir.clone())
                .join("cgen.sock"),
        };
        Ok(Paths {
            config_file,
            credentials_file: config_dir.join("credentials.json"),
            data_dir,
            log_dir: state_dir.join("logs"),
            state_dir,
            socket,
        })
    }

    /// The layout of one home folder (`CGEN_HOME`) without overrides: the unit tests' daemon.
    #[cfg(test)]
    pub(crate) fn under_home(home: &Path) -> Paths {
        Paths {
            config_file: home.join("config/config.toml"),
            credentials_file: home.join("config/credentials.json"),
            data_dir: home.join("data"),
            state_dir: home.join("state"),
            log_dir: home.join("state/logs"),
            socket: home.join("run/cgen.sock"),
        }
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.join("cgen.db")
    }

    /// Checks what the OS will refuse later with a less helpful message.
    pub fn validate(&self) -> Result<(), PathsError> {
        if self.socket.as_os_str().len() > MAX_SOCKET_PATH {
            return Err(PathsError::Socket(format!(
                "{} is longer than {MAX_SOCKET_PATH} bytes, the limit of a Unix socket path; \
                 set {ENV_SOCKET} to a shorter path",
                self.socket.display()
            )));
        }
        Ok(())
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A private folder or file that could not be made.
#[derive(Debug, thiserror::Error)]
#[error("cannot create {path}: {source}")]
pub struct CreateError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Creates a folder readable by its owner alone (it holds the database and the socket).
pub fn create_private_dir(dir: &Path) -> Result<(), CreateError> {
    let io = |source| CreateError {
        path: dir.to_path_buf(),
        source,
    };
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io)?;
    // The umask may have narrowed the mode; it never widens it, but say it outright.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
    }
    Ok(())
}

/// Opens (creating if missing; with `new`, only creating) a file of the daemon's own and makes
/// it 0600, whatever the umask or the mode an earlier version gave it.
pub fn create_private_file(path: &Path, new: bool) -> Result<std::fs::File, CreateError> {
    let io = |source| CreateError {
        path: path.to_path_buf(),
        source,
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true);
    if new {
        opts.create_new(true);
    } else {
        opts.create(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(0o600);
        let file = opts.open(path).map_err(io)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io)?;
        Ok(file)
    }
    #[cfg(not(unix))]
    opts.open(path).map_err(io)
}
