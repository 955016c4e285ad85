//! Enhanced mail system status codes: the IANA registry (RFC 3463 and later additions),
//! sisimai's pseudo codes, and providers' own meanings of codes.

use super::{ProviderStatus, StatusEntry};

/// The IANA registry, class-independent ("1.1" stands for 2.1.1, 4.1.1 and 5.1.1).
pub static STATUS_CODES: &[StatusEntry] = &[];

/// Providers' own meanings of codes (these win over the registry).
pub static PROVIDER_STATUS: &[ProviderStatus] = &[];

/// The registry entry for a code such as "5.1.1".
pub fn lookup(status: &str) -> Option<&'static StatusEntry> {
    let _ = status;
    None
}

/// Plain-words meaning of a full code, including its class (success, temporary, permanent)
/// and sisimai's pseudo codes such as "5.0.911".
pub fn meaning(status: &str) -> Option<String> {
    let _ = status;
    None
}

/// A provider's own meaning of a code.
pub fn provider_meaning(provider: &str, status: &str) -> Option<&'static ProviderStatus> {
    PROVIDER_STATUS.iter().find(|p| p.provider == provider && p.status == status)
}
