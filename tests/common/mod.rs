//! Helpers shared by the native and the browser tests.
// Each test file that includes this module uses only a part of it.
#![allow(dead_code)]

/// The golden links: (link, fingerprint) pairs that must never change.
pub const GOLDEN: &str = include_str!("../golden/fingerprints.txt");

/// The golden sweep links, in the same form.
pub const GOLDEN_SWEEPS: &str = include_str!("../golden/sweeps.txt");

/// (link, fingerprint) pairs of the golden file: lines "fingerprint  link"; "# " starts a comment.
pub fn golden() -> Vec<(&'static str, &'static str)> {
    pairs(GOLDEN)
}

/// (link, fingerprint) pairs of a golden file's text.
pub fn pairs(text: &'static str) -> Vec<(&'static str, &'static str)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| {
            let (fingerprint, link) = l.split_once(' ').expect("a golden line is 'fingerprint  link'");
            (link.trim(), fingerprint)
        })
        .collect()
}
