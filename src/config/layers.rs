//! The layers a configuration is resolved from, merged as TOML values before the one strict
//! decode: the file's base sections, then the selected `[profiles.NAME]` table, then
//! environment overrides (`CGEN_JOBS__CONCURRENCY=8`). Every key a layer sets remembers its
//! origin, so an error names where the bad value came from. Also here: redaction of secrets for
//! display, decided by key name alone so settings added later are covered without a list.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;

use serde::Serialize;
use toml::{Table, Value};

use super::Problem;

/// Environment variables that set one setting: `CGEN_` + the dotted path with `__` between its
/// parts, in any case (`CGEN_JOBS__CONCURRENCY` sets `jobs.concurrency`).
pub const ENV_PREFIX: &str = "CGEN_";
pub const ENV_SEPARATOR: &str = "__";
pub use crate::telemetry::ENV_LOG;
/// What a redacted value reads as.
pub const REDACTED: &str = "<redacted>";

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "layer", content = "name")]
pub enum Origin {
    File,
    Profile(String),
    Env(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File => write!(f, "config file"),
            Origin::Profile(p) => write!(f, "profile {p}"),
            Origin::Env(var) => write!(f, "environment {var}"),
        }
    }
}

/// The origin of every key a layer set, by dotted path (`jobs.concurrency`); keys absent here
/// have their default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origins(BTreeMap<String, Origin>);

impl Origins {
    /// The origin of `key`, of the nearest table above it that a layer set whole, or, for a
    /// table, of the first key a layer set in it.
    pub fn of(&self, key: &str) -> Option<&Origin> {
        let mut k = key;
        loop {
            if let Some(o) = self.0.get(k) {
                return Some(o);
            }
            match k.rsplit_once('.') {
                Some((parent, _)) => k = parent,
                None => break,
            }
        }
        let below = format!("{key}.");
        self.0
            .range(below.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&below))
            .map(|(_, o)| o)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Origin)> {
        self.0.iter()
    }

    /// Records `value` (each of its leaves when it is a table) as set at `path` by `origin`,
    /// forgetting what earlier layers said below `path`.
    fn record(&mut self, path: &str, value: &Value, origin: &Origin) {
        let below = format!("{path}.");
        self.0.retain(|k, _| k != path && !k.starts_with(&below));
        match value {
            Value::Table(t) if !t.is_empty() => {
                for (k, v) in t {
                    self.record(&format!("{path}.{k}"), v, origin);
                }
            }
            _ => {
                self.0.insert(path.to_string(), origin.clone());
            }
        }
    }
}

/// Merges `over` into `base`: tables merge key by key, any other value replaces.
pub fn merge(base: &mut Table, over: Table, prefix: &str, origin: &Origin, origins: &mut Origins) {
    for (key, value) in over {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (base.get_mut(&key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o, &path, origin, origins),
            (_, value) => {
                origins.record(&path, &value, origin);
                base.insert(key, value);
            }
        }
    }
}

/// One environment override: the variable, the dotted key and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvOverride {
    pub var: String,
    pub key: String,
    pub value: Value,
}

impl EnvOverride {
    /// The override as a one-key table, ready to merge.
    pub fn as_table(&self) -> Table {
        let mut value = self.value.clone();
        for part in self.key.rsplit('.') {
            let mut t = Table::new();
            t.insert(part.to_string(), value);
            value = Value::Table(t);
        }
        match value {
            Value::Table(t) => t,
            _ => Table::new(),
        }
    }
}

/// The overrides among `vars` (normally `std::env::vars_os()`), in a stable order with
/// `CGEN_LOG` last; variables that cannot be overrides are problems.
pub fn env_overrides(
    vars: impl IntoIterator<Item = (OsString, OsString)>,
) -> (Vec<EnvOverride>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut log = None;
    for (name, value) in vars {
        let Some(name) = name.to_str().map(str::to_string) else {
            continue;
        };
        let is_log = name == ENV_LOG;
        let Some(rest) = name.strip_prefix(ENV_PREFIX) else {
            continue;
        };
        if !is_log && !rest.contains(ENV_SEPARATOR) {
            continue;
        }
        let key = if is_log {
            "log.level".to_string()
        } else {
            rest.split(ENV_SEPARATOR)
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
                .join(".")
        };
        let problem = |message: &str| Problem {
            key: key.clone(),
            origin: Some(Origin::Env(name.clone())),
            message: message.to_string(),
        };
        if key.split('.').any(str::is_empty) {
            problems.push(problem(
                "an empty part in the name; write CGEN_SECTION__KEY, such as CGEN_JOBS__CONCURRENCY",
            ));
            continue;
        }
        if key == "profiles" || key.starts_with("profiles.") {
            problems.push(problem(
                "profiles cannot be set from the environment; choose one with CGEN_PROFILE",
            ));
            continue;
        }
        let Some(raw) = value.to_str() else {
            problems.push(problem("the value is not valid UTF-8"));
            continue;
        };
        // A log filter is text even when it reads like a TOML value.
        let value = if is_log || key == "log.level" {
            Value::String(raw.to_string())
        } else {
            parse_env_value(raw)
        };
        let o = EnvOverride {
            var: name,
            key,
            value,
        };
        if is_log { log = Some(o) } else { found.push(o) }
    }
    found.sort_by(|a, b| a.var.cmp(&b.var));
    found.extend(log);
    (found, problems)
}

/// An override's value read as TOML (numbers, booleans, quoted strings, arrays keep their
/// type); anything that is not a TOML value (`5m`, `127.0.0.1:9464`, `info`) is a string.
pub fn parse_env_value(raw: &str) -> Value {
    format!("v = {raw}")
        .parse::<Table>()
        .ok()
        .and_then(|mut t| t.remove("v"))
        .unwrap_or_else(|| Value::String(raw.to_string()))
}

/// Words that make a key secret wherever they stand in its name (`api_key`, `token`,
/// `db-password`), split on `_` and `-`: `keywords` is not a secret, `signing_key` is.
const SECRET_WORDS: &[&str] = &[
    "secret",
    "secrets",
    "token",
    "tokens",
    "password",
    "passwords",
    "passwd",
    "passphrase",
    "key",
    "keys",
    "apikey",
    "credential",
    "credentials",
];

pub fn is_secret_key(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split(['_', '-'])
        .any(|w| SECRET_WORDS.contains(&w))
}

/// Replaces every non-empty string under a secret key (at any depth) with `REDACTED`;
/// numbers and booleans stay, they carry no secret and show the shape of the setting.
pub fn redact(table: &mut Table) {
    for (key, value) in table.iter_mut() {
        if is_secret_key(key) {
            blank(value);
        } else if NAMED_MAPS.contains(&key.as_str())
            && let Value::Table(named) = value
        {
            // Their keys are names a user chose (a provider called "token", an alias called
            // "key"), not fields: look inside each, never blank one for its name.
            named.iter_mut().for_each(|(_, v)| redact_inside(v));
        } else {
            redact_inside(value);
        }
    }
}

/// Tables whose keys are names chosen by the user rather than setting names.
const NAMED_MAPS: &[&str] = &["providers", "models", "profiles"];

fn redact_inside(value: &mut Value) {
    match value {
        Value::Table(t) => redact(t),
        Value::Array(items) => items.iter_mut().for_each(redact_inside),
        // A URL's `user:password@` and secret parameters (a provider's base_url).
        Value::String(s) => {
            if let std::borrow::Cow::Owned(shown) = crate::protocol::redact::urls(s) {
                *s = shown;
            }
        }
        _ => {}
    }
}

fn blank(value: &mut Value) {
    match value {
        Value::String(s) if !s.is_empty() => *s = REDACTED.to_string(),
        Value::Array(items) => items.iter_mut().for_each(blank),
        Value::Table(t) => t.iter_mut().for_each(|(_, v)| blank(v)),
        _ => {}
    }
}

/// Removes the value at `path` (map keys and array indices); false when there is none.
pub fn remove_at(table: &mut Table, path: &[String]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut current = table;
    for part in parents {
        match current.get_mut(part) {
            Some(Value::Table(t)) => current = t,
            _ => return false,
        }
    }
    current.remove(last).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        text.parse().unwrap()
    }

    #[test]
    fn merge_overrides_leaves_and_remembers_their_origin() {
        let mut base = Table::new();
        let mut origins = Origins::default();
        let file = Origin::File;
        let text = "[jobs]\nconcurrency = 2\nmax_attempts = 5\n[log]\nlevel = \"info\"\n";
        merge(&mut base, table(text), "", &file, &mut origins);
        let prod = Origin::Profile("prod".into());
        merge(
            &mut base,
            table("[jobs]\nconcurrency = 8\n"),
            "",
            &prod,
            &mut origins,
        );
        assert_eq!(base["jobs"]["concurrency"].as_integer(), Some(8));
        assert_eq!(base["jobs"]["max_attempts"].as_integer(), Some(5));
        assert_eq!(origins.of("jobs.concurrency"), Some(&prod));
        assert_eq!(origins.of("jobs.max_attempts"), Some(&file));
        assert_eq!(origins.of("kb.max_files"), None);
        assert_eq!(
            origins.of("jobs"),
            Some(&prod),
            "a table: its first key set"
        );
    }

    #[test]
    fn env_names_map_to_keys_and_values_keep_their_type() {
        let vars = [
            ("CGEN_JOBS__CONCURRENCY", "8"),
            ("CGEN_JOBS__DEFAULT_TIMEOUT", "5m"),
            ("CGEN_METRICS__LISTEN", "127.0.0.1:9464"),
            ("CGEN_DAEMON__AUTOSTART", "false"),
            ("CGEN_HOME", "/elsewhere"),
            ("PATH", "/bin"),
            ("CGEN_LOG", "debug"),
        ]
        .map(|(k, v)| (OsString::from(k), OsString::from(v)));
        let (found, problems) = env_overrides(vars);
        assert!(problems.is_empty(), "{problems:?}");
        let pairs: Vec<(&str, &Value)> = found.iter().map(|o| (o.key.as_str(), &o.value)).collect();
        assert_eq!(
            pairs,
            [
                ("daemon.autostart", &Value::Boolean(false)),
                ("jobs.concurrency", &Value::Integer(8)),
                ("jobs.default_timeout", &Value::String("5m".into())),
                ("metrics.listen", &Value::String("127.0.0.1:9464".into())),
                ("log.level", &Value::String("debug".into())),
            ]
        );
        assert_eq!(
            found[1].as_table(),
            table("[jobs]\nconcurrency = 8\n"),
            "one nested table per override"
        );
    }

    #[test]
    fn malformed_env_names_are_problems_naming_the_variable() {
        let vars = [("CGEN_JOBS__", "1"), ("CGEN_PROFILES__PROD__JOBS", "1")]
            .map(|(k, v)| (OsString::from(k), OsString::from(v)));
        let (found, problems) = env_overrides(vars);
        assert!(found.is_empty());
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0].to_string().contains("CGEN_JOBS__"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].message.contains("CGEN_PROFILE"),
            "{}",
            problems[1]
        );
    }

    #[test]
    fn secrets_are_redacted_by_key_name_at_any_depth() {
        let mut t = table(
            "[providers.openai]\napi_key = \"sk-123\"\nmodel = \"gpt\"\n\
             [auth]\ntokens = [\"a\", \"b\"]\nrequire_token = true\nkeywords = [\"x\"]\n\
             [[auth.users]]\nname = \"ops\"\npassword = \"hunter2\"\n\
             [db]\nsecret = { user = \"u\", pass = \"p\" }\nempty_token = \"\"\n",
        );
        redact(&mut t);
        assert_eq!(t["providers"]["openai"]["api_key"].as_str(), Some(REDACTED));
        assert_eq!(t["providers"]["openai"]["model"].as_str(), Some("gpt"));
        assert_eq!(
            t["auth"]["tokens"],
            Value::Array(vec![REDACTED.into(), REDACTED.into()])
        );
        assert_eq!(t["auth"]["require_token"].as_bool(), Some(true));
        assert_eq!(t["auth"]["keywords"][0].as_str(), Some("x"));
        assert_eq!(t["auth"]["users"][0]["password"].as_str(), Some(REDACTED));
        assert_eq!(t["auth"]["users"][0]["name"].as_str(), Some("ops"));
        assert_eq!(t["db"]["secret"]["pass"].as_str(), Some(REDACTED));
        assert_eq!(t["db"]["empty_token"].as_str(), Some(""), "nothing to hide");
        assert!(is_secret_key("Signing-Key") && !is_secret_key("monkey"));
    }

    #[test]
    fn names_a_user_chose_are_not_taken_for_secret_fields() {
        let mut t = table(
            "[providers.token]\nmodel = \"m\"\napi_key = \"sk\"\n\
             [providers.token.models]\nkey = \"gpt-4o\"\n",
        );
        redact(&mut t);
        assert_eq!(t["providers"]["token"]["model"].as_str(), Some("m"));
        assert_eq!(
            t["providers"]["token"]["models"]["key"].as_str(),
            Some("gpt-4o")
        );
        assert_eq!(t["providers"]["token"]["api_key"].as_str(), Some(REDACTED));
    }
}
