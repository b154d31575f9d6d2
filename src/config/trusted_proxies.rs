//! The `trusted_proxies` setting: the reverse proxies whose forwarding headers are believed.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

/// Addresses and CIDR ranges of the reverse proxies in front of the service.
///
/// Empty by default: then no forwarding header is believed and the client is the TCP peer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a list like `127.0.0.1, 10.0.0.0/8 ::1` (commas and/or white space between).
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        Self::from_entries(list.split([',', ' ', '\t', '\n']))
    }

    fn from_entries<'a>(
        entries: impl IntoIterator<Item = &'a str>,
    ) -> Result<TrustedProxies, String> {
        entries
            .into_iter()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(parse_entry)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is one of the trusted proxies (an IPv4-mapped IPv6 address counts as
    /// the IPv4 address it carries).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn parse_entry(entry: &str) -> Result<IpNet, String> {
    if let Ok(ip) = IpAddr::from_str(entry) {
        return Ok(IpNet::from(ip.to_canonical()));
    }
    IpNet::from_str(entry).map(|net| net.trunc()).map_err(|_| {
        format!("`{entry}` is neither an IP address nor a CIDR range such as 10.0.0.0/8")
    })
}

impl<'de> Deserialize<'de> for TrustedProxies {
    /// Takes a list of strings (TOML) or one string of entries separated by commas or
    /// spaces (`LIAISON_TRUSTED_PROXIES="10.0.0.1, 10.1.0.0/16"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ProxiesVisitor)
    }
}

struct ProxiesVisitor;

impl<'de> Visitor<'de> for ProxiesVisitor {
    type Value = TrustedProxies;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of IP addresses or CIDR ranges")
    }

    fn visit_str<E: de::Error>(self, list: &str) -> Result<TrustedProxies, E> {
        TrustedProxies::parse(list).map_err(E::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TrustedProxies, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = seq.next_element::<String>()? {
            entries.push(entry);
        }
        TrustedProxies::from_entries(entries.iter().map(String::as_str)).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address literal")
    }

    #[test]
    fn addresses_and_ranges_are_both_accepted() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8  2001:db8::/32").expect("valid");
        assert!(proxies.contains(ip("127.0.0.1")));
        assert!(!proxies.contains(ip("127.0.0.2")));
        assert!(proxies.contains(ip("10.200.3.4")));
        assert!(proxies.contains(ip("::ffff:10.0.0.9")));
        assert!(proxies.contains(ip("2001:db8:1::5")));
        assert!(!proxies.contains(ip("2001:db9::5")));
    }

    #[test]
    fn an_empty_list_trusts_nobody() {
        let proxies = TrustedProxies::parse(" , ").expect("valid");
        assert!(proxies.is_empty());
        assert!(!proxies.contains(ip("127.0.0.1")));
    }

    #[test]
    fn a_bad_entry_is_refused_and_named() {
        let error = TrustedProxies::parse("10.0.0.1, proxy.example.org").expect_err("refused");
        assert!(error.contains("`proxy.example.org`"), "{error}");
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
    }
}

#[cfg(test)]
mod loading {
    use std::io::Write;

    use crate::config::Settings;

    fn load(toml: &str) -> Result<Settings, String> {
        let mut file = tempfile::Builder::new()
            .suffix(".toml")
            .tempfile()
            .map_err(|e| e.to_string())?;
        file.write_all(toml.as_bytes()).map_err(|e| e.to_string())?;
        Settings::load(file.path()).map_err(|e| e.to_string())
    }

    #[test]
    fn the_setting_is_read_as_a_list_or_as_one_string() {
        for toml in [
            r#"trusted_proxies = ["127.0.0.1", "10.0.0.0/8"]"#,
            r#"trusted_proxies = "127.0.0.1, 10.0.0.0/8""#,
        ] {
            let settings = load(toml).expect("settings load");
            assert!(
                settings
                    .trusted_proxies
                    .contains("10.1.2.3".parse().expect("an address"))
            );
        }
        assert!(load("").expect("defaults").trusted_proxies.is_empty());
    }

    #[test]
    fn a_bad_entry_is_refused_naming_the_setting() {
        let error = load(r#"trusted_proxies = ["127.0.0.1", "my-proxy"]"#).expect_err("refused");
        assert!(
            error.contains("trusted_proxies") && error.contains("`my-proxy`"),
            "{error}"
        );
    }
}
