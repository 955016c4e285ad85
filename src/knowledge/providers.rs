//! Mail providers and their own error tokens.

use super::{Provider, ProviderCode};

pub static PROVIDERS: &[Provider] = &[];
pub static PROVIDER_CODES: &[ProviderCode] = &[];

/// The provider whose mail servers include `host` (suffix match on a dot boundary).
pub fn by_host(host: &str) -> Option<&'static Provider> {
    let _ = host;
    None
}

/// The provider hosting the recipient domain `domain`.
pub fn by_domain(domain: &str) -> Option<&'static Provider> {
    let _ = domain;
    None
}

/// The provider identified by wording in `lower_text` (already lower-cased).
pub fn by_phrase(lower_text: &str) -> Option<&'static Provider> {
    let _ = lower_text;
    None
}

/// The provider's own token found in `text` (case-sensitive, as the provider writes it).
pub fn find_code(provider: &str, text: &str) -> Option<&'static ProviderCode> {
    let _ = (provider, text);
    None
}
