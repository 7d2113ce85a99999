//! The fixed points of a node as the input P varies, in closed form: along the I-nullcline,
//! E = (c₄I − Q + S_I⁻¹(I/(k_I − r_I I)))/c₃ is explicit in I, and the E-nullcline then gives
//! the one P that makes (E, I) a fixed point, P = c₂I − c₁E + S_E⁻¹(E/(k_E − r_E E)). The curve
//! I ↦ (P, E) is every branch of fixed points at once, folds included, with no continuation.
//!
//! Saddle-nodes are where det J changes sign along the curve, Hopf points where tr J does with
//! det J > 0; both are located by bisection on the curve's parameter.
//!
//! ## Reference
//! H. R. Wilson and J. D. Cowan, Biophys. J. 12, 1 (1972).

use super::node::{Node, Stability, determinant, trace};

/// The curve's parameter: the logit of the inhibitory logistic at the fixed point, which maps
/// (−∞, ∞) onto I's whole stationary range. Beyond ±36 the logistic is 0 or 1 in double precision.
pub const LOGIT_RANGE: f64 = 36.0;
/// Samples of the parameter over [−LOGIT_RANGE, LOGIT_RANGE] (a step of 0.018: the interesting part,
/// I from 0 to its saturation, spans about 18 in the logit for the WC 1972 set).
pub const SAMPLES: usize = 4001;

/// A fixed point on the curve, with the input P that makes it one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BranchPoint {
    /// The curve's parameter.
    pub logit: f64,
    pub p: f64,
    pub e: f64,
    pub i: f64,
    pub trace: f64,
    pub det: f64,
    pub stability: Stability,
}

/// The fixed point at curve parameter `logit`, for the node's constants (its own P is ignored);
/// `None` where the I-nullcline's E has no input that holds it (outside E's stationary range).
pub fn branch_point(node: &Node, logit: f64) -> Option<BranchPoint> {
    let inh = &node.inhibitory;
    let s = 1.0 / (1.0 + libm::exp(-logit));
    let y = s - inh.sigmoid.offset();
    let i = inh.sigmoid.sup() * y / (1.0 + inh.refractory * y);
    let e = node.i_nullcline(i)?;
    let p = node.c2 * i - node.c1 * e + node.excitatory.input_for(e)?;
    if !(p.is_finite() && e.is_finite() && i.is_finite()) {
        return None;
    }
    let at = Node { p, ..*node };
    let j = at.jacobian(e, i);
    Some(BranchPoint { logit, p, e, i, trace: trace(&j), det: determinant(&j), stability: Stability::of(&j) })
}

/// The curve on its grid of [`SAMPLES`] parameters; runs of valid points separated by `None`.
pub fn curve(node: &Node) -> Vec<Option<BranchPoint>> {
    (0..SAMPLES)
        .map(|k| -LOGIT_RANGE + 2.0 * LOGIT_RANGE * k as f64 / (SAMPLES - 1) as f64)
        .map(|t| branch_point(node, t))
        .collect()
}

/// Where `f` changes sign between neighbouring valid points of the curve (and `keep` holds at
/// both), refined by bisection on the parameter to the precision of doubles.
fn crossings(
    node: &Node,
    points: &[Option<BranchPoint>],
    f: impl Fn(&BranchPoint) -> f64,
    keep: impl Fn(&BranchPoint) -> bool,
) -> Vec<BranchPoint> {
    let mut out = Vec::new();
    for pair in points.windows(2) {
        let (Some(a), Some(b)) = (pair[0], pair[1]) else { continue };
        if !(keep(&a) && keep(&b)) || (f(&a) > 0.0) == (f(&b) > 0.0) {
            continue;
        }
        let (mut lo, mut hi) = (a, b);
        for _ in 0..80 {
            let mid = 0.5 * (lo.logit + hi.logit);
            if mid <= lo.logit || mid >= hi.logit {
                break;
            }
            let Some(m) = branch_point(node, mid) else { break };
            if (f(&m) > 0.0) == (f(&lo) > 0.0) {
                lo = m;
            } else {
                hi = m;
            }
        }
        out.push(if f(&lo).abs() <= f(&hi).abs() { lo } else { hi });
    }
    out
}

/// The saddle-node (fold) points: det J = 0 on the curve.
pub fn saddle_nodes(node: &Node, points: &[Option<BranchPoint>]) -> Vec<BranchPoint> {
    crossings(node, points, |b| b.det, |_| true)
}

/// The Hopf points: tr J = 0 on the curve where det J > 0 (a pair of eigenvalues ±i√det).
pub fn hopf_points(node: &Node, points: &[Option<BranchPoint>]) -> Vec<BranchPoint> {
    crossings(node, points, |b| b.trace, |b| b.det > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_branch_point_is_a_fixed_point_at_its_own_input() {
        let node = Node::wc1972();
        let mut checked = 0;
        for b in curve(&node).into_iter().flatten().step_by(20) {
            let r = Node { p: b.p, ..node }.rate(b.e, b.i);
            assert!(r[0].abs() < 1e-9 && r[1].abs() < 1e-9, "{b:?}: {r:?}");
            checked += 1;
        }
        assert!(checked > 20, "{checked}");
    }
}
