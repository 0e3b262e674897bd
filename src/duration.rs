//! Durations as people write them in the config file: `"10s"`, `"5m"`, `"1h 30m"`. A leaf
//! (serde `with` helpers) that the config, the auth settings and the provider settings share.

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&humantime::format_duration(*d).to_string())
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    let text = String::deserialize(d)?;
    humantime::parse_duration(&text).map_err(|e| {
        serde::de::Error::custom(format!("{e} (write a duration such as \"30s\" or \"5m\")"))
    })
}
