//! The equations shown on the page.

use crate::model::Equation;

pub const ALL: &[Equation] = &[
    Equation {
        caption: "The network: quadratic integrate-and-fire neurons with Lorentzian excitabilities, coupled through the filtered population rate s",
        mathml: r#"<math display="block"><mi>τ</mi><msub><mover><mi>V</mi><mo>˙</mo></mover><mi>i</mi></msub><mo>=</mo><msubsup><mi>V</mi><mi>i</mi><mn>2</mn></msubsup><mo>+</mo><msub><mi>η</mi><mi>i</mi></msub><mo>+</mo><msub><mi>J</mi><mi>i</mi></msub><mi>τ</mi><mi>s</mi><mo>+</mo><mi>I</mi><mo>(</mo><mi>t</mi><mo>)</mo><mo>−</mo><msub><mi>a</mi><mi>i</mi></msub><mo separator="true">,</mo><mspace width="1em"/><msub><mi>τ</mi><mi>s</mi></msub><mover><mi>s</mi><mo>˙</mo></mover><mo>=</mo><mo>−</mo><mi>s</mi><mo>+</mo><mfrac><mn>1</mn><mi>N</mi></mfrac><munder><mo>∑</mo><mrow><mi>i</mi><mo separator="true">,</mo><mi>k</mi></mrow></munder><mi>δ</mi><mo>(</mo><mi>t</mi><mo>−</mo><msubsup><mi>t</mi><mi>i</mi><mi>k</mi></msubsup><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>η</mi><mi>i</mi></msub><mo>∼</mo><mi>Lorentz</mi><mo>(</mo><mover><mi>η</mi><mo>¯</mo></mover><mo separator="true">,</mo><mi>Δ</mi><mo>)</mo></math>"#,
    },
    Equation {
        caption: "The exact rate equations (τ = 1): population rate r and mean potential v",
        mathml: r#"<math display="block"><mover><mi>r</mi><mo>˙</mo></mover><mo>=</mo><mfrac><mrow><mi>Δ</mi><mo>+</mo><msub><mi>Δ</mi><mi>J</mi></msub><mi>s</mi></mrow><mi>π</mi></mfrac><mo>+</mo><mn>2</mn><mi>r</mi><mi>v</mi><mo separator="true">,</mo><mspace width="1em"/><mover><mi>v</mi><mo>˙</mo></mover><mo>=</mo><msup><mi>v</mi><mn>2</mn></msup><mo>+</mo><mover><mi>η</mi><mo>¯</mo></mover><mo>+</mo><mover><mi>J</mi><mo>¯</mo></mover><mi>s</mi><mo>+</mo><mi>I</mi><mo>−</mo><mi>a</mi><mo>−</mo><msup><mi>π</mi><mn>2</mn></msup><msup><mi>r</mi><mn>2</mn></msup><mo separator="true">,</mo><mspace width="1em"/><msub><mi>τ</mi><mi>a</mi></msub><mover><mi>a</mi><mo>˙</mo></mover><mo>=</mo><mo>−</mo><mi>a</mi><mo>+</mo><mi>β</mi><mi>s</mi></math>"#,
    },
    Equation {
        caption: "Fixed points: v* = −(Δ + Δ_J r)/(2πr) and F(r) = 0; the Kuramoto order parameter of θ = 2 arctan V",
        mathml: r#"<math display="block"><mfrac><msup><mrow><mo>(</mo><mi>Δ</mi><mo>+</mo><msub><mi>Δ</mi><mi>J</mi></msub><mi>r</mi><mo>)</mo></mrow><mn>2</mn></msup><mrow><mn>4</mn><msup><mi>π</mi><mn>2</mn></msup><msup><mi>r</mi><mn>2</mn></msup></mrow></mfrac><mo>+</mo><mover><mi>η</mi><mo>¯</mo></mover><mo>+</mo><mi>I</mi><mo>+</mo><mo>(</mo><mover><mi>J</mi><mo>¯</mo></mover><mo>−</mo><mi>β</mi><mo>)</mo><mi>r</mi><mo>−</mo><msup><mi>π</mi><mn>2</mn></msup><msup><mi>r</mi><mn>2</mn></msup><mo>=</mo><mn>0</mn><mo separator="true">,</mo><mspace width="1em"/><mi>Z</mi><mo>=</mo><mfrac><mrow><mn>1</mn><mo>−</mo><mover><mi>W</mi><mo>¯</mo></mover></mrow><mrow><mn>1</mn><mo>+</mo><mover><mi>W</mi><mo>¯</mo></mover></mrow></mfrac><mo separator="true">,</mo><mspace width="0.5em"/><mi>W</mi><mo>=</mo><mi>π</mi><mi>r</mi><mo>+</mo><mi>i</mi><mi>v</mi></math>"#,
    },
];
