//! Random tokens and their digests: link tokens, client secrets, session ids and the keys of
//! rate counters. Only digests are stored, so the database holds nothing a reader could use.

/// SHA-256 in hex, for storing random tokens and secrets and for throttle keys. A fast hash is
/// enough for tokens: 256 random bits leave no dictionary to guess from.
pub fn digest_hex(value: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A one-time token for links (invitations): 256 random bits.
pub fn random_token() -> String {
    random_hex(32)
}

pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
