//! Networks: nodes at their positions, fitted into a square with their aspect kept, coloured by
//! their values on a [`ColourScale`] with its bar at the right; edges as lines under them, grey or
//! coloured by values of their own, with an arrow head at the target of a directed edge.

use super::heatmap::{ColourBar, ColourScale};
use super::{DrawResult, INK, Style};
use crate::model::Network;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A node's radius (CSS px): large for a few nodes, small for many, never below 2 px.
fn node_radius(nodes: usize) -> f64 {
    (7.0 * (40.0 / nodes.max(1) as f64).sqrt()).clamp(2.0, 7.0)
}

/// The square the nodes are fitted into: its left, top and side in pixels of `area`.
fn square(width: i32, height: i32, margin: i32) -> (i32, i32, i32) {
    let side = (width - 2 * margin).min(height - 2 * margin).max(0);
    ((width - side) / 2, (height - side) / 2, side)
}

/// The pixel of every node: positions centred and scaled into the square, y upwards; `None` for a
/// node whose position is not finite.
fn pixels(net: &Network, left: i32, top: i32, side: i32, inset: f64) -> Vec<Option<(i32, i32)>> {
    let finite = |i: usize| net.x[i].is_finite() && net.y[i].is_finite();
    let n = net.x.len().min(net.y.len());
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for i in (0..n).filter(|&i| finite(i)) {
        lo = [lo[0].min(net.x[i]), lo[1].min(net.y[i])];
        hi = [hi[0].max(net.x[i]), hi[1].max(net.y[i])];
    }
    let half = 0.5 * (hi[0] - lo[0]).max(hi[1] - lo[1]);
    let reach = (0.5 * f64::from(side) - inset).max(0.0);
    let scale = if half > 0.0 { reach / half } else { 0.0 };
    let centre = [0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1])];
    let (cx, cy) = (f64::from(left) + 0.5 * f64::from(side), f64::from(top) + 0.5 * f64::from(side));
    (0..n)
        .map(|i| {
            finite(i).then(|| {
                let x = cx + (net.x[i] - centre[0]) * scale;
                let y = cy - (net.y[i] - centre[1]) * scale;
                (libm::round(x) as i32, libm::round(y) as i32)
            })
        })
        .collect()
}

/// Draw `net` on `area` (below the figure's caption), with its colour bar unless compact.
pub(super) fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, net: &Network, style: Style) -> DrawResult<DB> {
    let (width, height) = area.dim_in_pixel();
    let margin = style.px(10.0);
    let plot_height = height.saturating_sub(2 * margin);
    let bar = if style.compact { None } else { Some(ColourBar::new(area, net.range, &net.label, style, plot_height)?) };
    let bar_width = bar.as_ref().map_or(0, |b| b.width()).min(width / 3);
    let (plot, bar_area) = area.split_horizontally(width - bar_width);
    let (left, top, side) = square((width - bar_width) as i32, height as i32, margin as i32);
    let radius = style.px(node_radius(net.x.len()));
    let at = pixels(net, left, top, side, f64::from(radius) + 1.0);

    // Edges: fainter when there are many, so that the nodes stay readable.
    let fade = (1.0 - net.edges.len() as f64 / 4000.0).clamp(0.25, 1.0);
    let grey = INK.mix(0.35 * fade).stroke_width(style.px(if net.edges.len() > 1000 { 0.6 } else { 1.0 }));
    let edge_scale = net.edge_values.as_ref().map(|values| {
        let top = values.iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
        ColourScale::new(net.edge_range.unwrap_or([-top, top]))
    });
    for (k, e) in net.edges.iter().enumerate() {
        let (Some(Some(a)), Some(Some(b))) = (at.get(e[0] as usize), at.get(e[1] as usize)) else { continue };
        let line = match (&edge_scale, net.edge_values.as_ref().and_then(|v| v.get(k))) {
            (Some(scale), Some(&v)) => match scale.colour(v) {
                Some(c) => c.stroke_width(style.px(2.5)),
                None => grey,
            },
            _ => grey,
        };
        plot.draw(&PathElement::new(vec![*a, *b], line))?;
        if net.directed {
            plot.draw(&PathElement::new(arrow_head(*a, *b, f64::from(radius), style), line))?;
        }
    }
    let scale = ColourScale::new(net.range);
    let outline = INK.mix(0.7).stroke_width(style.px(if radius > 3 { 1.0 } else { 0.5 }));
    for (i, p) in at.iter().enumerate() {
        let Some(p) = *p else { continue };
        let fill = net.values.get(i).and_then(|&v| scale.colour(v)).unwrap_or(RGBColor(190, 190, 190));
        plot.draw(&Circle::new(p, radius, fill.filled()))?;
        plot.draw(&Circle::new(p, radius, outline))?;
    }
    if let Some(bar) = &bar {
        let base = area.get_base_pixel().1;
        bar.draw(&bar_area, base + top..base + top + side)?;
    }
    Ok(())
}

/// The two strokes of an arrow head at the rim of the node at `b`, on the edge from `a`.
fn arrow_head(a: (i32, i32), b: (i32, i32), radius: f64, style: Style) -> Vec<(i32, i32)> {
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let len = (dx * dx + dy * dy).sqrt();
    if len <= radius {
        return Vec::new();
    }
    let (ux, uy) = (dx / len, dy / len);
    let tip = (f64::from(b.0) - ux * radius, f64::from(b.1) - uy * radius);
    let size = 6.0 * style.scale;
    let wing = |s: f64| {
        let (x, y) = (tip.0 - size * ux + s * 0.5 * size * uy, tip.1 - size * uy - s * 0.5 * size * ux);
        (libm::round(x) as i32, libm::round(y) as i32)
    };
    let tip = (libm::round(tip.0) as i32, libm::round(tip.1) as i32);
    vec![wing(1.0), tip, wing(-1.0)]
}

#[cfg(test)]
mod tests {
    use crate::model::{Axis, Figure, Network, Scale};
    use crate::plot::{ColourScale, svg, thumbnail_svg};

    fn figure(net: Network) -> Figure {
        let axis = Axis { label: String::new(), unit: String::new(), scale: Scale::Linear, range: None };
        Figure {
            id: "network".into(),
            title: "Activator on the network".into(),
            subtitle: "N = 5".into(),
            x: axis.clone(),
            y: axis,
            series: Vec::new(),
            heatmap: None,
            network: Some(net),
        }
    }

    fn pentagon() -> Network {
        let (x, y): (Vec<f64>, Vec<f64>) = (0..5)
            .map(|k| {
                let a = 2.0 * std::f64::consts::PI * k as f64 / 5.0;
                (libm::sin(a), libm::cos(a))
            })
            .unzip();
        Network {
            x,
            y,
            values: vec![-1.0, -0.5, 0.0, 0.5, f64::NAN],
            range: [-1.0, 1.0],
            label: "u_i − ū".into(),
            edges: vec![[0, 1], [1, 2], [2, 3], [3, 4], [4, 0]],
            directed: false,
            edge_values: None,
            edge_range: None,
        }
    }

    fn hex(c: plotters::style::RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn nodes_take_their_colours_edges_are_lines_and_the_bar_is_named() {
        let text = svg(&figure(pentagon()), 640, 400).unwrap();
        let scale = ColourScale::new([-1.0, 1.0]);
        for v in [-1.0, -0.5, 0.5] {
            assert!(text.contains(&format!("fill=\"{}\"", hex(scale.colour(v).unwrap()))), "{v}");
        }
        assert!(text.contains("fill=\"#BEBEBE\""), "a NaN node is grey");
        assert_eq!(text.matches("<circle").count(), 10, "a fill and an outline per node");
        assert!(text.matches("<polyline").count() >= 5);
        assert!(text.contains("u_i − ū") && text.contains("Activator on the network"));
        // The compact drawing has no bar and no title.
        let small = thumbnail_svg(&figure(pentagon()), 300, 200).unwrap();
        assert!(!small.contains("u_i − ū") && !small.contains("Activator"));
    }

    #[test]
    fn directed_and_coloured_edges_draw_and_degenerate_networks_do_not_fail() {
        let mut net = pentagon();
        net.directed = true;
        net.edge_values = Some(vec![1.0, -1.0, 0.5, f64::NAN, 0.0]);
        let plain = svg(&figure(pentagon()), 640, 400).unwrap();
        let text = svg(&figure(net.clone()), 640, 400).unwrap();
        assert_eq!(text.matches("<polyline").count(), plain.matches("<polyline").count() + 5, "an arrow head per edge");
        let scale = ColourScale::new([-1.0, 1.0]);
        assert!(text.contains(&format!("stroke=\"{}\"", hex(scale.colour(-1.0).unwrap()))));
        let one = Network { x: vec![0.0], y: vec![0.0], values: vec![0.3], edges: vec![], ..pentagon() };
        let broken = Network { x: vec![f64::NAN, 1.0], y: vec![0.0, 1.0], edges: vec![[0, 1], [1, 7]], ..pentagon() };
        let empty = Network { x: vec![], y: vec![], values: vec![], edges: vec![], ..pentagon() };
        for n in [one, broken, empty, net] {
            for (w, h) in [(640, 400), (60, 40), (0, 0)] {
                assert!(svg(&figure(n.clone()), w, h).is_ok(), "{n:?} at {w}x{h}");
            }
        }
    }

    #[test]
    fn a_figure_without_a_network_keeps_its_json() {
        let mut f = figure(pentagon());
        f.network = None;
        let json = serde_json::to_string(&f).unwrap();
        assert!(!json.contains("\"network\":"), "{json}");
        let back: Figure = serde_json::from_str(&serde_json::to_string(&figure(pentagon())).unwrap()).unwrap();
        assert!(back.network.as_ref().unwrap().values[4].is_nan());
        assert_eq!(back.network.unwrap().edges, pentagon().edges);
    }
}
