//! The perceptron's equations as MathML, for the page (rendered by the browser, no script).
//! Vectors are marked `class="vec"` and set in bold by the page's style sheet.

use crate::model::Equation;

// Literal pieces, so that `concat!` can assemble each equation at compile time.
macro_rules! vec_j {
    () => {
        r#"<mi class="vec">J</mi>"#
    };
}
macro_rules! vec_t {
    () => {
        r#"<mi class="vec">T</mi>"#
    };
}
macro_rules! xi_mu {
    () => {
        r#"<msup><mi class="vec">ξ</mi><mi>μ</mi></msup>"#
    };
}
macro_rules! sigma_mu {
    () => {
        "<msup><mi>σ</mi><mi>μ</mi></msup>"
    };
}
macro_rules! sqrt_n {
    () => {
        "<msqrt><mi>N</mi></msqrt>"
    };
}
macro_rules! dot {
    () => {
        "<mo>·</mo>"
    };
}

pub static ALL: &[Equation] = &[
    Equation {
        caption: "The teacher labels P = αN Gaussian inputs",
        mathml: concat!(
            r#"<math display="block">"#,
            sigma_mu!(),
            "<mo>=</mo><mi>sign</mi><mo>(</mo>",
            vec_t!(),
            dot!(),
            xi_mu!(),
            "<mo>)</mo>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            xi_mu!(),
            "<mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator=\"true\">,</mo><msub><mi>I</mi><mi>N</mi></msub><mo>)</mo>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<mi>μ</mi><mo>=</mo><mn>1</mn><mo separator=\"true\">,</mo><mo>…</mo><mo separator=\"true\">,</mo>",
            "<mi>P</mi><mo>=</mo><mi>α</mi><mi>N</mi></math>"
        ),
    },
    Equation {
        caption: "Hebb's rule",
        mathml: concat!(
            r#"<math display="block">"#,
            vec_j!(),
            "<mo>=</mo><mfrac><mn>1</mn>",
            sqrt_n!(),
            "</mfrac>",
            "<munderover><mo>∑</mo><mrow><mi>μ</mi><mo>=</mo><mn>1</mn></mrow><mi>P</mi></munderover>",
            sigma_mu!(),
            xi_mu!(),
            "</math>"
        ),
    },
    Equation {
        caption: "The online perceptron rule: one pass, learning from mistakes only",
        mathml: concat!(
            r#"<math display="block">"#,
            vec_j!(),
            "<mo>←</mo>",
            vec_j!(),
            "<mo>+</mo><mfrac><mi>η</mi>",
            sqrt_n!(),
            "</mfrac>",
            sigma_mu!(),
            xi_mu!(),
            "<mi mathvariant=\"normal\">Θ</mi><mo>(</mo><mo>−</mo>",
            sigma_mu!(),
            vec_j!(),
            dot!(),
            xi_mu!(),
            "<mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "Gibbs learning: any student that classifies every example right; Bayes: their centre of mass",
        mathml: concat!(
            r#"<math display="block">"#,
            vec_j!(),
            "<mo>∼</mo><mi>uniform</mi><mo>{</mo>",
            vec_j!(),
            "<mo>:</mo>",
            sigma_mu!(),
            vec_j!(),
            dot!(),
            xi_mu!(),
            "<mo>&gt;</mo><mn>0</mn><mspace width=\"0.5em\"/><mo>∀</mo><mi>μ</mi><mo>}</mo>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<msub>",
            vec_j!(),
            "<mi>B</mi></msub><mo>=</mo><mo>⟨</mo>",
            vec_j!(),
            "<mo>⟩</mo></math>"
        ),
    },
    Equation {
        caption: "Generalisation error from the teacher–student overlap R",
        mathml: concat!(
            r#"<math display="block"><mi>ε</mi><mo>=</mo><mfrac><mrow><mi>arccos</mi><mi>R</mi></mrow><mi>π</mi></mfrac>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>R</mi><mo>=</mo><mfrac><mrow>"#,
            vec_j!(),
            dot!(),
            vec_t!(),
            "</mrow><mrow><mo>|</mo>",
            vec_j!(),
            "<mo>|</mo><mo>|</mo>",
            vec_t!(),
            "<mo>|</mo></mrow></mfrac></math>"
        ),
    },
    Equation {
        caption: "Theory as N → ∞. Hebb:",
        mathml: concat!(
            r#"<math display="block"><mi>R</mi><mo>=</mo><msqrt><mfrac><mrow><mn>2</mn><mi>α</mi></mrow>"#,
            "<mrow><mi>π</mi><mo>+</mo><mn>2</mn><mi>α</mi></mrow></mfrac></msqrt></math>"
        ),
    },
    Equation {
        caption: "Gibbs learning (replica-symmetric fixed point), Dt the Gaussian measure and H(x) its mass beyond x; Bayes:",
        mathml: concat!(
            r#"<math display="block"><mfrac><mi>R</mi><msqrt><mrow><mn>1</mn><mo>−</mo><mi>R</mi></mrow></msqrt></mfrac>"#,
            "<mo>=</mo><mfrac><mi>α</mi><mi>π</mi></mfrac><mo>∫</mo><mi>D</mi><mi>t</mi>",
            "<mfrac><msup><mi>e</mi><mrow><mo>−</mo><mi>R</mi><msup><mi>t</mi><mn>2</mn></msup><mo>/</mo><mn>2</mn></mrow></msup>",
            "<mrow><mi>H</mi><mo>(</mo><mo>−</mo><msqrt><mi>R</mi></msqrt><mi>t</mi><mo>)</mo></mrow></mfrac>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<msub><mi>ε</mi><mi>Bayes</mi></msub><mo>=</mo><mfrac><mrow><mi>arccos</mi><msqrt><mi>R</mi></msqrt></mrow><mi>π</mi></mfrac></math>"
        ),
    },
    Equation {
        caption: "Online perceptron rule, with R̃ = J·T/N, Q = |J|²/N and ρ = R̃/√Q (η = 1: from J = 0, ε does not depend on η)",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mi>d</mi><mover><mi>R</mi><mo>~</mo></mover></mrow><mrow><mi>d</mi><mi>α</mi></mrow></mfrac>"#,
            "<mo>=</mo><mfrac><mrow><mn>1</mn><mo>−</mo><mi>ρ</mi></mrow><msqrt><mrow><mn>2</mn><mi>π</mi></mrow></msqrt></mfrac>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<mfrac><mrow><mi>d</mi><mi>Q</mi></mrow><mrow><mi>d</mi><mi>α</mi></mrow></mfrac><mo>=</mo><mo>−</mo>",
            "<mfrac><mrow><mn>2</mn><msqrt><mi>Q</mi></msqrt><mo>(</mo><mn>1</mn><mo>−</mo><mi>ρ</mi><mo>)</mo></mrow>",
            "<msqrt><mrow><mn>2</mn><mi>π</mi></mrow></msqrt></mfrac><mo>+</mo>",
            "<mfrac><mrow><mi>arccos</mi><mi>ρ</mi></mrow><mi>π</mi></mfrac></math>"
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn every_equation_is_one_balanced_math_element() {
        for eq in ALL {
            let m = eq.mathml;
            assert!(m.starts_with(r#"<math display="block">"#) && m.ends_with("</math>"), "{m}");
            for tag in ["mrow", "mfrac", "msqrt", "msup", "msub", "munderover", "mover"] {
                let open = m.matches(&format!("<{tag}>")).count();
                let close = m.matches(&format!("</{tag}>")).count();
                assert_eq!(open, close, "<{tag}> unbalanced in {}", eq.caption);
            }
        }
    }
}
