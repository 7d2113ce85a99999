//! The equations of the topological Kuramoto page as MathML.

use crate::model::Equation;

pub static ALL: &[Equation] = &[
    Equation {
        caption: "Phases θ on the edges, driven by their frequencies ω and coupled through the nodes (B1) and the \
                  faces (B2); R⁺ = R⁻ = 1 in the standard model",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mi>d</mi><mi>θ</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mi>ω</mi>"#,
            "<mo>−</mo><mi>σ</mi><msup><mi>R</mi><mo>+</mo></msup><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup><mi>sin</mi><mo>(</mo><msub><mi>B</mi><mn>1</mn></msub><mi>θ</mi><mo>)</mo>",
            "<mo>−</mo><mi>σ</mi><msup><mi>R</mi><mo>−</mo></msup><msub><mi>B</mi><mn>2</mn></msub><mi>sin</mi><mo>(</mo><msubsup><mi>B</mi><mn>2</mn><mo>⊤</mo></msubsup><mi>θ</mi><mo>)</mo>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><msub><mi>ω</mi><mi>e</mi></msub><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mi>Ω</mi><mo>,</mo><mn>1</mn><mo>)</mo></math>"#
        ),
    },
    Equation {
        caption: "Explosive variant: each term is weighed by the order parameter of the other projection",
        mathml: concat!(
            r#"<math display="block"><msup><mi>R</mi><mo>−</mo></msup><mo>=</mo><mfrac><mn>1</mn><msub><mi>N</mi><mn>0</mn></msub></mfrac>"#,
            "<mrow><mo>|</mo><munder><mo>∑</mo><mi>i</mi></munder><msup><mi>e</mi><mrow><mi>i</mi><msub><mrow><mo>(</mo><msub><mi>B</mi><mn>1</mn></msub><mi>θ</mi><mo>)</mo></mrow><mi>i</mi></msub></mrow></msup><mo>|</mo></mrow>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<msup><mi>R</mi><mo>+</mo></msup><mo>=</mo><mfrac><mn>1</mn><msub><mi>N</mi><mn>2</mn></msub></mfrac>",
            "<mrow><mo>|</mo><munder><mo>∑</mo><mi>f</mi></munder><msup><mi>e</mi><mrow><mi>i</mi><msub><mrow><mo>(</mo><msubsup><mi>B</mi><mn>2</mn><mo>⊤</mo></msubsup><mi>θ</mi><mo>)</mo></mrow><mi>f</mi></msub></mrow></msup><mo>|</mo></mrow></math>"
        ),
    },
    Equation {
        caption: "B1B2 = 0, so the harmonic component (P_h: the projector on ker L1) is never coupled: it drifts at P_h ω \
                  whatever σ",
        mathml: concat!(
            r#"<math display="block"><mfrac><mi>d</mi><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><msub><mi>P</mi><mi>h</mi></msub><mi>θ</mi><mo>=</mo><msub><mi>P</mi><mi>h</mi></msub><mi>ω</mi>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<msub><mi>L</mi><mn>1</mn></msub><mo>=</mo><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup><msub><mi>B</mi><mn>1</mn></msub><mo>+</mo><msub><mi>B</mi><mn>2</mn></msub><msubsup><mi>B</mi><mn>2</mn><mo>⊤</mo></msubsup>",
            r#"<mo separator="true">,</mo><mspace width="1em"/>"#,
            "<mi>dim</mi><mi>ker</mi><msub><mi>L</mi><mn>1</mn></msub><mo>=</mo><msub><mi>β</mi><mn>1</mn></msub></math>"
        ),
    },
];
