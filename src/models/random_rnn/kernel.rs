//! J times one or two vectors, for a matrix stored row by row, each row padded to a multiple of
//! [`LANES`]. Every row is summed in sixteen fixed lanes, lane k taking the entries k, k + 16, …,
//! and the lanes are added in a fixed tree, without fused multiply–adds: the order of every
//! addition is part of a link's numbers, the same natively and in WebAssembly.
//!
//! WebAssembly gets the same sums written with its 128-bit SIMD instructions, four registers of
//! four lanes per row and vector: left to the compiler, the two-vector loop came out as half-width
//! loads and lane shuffles at half the speed. Natively the portable loops vectorise well.

/// Lanes of the row sums: four SIMD registers of four f32 per vector, enough independent sums to
/// hide the latency of an addition.
pub const LANES: usize = 16;

/// out = J a, for `rows` of `stride` entries (`a` has `stride` entries, zero past the last column).
pub fn apply(rows: &[f32], stride: usize, a: &[f32], out: &mut [f64]) {
    let a = &a[..stride];
    // Two rows at a time share each load of a.
    let pairs = rows.chunks_exact(2 * stride);
    let last = pairs.remainder();
    let mut i = 0;
    for two in pairs {
        let (upper, lower) = two.split_at(stride);
        let (s0, s1) = two_rows_dot(upper, lower, a);
        (out[i], out[i + 1]) = (f64::from(s0), f64::from(s1));
        i += 2;
    }
    if !last.is_empty() {
        out[i] = f64::from(portable::row_dot(last, a));
    }
}

/// out_a = J a and out_b = J b, reading J once; each sum exactly as [`apply`] makes it.
pub fn apply_pair(rows: &[f32], stride: usize, a: &[f32], b: &[f32], out_a: &mut [f64], out_b: &mut [f64]) {
    let (a, b) = (&a[..stride], &b[..stride]);
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    for (i, row) in rows.chunks_exact(stride).enumerate() {
        let (sa, sb) = wasm::row_dot_pair(row, a, b);
        (out_a[i], out_b[i]) = (f64::from(sa), f64::from(sb));
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        let pairs = rows.chunks_exact(2 * stride);
        let last = pairs.remainder();
        let mut i = 0;
        for two in pairs {
            let (upper, lower) = two.split_at(stride);
            let ((a0, b0), (a1, b1)) = portable::two_rows_dot_pair(upper, lower, a, b);
            (out_a[i], out_b[i]) = (f64::from(a0), f64::from(b0));
            (out_a[i + 1], out_b[i + 1]) = (f64::from(a1), f64::from(b1));
            i += 2;
        }
        if !last.is_empty() {
            let (sa, sb) = portable::row_dot_pair(last, a, b);
            (out_a[i], out_b[i]) = (f64::from(sa), f64::from(sb));
        }
    }
}

#[inline]
fn two_rows_dot(upper: &[f32], lower: &[f32], a: &[f32]) -> (f32, f32) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return wasm::two_rows_dot(upper, lower, a);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    portable::two_rows_dot(upper, lower, a)
}

/// The lanes added in a fixed tree.
#[inline]
fn lanes_sum(s: [f32; LANES]) -> f32 {
    let mut half = [0.0f32; LANES / 2];
    for k in 0..LANES / 2 {
        half[k] = s[k] + s[k + LANES / 2];
    }
    ((half[0] + half[4]) + (half[2] + half[6])) + ((half[1] + half[5]) + (half[3] + half[7]))
}

/// The sum of a large array in the same lanes: the memory-bandwidth roof of [`apply`].
pub fn stream_sum(data: &[f32]) -> f32 {
    let mut s = [0.0f32; LANES];
    for r in data.chunks_exact(LANES) {
        for k in 0..LANES {
            s[k] += r[k];
        }
    }
    lanes_sum(s)
}

/// The sums in plain loops over the lanes: the definition, and the native code.
mod portable {
    use super::{LANES, lanes_sum};

    /// row · a.
    #[inline]
    pub fn row_dot(row: &[f32], a: &[f32]) -> f32 {
        let mut sa = [0.0f32; LANES];
        for (r, x) in row.chunks_exact(LANES).zip(a.chunks_exact(LANES)) {
            for k in 0..LANES {
                sa[k] += r[k] * x[k];
            }
        }
        lanes_sum(sa)
    }

    /// [`row_dot`] of two rows at once, each summed exactly as alone.
    #[inline]
    #[cfg_attr(all(target_arch = "wasm32", target_feature = "simd128"), allow(dead_code))]
    pub fn two_rows_dot(upper: &[f32], lower: &[f32], a: &[f32]) -> (f32, f32) {
        let (mut ua, mut la) = ([0.0f32; LANES], [0.0f32; LANES]);
        for ((u, l), x) in upper.chunks_exact(LANES).zip(lower.chunks_exact(LANES)).zip(a.chunks_exact(LANES)) {
            for k in 0..LANES {
                ua[k] += u[k] * x[k];
                la[k] += l[k] * x[k];
            }
        }
        (lanes_sum(ua), lanes_sum(la))
    }

    /// (row · a, row · b).
    #[inline]
    #[cfg_attr(all(target_arch = "wasm32", target_feature = "simd128"), allow(dead_code))]
    pub fn row_dot_pair(row: &[f32], a: &[f32], b: &[f32]) -> (f32, f32) {
        let (mut sa, mut sb) = ([0.0f32; LANES], [0.0f32; LANES]);
        for ((r, x), y) in row.chunks_exact(LANES).zip(a.chunks_exact(LANES)).zip(b.chunks_exact(LANES)) {
            for k in 0..LANES {
                sa[k] += r[k] * x[k];
                sb[k] += r[k] * y[k];
            }
        }
        (lanes_sum(sa), lanes_sum(sb))
    }

    /// [`row_dot_pair`] of two rows at once, each summed exactly as alone.
    #[inline]
    #[cfg_attr(all(target_arch = "wasm32", target_feature = "simd128"), allow(dead_code))]
    pub fn two_rows_dot_pair(upper: &[f32], lower: &[f32], a: &[f32], b: &[f32]) -> ((f32, f32), (f32, f32)) {
        let (mut ua, mut ub) = ([0.0f32; LANES], [0.0f32; LANES]);
        let (mut la, mut lb) = ([0.0f32; LANES], [0.0f32; LANES]);
        let chunks = upper.chunks_exact(LANES).zip(lower.chunks_exact(LANES));
        for ((u, l), (x, y)) in chunks.zip(a.chunks_exact(LANES).zip(b.chunks_exact(LANES))) {
            for k in 0..LANES {
                ua[k] += u[k] * x[k];
                ub[k] += u[k] * y[k];
                la[k] += l[k] * x[k];
                lb[k] += l[k] * y[k];
            }
        }
        ((lanes_sum(ua), lanes_sum(ub)), (lanes_sum(la), lanes_sum(lb)))
    }
}

/// The same sums in WebAssembly's SIMD: register j of a row holds lanes 4j … 4j + 3.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::{LANES, lanes_sum};
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load};

    /// Four lanes of `data` from `at`; the callers check that `at + 4 <= data.len()`.
    #[inline(always)]
    fn load(data: &[f32], at: usize) -> v128 {
        debug_assert!(at + 4 <= data.len());
        // SAFETY: in bounds (above); v128_load has no alignment requirement.
        unsafe { v128_load(data.as_ptr().add(at).cast::<v128>()) }
    }

    #[inline(always)]
    fn lanes(s: [v128; 4]) -> [f32; LANES] {
        // SAFETY: four v128 are sixteen f32 in order, lane 0 first (WebAssembly is little-endian).
        unsafe { core::mem::transmute::<[v128; 4], [f32; LANES]>(s) }
    }

    pub fn two_rows_dot(upper: &[f32], lower: &[f32], a: &[f32]) -> (f32, f32) {
        let len = a.len() / LANES * LANES;
        assert!(upper.len() >= len && lower.len() >= len);
        let (mut u, mut l) = ([f32x4_splat(0.0); 4], [f32x4_splat(0.0); 4]);
        let mut at = 0;
        while at < len {
            for j in 0..4 {
                let x = load(a, at + 4 * j);
                u[j] = f32x4_add(u[j], f32x4_mul(load(upper, at + 4 * j), x));
                l[j] = f32x4_add(l[j], f32x4_mul(load(lower, at + 4 * j), x));
            }
            at += LANES;
        }
        (lanes_sum(lanes(u)), lanes_sum(lanes(l)))
    }

    pub fn row_dot_pair(row: &[f32], a: &[f32], b: &[f32]) -> (f32, f32) {
        let len = a.len() / LANES * LANES;
        assert!(row.len() >= len && b.len() >= len);
        let (mut sa, mut sb) = ([f32x4_splat(0.0); 4], [f32x4_splat(0.0); 4]);
        let mut at = 0;
        while at < len {
            for j in 0..4 {
                let r = load(row, at + 4 * j);
                sa[j] = f32x4_add(sa[j], f32x4_mul(r, load(a, at + 4 * j)));
                sb[j] = f32x4_add(sb[j], f32x4_mul(r, load(b, at + 4 * j)));
            }
            at += LANES;
        }
        (lanes_sum(lanes(sa)), lanes_sum(lanes(sb)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of 37 entries padded to 48, and vectors of varied size.
    fn case() -> (Vec<f32>, usize, Vec<f32>, Vec<f32>) {
        let (n, stride) = (37, 48);
        let mut rows = vec![0.0f32; n * stride];
        let (mut a, mut b) = (vec![0.0f32; stride], vec![0.0f32; stride]);
        for i in 0..n {
            for j in 0..n {
                rows[i * stride + j] = libm::sin(1.7 * (i * n + j) as f64) as f32;
            }
            a[i] = libm::sin(i as f64) as f32;
            b[i] = libm::cos(0.3 * i as f64) as f32;
        }
        (rows, stride, a, b)
    }

    /// Every kernel of this build gives every row the sum of its definition, to the bit: one
    /// vector or two, one row or two at a time.
    #[test]
    fn every_kernel_sums_as_the_definition() {
        let (rows, stride, a, b) = case();
        let n = rows.len() / stride;
        let (mut one, mut pa, mut pb) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        apply(&rows, stride, &a, &mut one);
        apply_pair(&rows, stride, &a, &b, &mut pa, &mut pb);
        for (i, row) in rows.chunks_exact(stride).enumerate() {
            let (da, db) = (portable::row_dot(row, &a), portable::row_dot(row, &b));
            assert_eq!(one[i].to_bits(), f64::from(da).to_bits(), "row {i}");
            assert_eq!(pa[i].to_bits(), f64::from(da).to_bits(), "row {i}");
            assert_eq!(pb[i].to_bits(), f64::from(db).to_bits(), "row {i}");
        }
    }
}
