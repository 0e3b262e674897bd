//! The typed contract of a method: its wire name, its params type and its result type in one
//! place, so that the daemon's method table and the client's calls cannot drift apart. Each
//! area's file declares its methods with `methods!`, next to their params and results.
//!
//! Result structs that replace what used to be `json!` objects list their fields in
//! alphabetical order, the order those objects had (serde_json sorts its maps), so that what
//! the CLI prints and what the store keeps stays the same byte for byte.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Validate;

/// One method of the protocol. Implemented by a zero-sized type per method; the daemon's table
/// registers a handler for it and the client calls it by type (`client.call::<jobs::Get>`).
pub trait Method: 'static {
    /// The name on the wire (`jobs.get`).
    const NAME: &'static str;
    /// One line for the method reference of docs/PROTOCOL.md.
    const SUMMARY: &'static str;
    type Params: Serialize + DeserializeOwned + Validate + Send + Sync + 'static;
    type Result: Serialize + DeserializeOwned + Send + 'static;
}

/// The last path segment of every path in a type's name (`Vec<my::Thing>` → `Vec<Thing>`),
/// for the method reference: the module a type lives in is not part of the contract.
pub fn short_type_name<T: ?Sized>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    let mut segment = String::new();
    for c in full.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            segment.push(c);
        } else {
            out.push_str(segment.rsplit("::").next().unwrap_or_default());
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(segment.rsplit("::").next().unwrap_or_default());
    out
}

/// Declares one zero-sized type per method and its `Method` impl:
/// `Type = "wire.name", Params => Result, "summary";`.
macro_rules! methods {
    ($($ty:ident = $name:literal, $params:ty => $result:ty, $summary:literal;)*) => {
        $(
            #[doc = concat!("`", $name, "`: ", $summary)]
            #[derive(Debug, Clone, Copy)]
            pub struct $ty;

            impl $crate::protocol::Method for $ty {
                const NAME: &'static str = $name;
                const SUMMARY: &'static str = $summary;
                type Params = $params;
                type Result = $result;
            }
        )*
    };
}
pub(crate) use methods;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_lose_their_module_paths() {
        assert_eq!(short_type_name::<Option<String>>(), "Option<String>");
        assert_eq!(
            short_type_name::<Vec<super::super::Secret>>(),
            "Vec<Secret>"
        );
        assert_eq!(short_type_name::<u64>(), "u64");
    }
}
