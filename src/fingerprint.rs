//! The fingerprint of a run: a 64-bit FNV-1a hash of every number in its final frame.
//!
//! Two runs with the same fingerprint produced the same numbers, bit for bit. Only numbers are
//! hashed (kind, shape and values of every series, in order), not labels, so rewording a legend
//! does not change a link's fingerprint. The bytes are little-endian on every target.

use crate::model::{Frame, SeriesKind};
use std::fmt;
use std::hash::Hasher;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u64);

impl fmt::Display for Fingerprint {
    /// Sixteen lowercase hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Fingerprint {
    pub fn of(frame: &Frame) -> Self {
        let mut h = fnv::FnvHasher::default();
        let mut word = |x: u64| h.write(&x.to_le_bytes());
        word(frame.figures.len() as u64);
        for fig in &frame.figures {
            word(fig.series.len() as u64);
            for s in &fig.series {
                word(match s.kind {
                    SeriesKind::Theory => 1,
                    SeriesKind::Simulation => 2,
                });
                word(s.x.len() as u64);
                let err = s.y_err.as_deref().unwrap_or(&[]);
                word(err.len() as u64);
                for v in s.x.iter().chain(&s.y).chain(err) {
                    word(canonical_bits(*v));
                }
            }
            // Only figures with a heat map hash one, so that the fingerprints of the others stay.
            if let Some(map) = &fig.heatmap {
                word(3);
                word(map.x.len() as u64);
                word(map.rows.len() as u64);
                for v in map.x.iter().chain(&map.values).chain(&map.range) {
                    word(canonical_bits(*v));
                }
            }
            // Likewise a network.
            if let Some(net) = &fig.network {
                word(4);
                word(net.x.len() as u64);
                word(net.edges.len() as u64);
                for v in net.x.iter().chain(&net.y).chain(&net.values).chain(&net.range) {
                    word(canonical_bits(*v));
                }
                for e in &net.edges {
                    word(u64::from(e[0]) << 32 | u64::from(e[1]));
                }
                for v in net.edge_values.iter().flatten().chain(net.edge_range.iter().flatten()) {
                    word(canonical_bits(*v));
                }
            }
        }
        Fingerprint(h.finish())
    }
}

/// The bits of a number, with every NaN mapped to one pattern (NaN payloads may differ by target).
fn canonical_bits(x: f64) -> u64 {
    if x.is_nan() { f64::NAN.to_bits() } else { x.to_bits() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Axis, Figure, Scale, Series};

    fn frame(y: f64) -> Frame {
        let axis = Axis { label: "x".into(), unit: String::new(), scale: Scale::Linear, range: None };
        Frame {
            figures: vec![Figure {
                id: "f".into(),
                title: "t".into(),
                subtitle: String::new(),
                x: axis.clone(),
                y: axis,
                series: vec![Series {
                    label: "s".into(),
                    kind: SeriesKind::Simulation,
                    group: 0,
                    x: vec![1.0, 2.0],
                    y: vec![y, 0.5],
                    y_err: None,
                    secondary: false,
                }],
                heatmap: None,
                network: None,
            }],
        }
    }

    #[test]
    fn same_numbers_same_fingerprint_and_one_bit_changes_it() {
        assert_eq!(Fingerprint::of(&frame(0.25)), Fingerprint::of(&frame(0.25)));
        let next = f64::from_bits(0.25f64.to_bits() + 1);
        assert_ne!(Fingerprint::of(&frame(0.25)), Fingerprint::of(&frame(next)));
        let mut relabelled = frame(0.25);
        relabelled.figures[0].series[0].label = "renamed".into();
        assert_eq!(Fingerprint::of(&frame(0.25)), Fingerprint::of(&relabelled));
        assert_eq!(Fingerprint(0xab).to_string(), "00000000000000ab");
    }
}
