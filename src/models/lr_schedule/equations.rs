//! The model's equations as MathML, for the page (rendered by the browser, no script).
//! Vectors are marked `class="vec"` and set in bold by the page's style sheet.

use crate::model::Equation;

// Literal pieces, so that `concat!` can assemble each equation at compile time.
macro_rules! vec_w {
    () => {
        r#"<mi class="vec">w</mi>"#
    };
}
macro_rules! vec_w_star {
    () => {
        r#"<msup><mi class="vec">w</mi><mo>*</mo></msup>"#
    };
}
macro_rules! vec_x {
    () => {
        r#"<mi class="vec">x</mi>"#
    };
}
macro_rules! sqrt_n {
    () => {
        "<msqrt><mi>N</mi></msqrt>"
    };
}
macro_rules! sigma2 {
    () => {
        "<msup><mi>σ</mi><mn>2</mn></msup>"
    };
}
macro_rules! m0 {
    () => {
        "<msub><mi>m</mi><mn>0</mn></msub>"
    };
}
macro_rules! t0 {
    () => {
        "<msub><mi>t</mi><mn>0</mn></msub>"
    };
}
macro_rules! comma {
    () => {
        r#"<mo separator="true">,</mo><mspace width="1em"/>"#
    };
}
macro_rules! d_dt {
    ($x:literal) => {
        concat!("<mfrac><mrow><mi>d</mi>", $x, "</mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>")
    };
}

pub static ALL: &[Equation] = &[
    Equation {
        caption: "A noisy linear teacher and a linear student, on Gaussian inputs",
        mathml: concat!(
            r#"<math display="block"><mi>y</mi><mo>=</mo><mfrac><mrow>"#,
            vec_w_star!(),
            "<mo>·</mo>",
            vec_x!(),
            "</mrow>",
            sqrt_n!(),
            "</mfrac><mo>+</mo><mi>σ</mi><mi>ζ</mi>",
            comma!(),
            r#"<mover><mi>y</mi><mo>^</mo></mover><mo>=</mo><mfrac><mrow>"#,
            vec_w!(),
            "<mo>·</mo>",
            vec_x!(),
            "</mrow>",
            sqrt_n!(),
            "</mfrac>",
            comma!(),
            vec_x!(),
            "<mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator=\"true\">,</mo><msub><mi>I</mi><mi>N</mi></msub><mo>)</mo>",
            comma!(),
            "<mi>ζ</mi><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo separator=\"true\">,</mo><mn>1</mn><mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "Online SGD with a learning-rate schedule, a fresh example at every step; time t counts steps over N",
        mathml: concat!(
            r#"<math display="block">"#,
            vec_w!(),
            "<mo>←</mo>",
            vec_w!(),
            "<mo>−</mo><mfrac><mrow><mi>η</mi><mo>(</mo><mi>t</mi><mo>)</mo></mrow>",
            sqrt_n!(),
            "</mfrac><mo>(</mo><mover><mi>y</mi><mo>^</mo></mover><mo>−</mo><mi>y</mi><mo>)</mo>",
            vec_x!(),
            comma!(),
            "<mi>t</mi><mo>=</mo><mfrac><mtext>steps</mtext><mi>N</mi></mfrac></math>"
        ),
    },
    Equation {
        caption: "As N → ∞ the error m, twice the generalisation error ε_g, follows one equation",
        mathml: concat!(
            r#"<math display="block"><mi>m</mi><mo>=</mo><mfrac><msup><mrow><mo>|</mo>"#,
            vec_w!(),
            "<mo>−</mo>",
            vec_w_star!(),
            "<mo>|</mo></mrow><mn>2</mn></msup><mi>N</mi></mfrac><mo>=</mo><mn>2</mn><msub><mi>ε</mi><mi>g</mi></msub>",
            comma!(),
            d_dt!("<mi>m</mi>"),
            "<mo>=</mo><mo>−</mo><mn>2</mn><mi>η</mi><mi>m</mi><mo>+</mo><msup><mi>η</mi><mn>2</mn></msup><mo>(</mo><mi>m</mi><mo>+</mo>",
            sigma2!(),
            "<mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "Optimal control of m(T): the Hamiltonian, the co-state p and the η that minimises H at every instant",
        mathml: concat!(
            r#"<math display="block"><mi>H</mi><mo>=</mo><mi>p</mi><mo>[</mo><mo>−</mo><mn>2</mn><mi>η</mi><mi>m</mi><mo>+</mo>"#,
            "<msup><mi>η</mi><mn>2</mn></msup><mo>(</mo><mi>m</mi><mo>+</mo>",
            sigma2!(),
            "<mo>)</mo><mo>]</mo>",
            comma!(),
            d_dt!("<mi>p</mi>"),
            "<mo>=</mo><mo>−</mo><mfrac><mrow><mo>∂</mo><mi>H</mi></mrow><mrow><mo>∂</mo><mi>m</mi></mrow></mfrac>",
            "<mo>=</mo><mi>p</mi><mi>η</mi><mo>(</mo><mn>2</mn><mo>−</mo><mi>η</mi><mo>)</mo>",
            comma!(),
            "<mi>p</mi><mo>(</mo><mi>T</mi><mo>)</mo><mo>=</mo><mn>1</mn>",
            comma!(),
            "<msup><mi>η</mi><mo>*</mo></msup><mo>=</mo><mfrac><mi>m</mi><mrow><mi>m</mi><mo>+</mo>",
            sigma2!(),
            "</mrow></mfrac></math>"
        ),
    },
    Equation {
        caption: "Along the optimum, m(t) in closed form (solved for m by a root finder)",
        mathml: concat!(
            r#"<math display="block">"#,
            d_dt!("<mi>m</mi>"),
            "<mo>=</mo><mo>−</mo><mfrac><msup><mi>m</mi><mn>2</mn></msup><mrow><mi>m</mi><mo>+</mo>",
            sigma2!(),
            "</mrow></mfrac>",
            r#"<mspace width="1em"/><mo>⇒</mo><mspace width="1em"/>"#,
            "<mi>t</mi><mo>=</mo><mi>ln</mi><mfrac>",
            m0!(),
            "<mi>m</mi></mfrac><mo>+</mo>",
            sigma2!(),
            "<mrow><mo>(</mo><mfrac><mn>1</mn><mi>m</mi></mfrac><mo>−</mo><mfrac><mn>1</mn>",
            m0!(),
            "</mfrac><mo>)</mo></mrow></math>"
        ),
    },
    Equation {
        caption: "A constant η, and the best one for the horizon T",
        mathml: concat!(
            r#"<math display="block"><mi>m</mi><mo>(</mo><mi>T</mi><mo>)</mo><mo>=</mo>"#,
            "<msub><mi>m</mi><mi>∞</mi></msub><mo>+</mo><mo>(</mo>",
            m0!(),
            "<mo>−</mo><msub><mi>m</mi><mi>∞</mi></msub><mo>)</mo>",
            "<msup><mi>e</mi><mrow><mo>−</mo><mi>η</mi><mo>(</mo><mn>2</mn><mo>−</mo><mi>η</mi><mo>)</mo><mi>T</mi></mrow></msup>",
            comma!(),
            "<msub><mi>m</mi><mi>∞</mi></msub><mo>=</mo><mfrac><mrow><mi>η</mi>",
            sigma2!(),
            "</mrow><mrow><mn>2</mn><mo>−</mo><mi>η</mi></mrow></mfrac>",
            comma!(),
            "<msub><mi>η</mi><mi>c</mi></msub><mo>=</mo><munder><mi>argmin</mi><mi>η</mi></munder>",
            "<mi>m</mi><mo>(</mo><mi>T</mi><mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "The 1/t schedule starts where the optimum starts; the optimum is the same law with a logarithm",
        mathml: concat!(
            r#"<math display="block"><mi>η</mi><mo>(</mo><mi>t</mi><mo>)</mo><mo>=</mo><mfrac><mn>1</mn><mrow><mi>t</mi><mo>+</mo>"#,
            t0!(),
            "</mrow></mfrac>",
            comma!(),
            t0!(),
            "<mo>=</mo><mn>1</mn><mo>+</mo><mfrac>",
            sigma2!(),
            m0!(),
            "</mfrac><mo>=</mo><mfrac><mn>1</mn><mrow><msup><mi>η</mi><mo>*</mo></msup><mo>(</mo><mn>0</mn><mo>)</mo></mrow></mfrac>",
            comma!(),
            "<msup><mi>η</mi><mo>*</mo></msup><mo>(</mo><mi>t</mi><mo>)</mo><mo>=</mo><mfrac><mn>1</mn><mrow><mi>t</mi><mo>+</mo>",
            t0!(),
            "<mo>−</mo><mi>ln</mi><mo>(</mo>",
            m0!(),
            "<mo>/</mo><mi>m</mi><mo>)</mo></mrow></mfrac></math>"
        ),
    },
    Equation {
        caption: "Numerical optimal control: η constant on 50 pieces, the gradient of m(T) from the co-state, minimised by BFGS",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mo>∂</mo><mi>m</mi><mo>(</mo><mi>T</mi><mo>)</mo></mrow>"#,
            "<mrow><mo>∂</mo><msub><mi>η</mi><mi>k</mi></msub></mrow></mfrac>",
            "<mo>=</mo><msubsup><mo>∫</mo><msub><mi>t</mi><mi>k</mi></msub>",
            "<msub><mi>t</mi><mrow><mi>k</mi><mo>+</mo><mn>1</mn></mrow></msub></msubsup>",
            "<mi>p</mi><mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>η</mi></mrow></mfrac><mi>d</mi><mi>t</mi>",
            comma!(),
            "<mfrac><mrow><mo>∂</mo><mi>f</mi></mrow><mrow><mo>∂</mo><mi>η</mi></mrow></mfrac><mo>=</mo><mo>−</mo><mn>2</mn><mi>m</mi>",
            "<mo>+</mo><mn>2</mn><mi>η</mi><mo>(</mo><mi>m</mi><mo>+</mo>",
            sigma2!(),
            "<mo>)</mo></math>"
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
            for tag in ["mrow", "mfrac", "msqrt", "msup", "msub", "msubsup", "munder", "mover", "mtext"] {
                let open = m.matches(&format!("<{tag}>")).count();
                let close = m.matches(&format!("</{tag}>")).count();
                assert_eq!(open, close, "<{tag}> unbalanced in {}", eq.caption);
            }
        }
    }
}
