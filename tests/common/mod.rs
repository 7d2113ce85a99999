//! Helpers shared by the native and the browser tests.

/// The golden links: (link, fingerprint) pairs that must never change.
pub const GOLDEN: &str = include_str!("../golden/fingerprints.txt");

/// (link, fingerprint) pairs of the golden file: lines "fingerprint  link"; "# " starts a comment.
pub fn golden() -> Vec<(&'static str, &'static str)> {
    GOLDEN
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| {
            let (fingerprint, link) = l.split_once(' ').expect("a golden line is 'fingerprint  link'");
            (link.trim(), fingerprint)
        })
        .collect()
}
