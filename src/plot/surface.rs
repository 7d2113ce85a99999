//! One backend type for every surface a figure is drawn on.
//!
//! The drawing code is generic over its backend and large; compiled once per backend it would be
//! in the WebAssembly module twice (the page's canvas, and the SVG of an export). [`Surface`] is
//! either backend behind one type, so the drawing code is compiled once, and each call to the
//! backend branches on which one it is.

use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// The page's canvas in WebAssembly; natively there is none (the variant is never made).
#[cfg(target_arch = "wasm32")]
pub type Canvas = plotters_canvas::CanvasBackend;
#[cfg(not(target_arch = "wasm32"))]
pub type Canvas = SVGBackend<'static>;

/// An SVG document being written, or a canvas.
pub enum Surface<'a> {
    Svg(SVGBackend<'a>),
    Canvas(Canvas),
}

/// A backend's error, as text.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SurfaceError(String);

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<SurfaceError>>;

fn lift<T, E: std::error::Error + Send + Sync>(r: std::result::Result<T, DrawingErrorKind<E>>) -> Result<T> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(SurfaceError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

/// Call the same method on whichever backend it is.
macro_rules! each {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Surface::Svg($b) => lift($call),
            Surface::Canvas($b) => lift($call),
        }
    };
}

impl DrawingBackend for Surface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Surface::Svg(b) => b.get_size(),
            Surface::Canvas(b) => b.get_size(),
        }
    }
    fn ensure_prepared(&mut self) -> Result {
        each!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> Result {
        each!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        each!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result {
        each!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, c: BackendCoord, style: &S, fill: bool) -> Result {
        each!(self, b => b.draw_rect(a, c, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result {
        each!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result {
        each!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result {
        each!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result {
        each!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32)> {
        each!(self, b => b.estimate_text_size(text, style))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result {
        each!(self, b => b.blit_bitmap(pos, size, src))
    }
}
