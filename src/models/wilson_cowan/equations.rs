//! The Wilson–Cowan equations as MathML, for the page.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "Excitatory (E) and inhibitory (I) activity, with refractory factors (k − rE), (k − rI)",
        mathml: concat!(
            r#"<math display="block"><msub><mi>τ</mi><mi>E</mi></msub><mfrac><mrow><mi>d</mi><mi>E</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>"#,
            "<mo>=</mo><mo>−</mo><mi>E</mi><mo>+</mo><mo>(</mo><msub><mi>k</mi><mi>E</mi></msub><mo>−</mo><msub><mi>r</mi><mi>E</mi></msub><mi>E</mi><mo>)</mo>",
            "<msub><mi>S</mi><mi>E</mi></msub><mo>(</mo><msub><mi>c</mi><mn>1</mn></msub><mi>E</mi><mo>−</mo><msub><mi>c</mi><mn>2</mn></msub><mi>I</mi><mo>+</mo><mi>P</mi><mo>)</mo>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            r#"<msub><mi>τ</mi><mi>I</mi></msub><mfrac><mrow><mi>d</mi><mi>I</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac>"#,
            "<mo>=</mo><mo>−</mo><mi>I</mi><mo>+</mo><mo>(</mo><msub><mi>k</mi><mi>I</mi></msub><mo>−</mo><msub><mi>r</mi><mi>I</mi></msub><mi>I</mi><mo>)</mo>",
            "<msub><mi>S</mi><mi>I</mi></msub><mo>(</mo><msub><mi>c</mi><mn>3</mn></msub><mi>E</mi><mo>−</mo><msub><mi>c</mi><mn>4</mn></msub><mi>I</mi><mo>+</mo><mi>Q</mi><mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "The response of each population, shifted so that S(0) = 0; k is its supremum",
        mathml: concat!(
            r#"<math display="block"><mi>S</mi><mo>(</mo><mi>x</mi><mo>)</mo><mo>=</mo>"#,
            "<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>a</mi><mo>(</mo><mi>x</mi><mo>−</mo><mi>θ</mi><mo>)</mo></mrow></msup></mrow></mfrac>",
            "<mo>−</mo><mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mi>a</mi><mi>θ</mi></mrow></msup></mrow></mfrac>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>k</mi><mo>=</mo><mn>1</mn><mo>−</mo>"#,
            "<mfrac><mn>1</mn><mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mi>a</mi><mi>θ</mi></mrow></msup></mrow></mfrac></math>"
        ),
    },
    Equation {
        caption: "Nullclines in closed form; fixed points where they cross. Along the I-nullcline, the P of each fixed point:",
        mathml: concat!(
            r#"<math display="block"><mi>I</mi><mo>=</mo><mfrac><mrow><msub><mi>c</mi><mn>1</mn></msub><mi>E</mi><mo>+</mo><mi>P</mi><mo>−</mo>"#,
            "<msubsup><mi>S</mi><mi>E</mi><mrow><mo>−</mo><mn>1</mn></mrow></msubsup><mo>(</mo><mfrac><mi>E</mi><mrow><msub><mi>k</mi><mi>E</mi></msub><mo>−</mo><msub><mi>r</mi><mi>E</mi></msub><mi>E</mi></mrow></mfrac><mo>)</mo></mrow>",
            "<msub><mi>c</mi><mn>2</mn></msub></mfrac>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<mi>E</mi><mo>=</mo><mfrac><mrow><msub><mi>c</mi><mn>4</mn></msub><mi>I</mi><mo>−</mo><mi>Q</mi><mo>+</mo>",
            "<msubsup><mi>S</mi><mi>I</mi><mrow><mo>−</mo><mn>1</mn></mrow></msubsup><mo>(</mo><mfrac><mi>I</mi><mrow><msub><mi>k</mi><mi>I</mi></msub><mo>−</mo><msub><mi>r</mi><mi>I</mi></msub><mi>I</mi></mrow></mfrac><mo>)</mo></mrow>",
            "<msub><mi>c</mi><mn>3</mn></msub></mfrac></math>"
        ),
    },
    Equation {
        caption: "Linear stability: eigenvalues of the Jacobian J; saddle-node where det J = 0, Hopf where tr J = 0 < det J",
        mathml: concat!(
            r#"<math display="block"><mi>λ</mi><mo>=</mo><mfrac><mrow><mi>tr</mi><mi>J</mi></mrow><mn>2</mn></mfrac><mo>±</mo>"#,
            "<msqrt><mrow><mfrac><msup><mrow><mo>(</mo><mi>tr</mi><mi>J</mi><mo>)</mo></mrow><mn>2</mn></msup><mn>4</mn></mfrac><mo>−</mo><mi>det</mi><mi>J</mi></mrow></msqrt>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><msub><mi>T</mi><mi>H</mi></msub><mo>=</mo><mfrac><mrow><mn>2</mn><mi>π</mi></mrow><msqrt><mrow><mi>det</mi><mi>J</mi></mrow></msqrt></mfrac></math>"#
        ),
    },
];
