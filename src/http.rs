//! The one way to make an HTTP client. TLS is rustls with the ring crypto provider, installed
//! as the process default before the first client is built: reqwest is built without a
//! provider of its own and would panic on a client built before it.

use std::sync::Once;

/// Installs ring as the process's rustls crypto provider (once; later calls do nothing).
/// Anything that builds a reqwest client outside `client_builder` (the OTLP exporter) calls
/// it first.
pub fn install_tls() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Fails only when a provider is already installed, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A reqwest client builder, with TLS ready.
pub fn client_builder() -> reqwest::ClientBuilder {
    install_tls();
    reqwest::Client::builder()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_client_with_tls_can_be_built() {
        let client = super::client_builder().build();
        assert!(client.is_ok(), "{client:?}");
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
