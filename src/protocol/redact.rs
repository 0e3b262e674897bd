//! Owns hiding the credentials that URLs carry when they are shown: the `user:password@` of a
//! URL and the values of secret-looking query (and fragment) parameters become `***`. Every
//! surface that shows an ingest URL or a provider's base URL goes through `urls`: job specs,
//! documents and search hits, the configuration, providers, job messages and so the logs.
//! Part of `protocol`: what may go on the wire includes what must not (its views serialize
//! through it), and the wire types import nothing from the rest of the crate.
//! What is stored and fetched keeps the real URL.

use std::borrow::Cow;

use serde::Serializer;

/// What a hidden credential is shown as.
pub const HIDDEN: &str = "***";

/// Parameter names whose values are secrets, compared without case.
const SECRET_NAMES: &[&str] = &[
    "key",
    "apikey",
    "auth",
    "sig",
    "pass",
    "passwd",
    "pwd",
    "jwt",
    "session",
    "sessionid",
];

/// Parts of parameter names that make them secret wherever they appear (`access_token`,
/// `client_secret`, `X-Amz-Signature`, `X-Amz-Credential`, `password`).
const SECRET_PARTS: &[&str] = &["token", "secret", "password", "signature", "credential"];

/// Suffixes that make a name secret (`api_key`, `access-key`, `private_key`, `x-auth`).
const SECRET_SUFFIXES: &[&str] = &["_key", "-key", "_auth", "-auth", "_sig", "-sig"];

/// `text` with the credentials of every URL in it hidden (a URL is a word with `://`);
/// unchanged when there are none. Hiding twice changes nothing.
pub fn urls(text: &str) -> Cow<'_, str> {
    if !text.contains("://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.contains("://") {
            out.push_str(&one_url(word));
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Hides the user information and secret parameters of one URL, as written (no parsing that
/// could fail on a malformed URL and show it whole).
fn one_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let (head, tail) = url.split_at(scheme_end);
    let authority_end = tail.find(['/', '?', '#']).unwrap_or(tail.len());
    let (authority, path) = tail.split_at(authority_end);
    let authority = match authority.rfind('@') {
        Some(at) => format!("{HIDDEN}{}", &authority[at..]),
        None => authority.to_string(),
    };
    let (before_fragment, fragment) = match path.find('#') {
        Some(i) => (&path[..i], Some(&path[i + 1..])),
        None => (path, None),
    };
    let mut out = format!("{head}{authority}");
    match before_fragment.split_once('?') {
        Some((path, query)) => {
            out.push_str(path);
            out.push('?');
            out.push_str(&parameters(query));
        }
        None => out.push_str(before_fragment),
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&parameters(fragment));
    }
    out
}

/// `a=1&token=x` with the secret values hidden.
fn parameters(text: &str) -> String {
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if !value.is_empty() && is_secret(name) => {
                format!("{name}={HIDDEN}")
            }
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn is_secret(name: &str) -> bool {
    let name = name
        .replace("%5F", "_")
        .replace("%5f", "_")
        .to_ascii_lowercase();
    SECRET_NAMES.contains(&name.as_str())
        || SECRET_PARTS.iter().any(|part| name.contains(part))
        || SECRET_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

/// Serializes a URL (or text holding URLs) with its credentials hidden: for the fields of
/// views that are only ever shown (`#[serde(serialize_with = "crate::protocol::redact::serialize")]`).
pub fn serialize<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&urls(text))
}

/// `serialize` for a field that may be absent.
pub fn serialize_opt<S: Serializer>(
    text: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match text {
        Some(text) => serializer.serialize_some(&urls(text)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::urls;

    #[test]
    fn credentials_and_secret_parameters_are_hidden() {
        for (given, shown) in [
            (
                "https://alice:hunter2@example.com/a",
                "https://***@example.com/a",
            ),
            ("http://tok@example.com", "http://***@example.com"),
            (
                "https://x.org/p?a=1&token=abc&API_KEY=k&q=wombat",
                "https://x.org/p?a=1&token=***&API_KEY=***&q=wombat",
            ),
            (
                "https://b.s3.amazonaws.com/o?X-Amz-Credential=AK&X-Amz-Signature=ff&x=1",
                "https://b.s3.amazonaws.com/o?X-Amz-Credential=***&X-Amz-Signature=***&x=1",
            ),
            (
                "https://x.org/cb#access_token=s3cr3t&state=1",
                "https://x.org/cb#access_token=***&state=1",
            ),
            (
                "https://x.org/?sig=1&key=2&keyword=3",
                "https://x.org/?sig=***&key=***&keyword=3",
            ),
            (
                "skipped https://u:p@x.org/?password=pw: HTTP 404",
                "skipped https://***@x.org/?password=*** HTTP 404",
            ),
        ] {
            let got = urls(given);
            assert_eq!(got, shown, "{given}");
            assert_eq!(urls(&got), got, "twice: {given}");
        }
        for plain in [
            "/home/me/notes.md",
            "https://example.com/a?q=1#top",
            "mailto:someone@example.com",
            "not a url @ all",
        ] {
            assert_eq!(urls(plain), plain);
        }
    }
}
