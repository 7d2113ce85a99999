//! The discrete Fourier transform of a power-of-two length by the iterative radix-2 Cooley–Tukey
//! algorithm, in place on separate real and imaginary parts.
//!
//! Short and deterministic: the twiddle factors come from `libm`'s sin and cos, computed once per
//! length, and every butterfly adds in the same order on every target (no fused multiply–adds).
//! The transforms of the mean-field theories are of a few thousand points, where a plain radix-2
//! loop costs well under a millisecond and a general FFT library would add its weight to the page.

/// The transforms of one length n = 2^k.
pub struct Fft {
    n: usize,
    /// cos and sin of 2πk/n, k < n/2.
    cos: Vec<f64>,
    sin: Vec<f64>,
}

impl Fft {
    /// The transforms of length `n`, a power of two (at least 1).
    pub fn new(n: usize) -> Self {
        assert!(n.is_power_of_two(), "Fft: the length must be a power of two, got {n}");
        let angle = |k: usize| 2.0 * core::f64::consts::PI * k as f64 / n as f64;
        Fft {
            n,
            cos: (0..n / 2).map(|k| libm::cos(angle(k))).collect(),
            sin: (0..n / 2).map(|k| libm::sin(angle(k))).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// X_m = Σ_k x_k e^{−2πi km/n}, in place.
    pub fn forward(&self, re: &mut [f64], im: &mut [f64]) {
        self.transform(re, im, -1.0);
    }

    /// x_k = (1/n) Σ_m X_m e^{2πi km/n}, in place: the inverse of [`Fft::forward`].
    pub fn inverse(&self, re: &mut [f64], im: &mut [f64]) {
        self.transform(re, im, 1.0);
        let scale = 1.0 / self.n as f64;
        for (r, i) in re.iter_mut().zip(im.iter_mut()) {
            *r *= scale;
            *i *= scale;
        }
    }

    fn transform(&self, re: &mut [f64], im: &mut [f64], sign: f64) {
        let n = self.n;
        assert!(re.len() == n && im.len() == n, "Fft: expected {n} values, got {} and {}", re.len(), im.len());
        // Bit-reversed order.
        let mut j = 0;
        for i in 1..n {
            let mut bit = n >> 1;
            while j & bit != 0 {
                j ^= bit;
                bit >>= 1;
            }
            j |= bit;
            if i < j {
                re.swap(i, j);
                im.swap(i, j);
            }
        }
        let mut len = 2;
        while len <= n {
            let half = len / 2;
            let stride = n / len;
            for start in (0..n).step_by(len) {
                for k in 0..half {
                    let (c, s) = (self.cos[k * stride], sign * self.sin[k * stride]);
                    let (a, b) = (start + k, start + k + half);
                    let tr = re[b] * c - im[b] * s;
                    let ti = re[b] * s + im[b] * c;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
            len *= 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the direct sum Σ_k x_k e^{−2πi km/n}, for every length up to 256, and back.
    #[test]
    fn meets_the_direct_transform_and_inverts() {
        for k in 0..=8 {
            let n = 1 << k;
            let fft = Fft::new(n);
            let x: Vec<f64> = (0..n).map(|j| libm::sin(1.3 * j as f64 + 0.2) + 0.1 * j as f64).collect();
            let y: Vec<f64> = (0..n).map(|j| libm::cos(0.7 * j as f64 * j as f64)).collect();
            let (mut re, mut im) = (x.clone(), y.clone());
            fft.forward(&mut re, &mut im);
            for m in 0..n {
                let (mut dr, mut di) = (0.0, 0.0);
                for j in 0..n {
                    let a = -2.0 * core::f64::consts::PI * ((j * m) % n) as f64 / n as f64;
                    dr += x[j] * libm::cos(a) - y[j] * libm::sin(a);
                    di += x[j] * libm::sin(a) + y[j] * libm::cos(a);
                }
                let tol = 1e-12 * (n as f64) * (1.0 + 0.1 * n as f64);
                assert!((re[m] - dr).abs() < tol && (im[m] - di).abs() < tol, "n = {n}, m = {m}: {} vs {dr}", re[m]);
            }
            fft.inverse(&mut re, &mut im);
            let tol = 1e-12 * (1.0 + 0.1 * n as f64);
            for j in 0..n {
                assert!((re[j] - x[j]).abs() < tol && (im[j] - y[j]).abs() < tol, "n = {n}, j = {j}");
            }
        }
    }
}
