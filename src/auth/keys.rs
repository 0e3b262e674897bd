//! The API key format `cgen_<id>_<secret>`: making a key (256 random bits of secret), reading
//! one back, and checking a secret against its stored hash in constant time. Only the SHA-256
//! of a secret is ever stored; the secret is shown once, when the key is made or rotated.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Every key starts with this; anything else is refused before a lookup.
pub const PREFIX: &str = "cgen_";
/// Hex digits of the public id (48 bits: unique enough to name keys, not a secret).
const ID_LEN: usize = 12;
/// Hex digits of the secret (256 bits).
const SECRET_LEN: usize = 64;

/// A whole key as the client holds it. Debug never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: String,
    secret: String,
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKey({PREFIX}{}_<redacted>)", self.id)
    }
}

/// Why a presented key is not even worth a lookup; for the audit log, never for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MalformedKey {
    #[error("the key does not start with {PREFIX}")]
    WrongPrefix,
    #[error("the key is not cgen_<12 hex digits>_<64 hex digits>")]
    WrongShape,
}

impl ApiKey {
    /// A new key with a fresh id and secret.
    pub fn generate() -> ApiKey {
        ApiKey {
            id: hex::encode(rand::random::<[u8; ID_LEN / 2]>()),
            secret: hex::encode(rand::random::<[u8; SECRET_LEN / 2]>()),
        }
    }

    /// The same id with a fresh secret (rotation).
    pub fn with_new_secret(id: &str) -> ApiKey {
        ApiKey {
            id: id.to_string(),
            secret: hex::encode(rand::random::<[u8; SECRET_LEN / 2]>()),
        }
    }

    pub fn parse(text: &str) -> Result<ApiKey, MalformedKey> {
        let rest = text
            .trim()
            .strip_prefix(PREFIX)
            .ok_or(MalformedKey::WrongPrefix)?;
        let (id, secret) = rest.split_once('_').ok_or(MalformedKey::WrongShape)?;
        let hex_of = |s: &str, len| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex_of(id, ID_LEN) || !hex_of(secret, SECRET_LEN) {
            return Err(MalformedKey::WrongShape);
        }
        Ok(ApiKey {
            id: id.to_ascii_lowercase(),
            secret: secret.to_ascii_lowercase(),
        })
    }

    /// What the store keeps instead of the secret.
    pub fn secret_hash(&self) -> Vec<u8> {
        Sha256::digest(self.secret.as_bytes()).to_vec()
    }

    /// Whether this key's secret is the one `stored` is the hash of, in constant time.
    pub fn matches(&self, stored: &[u8]) -> bool {
        bool::from(self.secret_hash().ct_eq(stored))
    }

    /// The full text, to show once or to save in the keyring.
    pub fn expose(&self) -> String {
        format!("{PREFIX}{}_{}", self.id, self.secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_round_trips_and_matches_only_its_own_hash() {
        let key = ApiKey::generate();
        let text = key.expose();
        assert!(text.starts_with("cgen_") && text.len() == 5 + 12 + 1 + 64);
        let parsed = ApiKey::parse(&text).unwrap();
        assert_eq!(parsed, key);
        assert!(parsed.matches(&key.secret_hash()));
        assert!(!ApiKey::generate().matches(&key.secret_hash()));
        assert!(!ApiKey::with_new_secret(&key.id).matches(&key.secret_hash()));
    }

    #[test]
    fn malformed_keys_are_told_apart() {
        let good = ApiKey::generate().expose();
        assert_eq!(
            ApiKey::parse(&good.replacen("cgen_", "sk_", 1)),
            Err(MalformedKey::WrongPrefix)
        );
        assert_eq!(ApiKey::parse("cgen_abc"), Err(MalformedKey::WrongShape));
        assert_eq!(
            ApiKey::parse(&format!("{good}0")),
            Err(MalformedKey::WrongShape)
        );
        // One character of the secret that is not a hex digit.
        let not_hex = format!("{}z{}", &good[..20], &good[21..]);
        assert_eq!(ApiKey::parse(&not_hex), Err(MalformedKey::WrongShape));
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let key = ApiKey::generate();
        let shown = format!("{key:?}");
        assert!(shown.contains(&key.id) && !shown.contains(&key.secret));
    }
}
