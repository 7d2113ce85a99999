//! The equations of the Dirac–Turing page as MathML.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "The node signal u and the edge signal v: cubic reactions, coupling through B1 (the Dirac \
                  operator's off-diagonal block), Hodge diffusion and cross-diffusion",
        mathml: concat!(
            r#"<math display="block"><mtable columnalign="left"><mtr><mtd>"#,
            r#"<mfrac><mrow><mi>d</mi><mi>u</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo>"#,
            "<mo>−</mo><mi>a</mi><mi>u</mi><mo>−</mo><mi>b</mi><msup><mi>u</mi><mn>3</mn></msup>",
            "<mo>+</mo><mi>c</mi><msub><mi>B</mi><mn>1</mn></msub><mi>v</mi>",
            "<mo>−</mo><msub><mi>D</mi><mn>0</mn></msub><msub><mi>L</mi><mn>0</mn></msub><mi>u</mi>",
            "<mo>−</mo><msub><mi>D</mi><mn>01</mn></msub><msub><mi>L</mi><mn>0</mn></msub><msub><mi>B</mi><mn>1</mn></msub><mi>v</mi>",
            "</mtd></mtr><mtr><mtd>",
            r#"<mfrac><mrow><mi>d</mi><mi>v</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo>"#,
            "<mo>−</mo><mi>α</mi><mi>v</mi><mo>−</mo><mi>β</mi><msup><mi>v</mi><mn>3</mn></msup>",
            "<mo>+</mo><mi>γ</mi><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup><mi>u</mi>",
            "<mo>−</mo><msub><mi>D</mi><mn>1</mn></msub><msub><mi>L</mi><mn>1</mn></msub><mi>v</mi>",
            "<mo>−</mo><msub><mi>D</mi><mn>10</mn></msub><msub><mi>L</mi><mn>1</mn></msub><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup><mi>u</mi>",
            "</mtd></mtr></mtable></math>"
        ),
    },
    Equation {
        caption: "Hodge Laplacians and the Dirac operator (B1: nodes × edges, B2: edges × faces; B2 = 0 on a graph)",
        mathml: concat!(
            r#"<math display="block"><msub><mi>L</mi><mn>0</mn></msub><mo>=</mo><msub><mi>B</mi><mn>1</mn></msub><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<msub><mi>L</mi><mn>1</mn></msub><mo>=</mo><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup><msub><mi>B</mi><mn>1</mn></msub><mo>+</mo><msub><mi>B</mi><mn>2</mn></msub><msubsup><mi>B</mi><mn>2</mn><mo>⊤</mo></msubsup>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<mi>D</mi><mo>=</mo><mrow><mo>(</mo><mtable><mtr><mtd><mn>0</mn></mtd><mtd><msub><mi>B</mi><mn>1</mn></msub></mtd></mtr>",
            "<mtr><mtd><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup></mtd><mtd><mn>0</mn></mtd></mtr></mtable><mo>)</mo></mrow></math>"
        ),
    },
    Equation {
        caption: "A singular pair B1ψ = sφ (s² an eigenvalue of L0 and of L1) grows at the largest real part of the \
                  eigenvalues of M(s)",
        mathml: concat!(
            r#"<math display="block"><mi>M</mi><mo>(</mo><mi>s</mi><mo>)</mo><mo>=</mo><mrow><mo>(</mo><mtable>"#,
            "<mtr><mtd><mo>−</mo><mi>a</mi><mo>−</mo><msub><mi>D</mi><mn>0</mn></msub><msup><mi>s</mi><mn>2</mn></msup></mtd>",
            "<mtd><mi>c</mi><mi>s</mi><mo>−</mo><msub><mi>D</mi><mn>01</mn></msub><msup><mi>s</mi><mn>3</mn></msup></mtd></mtr>",
            "<mtr><mtd><mi>γ</mi><mi>s</mi><mo>−</mo><msub><mi>D</mi><mn>10</mn></msub><msup><mi>s</mi><mn>3</mn></msup></mtd>",
            "<mtd><mo>−</mo><mi>α</mi><mo>−</mo><msub><mi>D</mi><mn>1</mn></msub><msup><mi>s</mi><mn>2</mn></msup></mtd></mtr>",
            "</mtable><mo>)</mo></mrow></math>"
        ),
    },
    Equation {
        caption: "Without cross-diffusion a pattern can grow iff cγ exceeds the threshold, first at s*²",
        mathml: concat!(
            r#"<math display="block"><mi>c</mi><mi>γ</mi><mo>&gt;</mo><msup><mi>cγ</mi><mo>*</mo></msup><mo>=</mo>"#,
            "<msup><mrow><mo>(</mo><msqrt><mi>a</mi><msub><mi>D</mi><mn>1</mn></msub></msqrt><mo>+</mo><msqrt><mi>α</mi><msub><mi>D</mi><mn>0</mn></msub></msqrt><mo>)</mo></mrow><mn>2</mn></msup>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<msubsup><mi>s</mi><mo>*</mo><mn>2</mn></msubsup><mo>=</mo><msqrt><mfrac><mrow><mi>a</mi><mi>α</mi></mrow><mrow><msub><mi>D</mi><mn>0</mn></msub><msub><mi>D</mi><mn>1</mn></msub></mrow></mfrac></msqrt></math>"
        ),
    },
];
