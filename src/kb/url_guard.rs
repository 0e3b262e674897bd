//! Owns which network addresses a URL ingest may reach. The daemon fetches from its own
//! network position, so an unchecked URL could reach what only the daemon's host can:
//! loopback services, the cloud metadata endpoint, the private network. Refused by default:
//! loopback, link-local (169.254.0.0/16 with 169.254.169.254, fe80::/10), private (10/8,
//! 172.16/12, 192.168/16), unique-local (fc00::/7 with fd00:ec2::254), shared (100.64/10),
//! unspecified, multicast, broadcast, reserved and documentation ranges, the same addresses
//! inside IPv6 (IPv4-mapped, -compatible, NAT64, 6to4), and internal names (`localhost`,
//! `*.internal` with metadata.google.internal, `*.local`, `metadata.goog`), unless
//! `[kb] allow_private_urls` lists the network or the name.
//!
//! Every hop (the URL and each redirect, followed here and not by reqwest) is checked before
//! anything is sent: its host name is resolved and every address checked. The client's
//! resolver checks again the addresses it hands to the connector, so the address connected to
//! is one that was checked, whatever DNS answers in between (rebinding). Through an HTTP proxy
//! (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`), the proxy resolves the name and connects: the
//! hop is checked as above before it is sent, and the proxy's own name is exempt.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, LazyLock};

use ipnet::IpNet;
use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Names refused whatever they resolve to: internal by definition, some answered by a local
/// resolver or the cloud's metadata service. Each also refuses its subdomains.
const INTERNAL_NAMES: &[&str] = &[
    "localhost",
    "localdomain",
    "internal",
    "local",
    "home.arpa",
    "metadata.goog",
];

/// Address ranges refused unless allowed, with the word the refusal uses.
static INTERNAL_NETS: LazyLock<Vec<(IpNet, &'static str)>> = LazyLock::new(|| {
    [
        ("0.0.0.0/8", "unspecified"),
        ("127.0.0.0/8", "loopback"),
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("169.254.0.0/16", "link-local"),
        ("100.64.0.0/10", "shared (CGNAT)"),
        ("192.0.0.0/24", "reserved"),
        ("192.0.2.0/24", "documentation"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved or broadcast"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("fc00::/7", "unique-local"),
        ("ff00::/8", "multicast"),
        ("100::/64", "discard"),
        ("2001:db8::/32", "documentation"),
    ]
    .into_iter()
    .filter_map(|(net, why)| Some((net.parse().ok()?, why)))
    .collect()
});

/// One entry of `[kb] allow_private_urls`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowance {
    /// A network (`10.0.0.0/8`) or one address (`127.0.0.1`).
    Net(IpNet),
    /// A host name, lower case, without a final dot.
    Host(String),
    /// `*.corp.example`: any name ending in `.corp.example`.
    Domain(String),
}

impl Allowance {
    pub fn parse(entry: &str) -> Result<Allowance, String> {
        let entry = entry.trim();
        if let Ok(net) = entry.parse::<IpNet>() {
            return Ok(Allowance::Net(net.trunc()));
        }
        if let Ok(ip) = entry.parse::<IpAddr>() {
            return Ok(Allowance::Net(IpNet::from(ip)));
        }
        let (wild, name) = match entry.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, entry),
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        let valid = !name.is_empty()
            && name.split('.').all(|label| {
                !label.is_empty()
                    && label
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        if !valid {
            return Err(format!(
                "'{entry}' is neither a network (10.0.0.0/8, fd00::/8), an address nor a host \
                 name (wiki.corp, *.corp.example)"
            ));
        }
        Ok(if wild {
            Allowance::Domain(name)
        } else {
            Allowance::Host(name)
        })
    }
}

/// Why a hop was refused; kept in the error chain so a refusal is told apart from a failed
/// connection (it is permanent: trying again reaches the same address).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// The address policy of URL ingests.
#[derive(Debug, Clone, Default)]
pub struct UrlGuard {
    allowed: Arc<Vec<Allowance>>,
    /// Host names of the proxies in the environment: the operator's, so trusted.
    proxies: Arc<Vec<String>>,
}

impl UrlGuard {
    /// The policy of these `allow_private_urls` entries (checked when the config was loaded;
    /// one that does not parse allows nothing) and the proxies in this process's environment.
    pub fn new(allow: &[String]) -> UrlGuard {
        let allowed = allow
            .iter()
            .filter_map(|e| Allowance::parse(e).ok())
            .collect();
        let proxies = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"]
            .into_iter()
            .chain(["ALL_PROXY", "all_proxy"])
            .filter_map(|var| std::env::var(var).ok())
            .filter_map(|value| {
                let url = Url::parse(&value).or_else(|_| Url::parse(&format!("http://{value}")));
                Some(normal_name(url.ok()?.host_str()?))
            })
            .collect();
        UrlGuard {
            allowed: Arc::new(allowed),
            proxies: Arc::new(proxies),
        }
    }

    /// A client that connects only to addresses this guard accepts, follows no redirect
    /// (`fetch_url` follows them, checking each), and sends cgen's user agent.
    pub fn client(&self) -> reqwest::Result<reqwest::Client> {
        crate::http::client_builder()
            .user_agent(concat!("cgen/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(GuardedResolver {
                guard: self.clone(),
            })
            .build()
    }

    /// Checks one hop before anything is sent: the host name, and every address the name
    /// resolves to (an address literal is checked as it is). Credentials in the URL are
    /// `sources::validate_url`'s to refuse.
    pub async fn check(&self, url: &Url) -> Result<(), Refused> {
        let port = url.port_or_known_default().unwrap_or(80);
        let Some(host) = url.host_str() else {
            return Err(Refused("the URL has no host".into()));
        };
        // The URL parser writes every address form (`0x7f000001`, `[::ffff:7f00:1]`) as a
        // plain IPv4 address or a bracketed IPv6 one.
        let literal = host.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
        match literal.unwrap_or(host).parse::<IpAddr>() {
            Ok(ip) => self.check_ip(ip),
            Err(_) => self.resolve(host, port).await.map(drop),
        }
    }

    /// Resolves `name` and checks every address; an allowed name skips the address check.
    async fn resolve(&self, name: &str, port: u16) -> Result<Vec<SocketAddr>, Refused> {
        let name = normal_name(name);
        let allowed = self.name_allowed(&name);
        if !allowed && is_internal_name(&name) {
            return Err(Refused(format!(
                "{name} is an internal name (allow it in [kb] allow_private_urls)"
            )));
        }
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), port))
            .await
            .map_err(|e| Refused(format!("cannot resolve {name}: {e}")))?
            .collect();
        if !allowed {
            for addr in &addrs {
                self.check_ip(addr.ip())
                    .map_err(|Refused(why)| Refused(format!("{name} resolves to {why}")))?;
            }
        }
        Ok(addrs)
    }

    fn name_allowed(&self, name: &str) -> bool {
        self.allowed.iter().any(|a| match a {
            Allowance::Host(host) => host == name,
            Allowance::Domain(domain) => is_under(name, domain),
            Allowance::Net(_) => false,
        })
    }

    /// Refuses an internal address that no allowed network holds.
    fn check_ip(&self, ip: IpAddr) -> Result<(), Refused> {
        let ip = ip.to_canonical();
        let Some(kind) = internal_kind(ip) else {
            return Ok(());
        };
        let allowed = self.allowed.iter().any(|a| match a {
            Allowance::Net(net) => net.contains(&ip),
            _ => false,
        });
        if allowed {
            Ok(())
        } else {
            Err(Refused(format!(
                "{ip}, a {kind} address (allow it in [kb] allow_private_urls)"
            )))
        }
    }
}

/// What kind of internal address `ip` is, looking inside the IPv6 forms that carry an IPv4
/// address; `None` for a public one.
fn internal_kind(ip: IpAddr) -> Option<&'static str> {
    if let IpAddr::V6(v6) = ip
        && let Some(v4) = embedded_v4(v6)
    {
        return internal_kind(IpAddr::V4(v4));
    }
    INTERNAL_NETS
        .iter()
        .find(|(net, _)| net.contains(&ip))
        .map(|(_, kind)| *kind)
}

/// The IPv4 address inside an IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) or 6to4
/// (`2002::/16`) address; IPv4-mapped ones are made IPv4 by `to_canonical`.
fn embedded_v4(ip: std::net::Ipv6Addr) -> Option<std::net::Ipv4Addr> {
    let s = ip.segments();
    let low = |hi: u16, lo: u16| std::net::Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    match s {
        [0, 0, 0, 0, 0, 0, hi, lo] if (hi, lo) > (0, 1) => Some(low(hi, lo)),
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(low(hi, lo)),
        [0x2002, hi, lo, ..] => Some(low(hi, lo)),
        _ => None,
    }
}

fn normal_name(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn is_under(name: &str, domain: &str) -> bool {
    name.strip_suffix(domain)
        .is_some_and(|head| head.ends_with('.'))
}

fn is_internal_name(name: &str) -> bool {
    INTERNAL_NAMES
        .iter()
        .any(|n| name == *n || is_under(name, n))
}

/// The resolver of the guarded client: hands the connector only addresses the guard checked,
/// from the same lookup, so nothing can swap them afterwards.
struct GuardedResolver {
    guard: UrlGuard,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = self.guard.clone();
        let name = name.as_str().to_string();
        Box::pin(async move {
            let addrs = if guard.proxies.contains(&normal_name(&name)) {
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect()
            } else {
                guard.resolve(&name, 0).await?
            };
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(guard: &UrlGuard, ip: &str) -> bool {
        guard.check_ip(ip.parse().unwrap()).is_err()
    }

    #[test]
    fn internal_addresses_are_refused_in_every_form() {
        let guard = UrlGuard::default();
        for ip in [
            "127.0.0.1",
            "127.1.2.3",
            "0.0.0.0",
            "10.0.0.1",
            "172.16.5.4",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fe80::1",
            "fd00:ec2::254",
            "fc00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:a9fe:a9fe::1",
        ] {
            assert!(refused(&guard, ip), "{ip} should be refused");
        }
        for ip in ["93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1"] {
            assert!(!refused(&guard, ip), "{ip} should pass");
        }
        let err = guard.check_ip("::ffff:a9fe:a9fe".parse().unwrap());
        assert_eq!(
            err.unwrap_err().0,
            "169.254.169.254, a link-local address (allow it in [kb] allow_private_urls)"
        );
    }

    #[test]
    fn allowances_open_networks_and_names() {
        let guard = UrlGuard::new(&[
            "127.0.0.0/8".into(),
            "fd00::1".into(),
            "Wiki.Corp.".into(),
            "*.lab.example".into(),
        ]);
        assert!(!refused(&guard, "127.0.0.2"));
        assert!(!refused(&guard, "::ffff:127.0.0.1"));
        assert!(!refused(&guard, "fd00::1"));
        assert!(refused(&guard, "fd00::2"));
        assert!(refused(&guard, "10.0.0.1"));
        assert!(guard.name_allowed("wiki.corp"));
        assert!(guard.name_allowed("a.b.lab.example"));
        assert!(!guard.name_allowed("lab.example"));
        assert!(!guard.name_allowed("evillab.example"));
        for bad in ["", "*.", "a..b", "http://x", "10.0.0.0/33", "x y"] {
            assert!(Allowance::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[tokio::test]
    async fn hops_are_checked_before_anything_is_sent() {
        let guard = UrlGuard::new(&["127.0.0.2".into()]);
        let check = |u: &str| {
            let guard = guard.clone();
            let url = Url::parse(u).unwrap();
            async move { guard.check(&url).await.map_err(|r| r.0) }
        };
        assert!(check("http://127.0.0.2:9/").await.is_ok());
        assert!(check("http://127.0.0.1:9/").await.is_err());
        assert!(check("http://[::ffff:7f00:1]/").await.is_err());
        assert!(check("http://0x7f000001/").await.is_err());
        assert!(check("http://2130706433/").await.is_err());
        let err = check("http://metadata.google.internal/x")
            .await
            .unwrap_err();
        assert!(err.contains("internal name"), "{err}");
        assert!(check("http://LOCALHOST./").await.is_err());
    }

    /// The hop check aside, the client itself cannot connect where the resolver refuses: what
    /// is connected to is what the resolver checked, whatever a lookup said before.
    #[tokio::test]
    async fn the_client_connects_only_where_its_resolver_agrees() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let client = UrlGuard::default().client().unwrap();
        let err = client
            .get(format!("http://localhost:{port}/"))
            .send()
            .await
            .unwrap_err();
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&err);
        let mut refused = false;
        while let Some(e) = cause {
            refused |= e.downcast_ref::<Refused>().is_some();
            cause = e.source();
        }
        assert!(refused, "{err:?}");
        let accepted =
            tokio::time::timeout(std::time::Duration::from_millis(100), listener.accept()).await;
        assert!(accepted.is_err(), "a connection was made");
    }

    #[tokio::test]
    async fn the_resolver_hands_over_only_checked_addresses() {
        let strict = GuardedResolver {
            guard: UrlGuard::default(),
        };
        let name: Name = "localhost".parse().unwrap();
        assert!(strict.resolve(name).await.is_err());
        let open = GuardedResolver {
            guard: UrlGuard::new(&["localhost".into()]),
        };
        let addrs: Vec<SocketAddr> = open
            .resolve("localhost".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert!(addrs.iter().all(|a| a.ip().is_loopback()), "{addrs:?}");
    }
}
