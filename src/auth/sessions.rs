//! Session tokens: short-lived JWTs (HS256) that a key holder hands to a script or a CI run.
//! The daemon signs them with a secret of its own (kept in its database), binds them to its
//! daemon id as the audience, and records each one, so a token can be revoked, and a token
//! from another daemon, a tampered one or an expired one is refused.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::Role;

/// Bytes of the signing secret (HS256 wants at least the hash size).
pub const SIGNING_SECRET_BYTES: usize = 32;
/// Longest token text the daemon reads; ours are about 300 bytes.
pub const MAX_TOKEN_BYTES: usize = 2048;

/// What a token says. `sub` is the key that made it; `jti` the session's id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub sub: String,
    pub aud: String,
    pub role: Role,
    pub jti: String,
    /// Seconds since the Unix epoch.
    pub iat: u64,
    pub exp: u64,
}

/// Why a token was refused; for the audit log. The client only hears that it was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token has expired")]
    Expired,
    #[error("the token was not issued by this daemon")]
    WrongAudience,
    #[error("the token's signature does not verify")]
    BadSignature,
    #[error("the token is malformed: {0}")]
    Malformed(String),
}

/// The daemon's key for signing and checking tokens. Debug never shows it.
pub struct Signer {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// What `verify` checks, built once rather than at every hello.
    validation: Validation,
    audience: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer(audience {}, <redacted>)", self.audience)
    }
}

impl Signer {
    /// `audience` is the daemon id: tokens of other daemons name another one.
    pub fn new(secret: &[u8], audience: &str) -> Signer {
        // HS256 only (never `none`), this daemon's audience, no leeway on the expiry.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        Signer {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            audience: audience.to_string(),
        }
    }

    pub fn audience(&self) -> &str {
        &self.audience
    }

    pub fn sign(&self, claims: &Claims) -> Result<String, TokenError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|e| TokenError::Malformed(e.to_string()))
    }

    /// Checks the signature, the algorithm (HS256 only: never `none`), the audience and the
    /// expiry with no leeway. Revocation is the caller's check, against the store.
    pub fn verify(&self, token: &str) -> Result<Claims, TokenError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(TokenError::Malformed("too long".into()));
        }
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| {
                use jsonwebtoken::errors::ErrorKind as K;
                match e.kind() {
                    K::ExpiredSignature => TokenError::Expired,
                    K::InvalidAudience => TokenError::WrongAudience,
                    K::InvalidSignature => TokenError::BadSignature,
                    _ => TokenError::Malformed(e.to_string()),
                }
            })
    }
}

/// Whether `text` looks like a session token rather than an API key (three base64url parts).
pub fn looks_like_token(text: &str) -> bool {
    let text = text.trim();
    text.split('.').count() == 3
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    }

    fn claims(aud: &str, exp: u64) -> Claims {
        Claims {
            sub: "0123456789ab".into(),
            aud: aud.into(),
            role: Role::Viewer,
            jti: "s1".into(),
            iat: now(),
            exp,
        }
    }

    #[test]
    fn a_signed_token_verifies_and_others_do_not() {
        let signer = Signer::new(&[7; 32], "daemon-a");
        let token = signer.sign(&claims("daemon-a", now() + 60)).unwrap();
        assert!(looks_like_token(&token));
        assert_eq!(signer.verify(&token).unwrap().role, Role::Viewer);

        let expired = signer.sign(&claims("daemon-a", now() - 1)).unwrap();
        assert_eq!(signer.verify(&expired), Err(TokenError::Expired));

        let other = Signer::new(&[8; 32], "daemon-b");
        let foreign = other.sign(&claims("daemon-b", now() + 60)).unwrap();
        assert!(signer.verify(&foreign).is_err());
        // Same secret, another daemon id: still refused.
        let twin = Signer::new(&[7; 32], "daemon-b");
        let token_b = twin.sign(&claims("daemon-b", now() + 60)).unwrap();
        assert_eq!(signer.verify(&token_b), Err(TokenError::WrongAudience));
    }

    #[test]
    fn tampered_and_unsigned_tokens_are_refused() {
        let signer = Signer::new(&[7; 32], "d");
        let token = signer.sign(&claims("d", now() + 60)).unwrap();
        let mut parts: Vec<String> = token.split('.').map(String::from).collect();
        // Swap in claims that say admin, keeping the old signature.
        let mut forged = claims("d", now() + 60);
        forged.role = Role::Admin;
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        parts[1] = b64.encode(serde_json::to_vec(&forged).unwrap());
        assert_eq!(
            signer.verify(&parts.join(".")),
            Err(TokenError::BadSignature)
        );
        // alg "none" with no signature.
        let none = b64.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let unsigned = format!("{none}.{}.", parts[1]);
        assert!(signer.verify(&unsigned).is_err());
        assert!(signer.verify("not-a-token").is_err());
    }
}
