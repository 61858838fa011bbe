//! Line and bar charts as PNG files, drawn with `plotters` and the DejaVu Sans
//! font that this crate carries (so no system font is needed).

use crate::image::write_rgb_png;
use crate::Error;
use plotters::prelude::*;
use std::path::Path;
use std::sync::Once;

const WIDTH: u32 = 800;
const HEIGHT: u32 = 500;
const FONT: &str = "sans-serif";

/// One line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Its name in the legend.
    pub name: String,
    /// Its points, in order of x.
    pub points: Vec<(f64, f64)>,
    /// Draw a marker at each point.
    pub markers: bool,
}

/// A chart of one or more lines.
#[derive(Debug, Clone)]
pub struct LineChart {
    /// The caption.
    pub title: String,
    /// What the x axis shows.
    pub x_label: String,
    /// What the y axis shows.
    pub y_label: String,
    /// The lines.
    pub series: Vec<Series>,
}

impl LineChart {
    /// Draws the chart into an 800x500 PNG file, creating its folder.
    pub fn write_png(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let points = self.series.iter().flat_map(|s| s.points.iter());
        let (x, y) = bounds(points.copied()).ok_or_else(|| Error::Plot {
            path: path.to_path_buf(),
            message: "the chart has no points".into(),
        })?;
        let whole_x = self
            .series
            .iter()
            .flat_map(|s| &s.points)
            .all(|p| p.0.fract() == 0.0);
        let legend_corner = emptiest_corner(self.series.iter().flat_map(|s| &s.points), x, y);
        render(path, |root| {
            let mut chart = ChartBuilder::on(root)
                .caption(&self.title, (FONT, 24))
                .margin(16)
                .x_label_area_size(46)
                .y_label_area_size(70)
                .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
            let integers = |v: &f64| format!("{v:.0}");
            let mut mesh = chart.configure_mesh();
            if whole_x {
                mesh.x_label_formatter(&integers);
            }
            mesh.x_desc(&self.x_label)
                .y_desc(&self.y_label)
                .label_style((FONT, 15))
                .draw()?;
            for (i, series) in self.series.iter().enumerate() {
                let color = Palette99::pick(i).to_rgba();
                chart
                    .draw_series(LineSeries::new(
                        series.points.iter().copied(),
                        color.stroke_width(2),
                    ))?
                    .label(&series.name)
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(2))
                    });
                if series.markers {
                    chart.draw_series(
                        series
                            .points
                            .iter()
                            .map(|&p| Circle::new(p, 4, color.filled())),
                    )?;
                }
            }
            chart
                .configure_series_labels()
                .position(legend_corner)
                .label_font((FONT, 16))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()?;
            Ok(())
        })
    }
}

/// Draws one bar per `(label, value)` into an 800x500 PNG file.
pub fn bar_chart(
    path: impl AsRef<Path>,
    title: &str,
    y_label: &str,
    bars: &[(String, f64)],
) -> Result<(), Error> {
    let labels: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    let values = Bars {
        name: String::new(),
        values: bars.iter().map(|b| b.1).collect(),
    };
    grouped_bar_chart(path, title, y_label, &labels, &[values])
}

/// One colour of bars in a [`grouped_bar_chart`].
#[derive(Debug, Clone)]
pub struct Bars {
    /// Its name in the legend (no legend when a chart's only group has none).
    pub name: String,
    /// One value per category, in the categories' order.
    pub values: Vec<f64>,
}

/// Draws, for each category, one bar of each group side by side into an
/// 800x500 PNG file, with a legend of the groups.
pub fn grouped_bar_chart(
    path: impl AsRef<Path>,
    title: &str,
    y_label: &str,
    categories: &[String],
    groups: &[Bars],
) -> Result<(), Error> {
    let path = path.as_ref();
    if let Some(group) = groups.iter().find(|g| g.values.len() != categories.len()) {
        return Err(Error::Size {
            what: "bar values",
            expected: categories.len(),
            found: group.values.len(),
        });
    }
    let values = || groups.iter().flat_map(|g| g.values.iter().copied());
    let top = values().fold(0.0f64, f64::max);
    let bottom = values().fold(0.0f64, f64::min);
    let pad = 0.08 * (top - bottom).max(f64::MIN_POSITIVE);
    let legend = groups.len() > 1 || groups.iter().any(|g| !g.name.is_empty());
    // The groups share 70% of each category's width.
    let width = 0.7 / groups.len().max(1) as f64;
    render(path, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, (FONT, 24))
            .margin(16)
            .x_label_area_size(46)
            .y_label_area_size(80)
            .build_cartesian_2d(
                -0.5..categories.len() as f64 - 0.5,
                (bottom - if bottom < 0.0 { pad } else { 0.0 })
                    ..top + pad * if legend { 3.0 } else { 1.0 },
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(categories.len())
            .x_label_formatter(&|x| {
                let i = x.round();
                match categories.get(i as usize) {
                    Some(label) if (x - i).abs() < 1e-6 && i >= 0.0 => label.clone(),
                    _ => String::new(),
                }
            })
            .y_desc(y_label)
            .label_style((FONT, 15))
            .draw()?;
        for (g, group) in groups.iter().enumerate() {
            let color = if groups.len() == 1 {
                BLUE.mix(0.7)
            } else {
                Palette99::pick(g).mix(0.85)
            };
            let left = -0.35 + g as f64 * width;
            chart
                .draw_series(group.values.iter().enumerate().map(|(i, &v)| {
                    let x = i as f64 + left;
                    Rectangle::new([(x, 0.0), (x + width, v)], color.filled())
                }))?
                .label(&group.name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 16, y + 6)], color.filled())
                });
        }
        if legend {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .label_font((FONT, 16))
                .background_style(WHITE.mix(0.85))
                .border_style(BLACK)
                .draw()?;
        }
        Ok(())
    })
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn render(
    path: &Path,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>) -> DrawResult,
) -> Result<(), Error> {
    register_font();
    let mut rgb = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .map_err(Into::into)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Into::into));
        drawn.map_err(|e| Error::Plot {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    }
    write_rgb_png(path, WIDTH as usize, HEIGHT as usize, &rgb)
}

/// The corner of the plot, a quarter of its width and height, holding the
/// fewest points: where the legend hides the least.
fn emptiest_corner<'a>(
    points: impl Iterator<Item = &'a (f64, f64)>,
    x: (f64, f64),
    y: (f64, f64),
) -> SeriesLabelPosition {
    let mut counts = [0usize; 4];
    for &(px, py) in points {
        let (u, v) = ((px - x.0) / (x.1 - x.0), (py - y.0) / (y.1 - y.0));
        let (left, right, low, high) = (u < 0.4, u > 0.6, v < 0.35, v > 0.65);
        for (i, inside) in [high && left, high && right, low && left, low && right]
            .into_iter()
            .enumerate()
        {
            counts[i] += inside as usize;
        }
    }
    let corners = [
        SeriesLabelPosition::UpperLeft,
        SeriesLabelPosition::UpperRight,
        SeriesLabelPosition::LowerLeft,
        SeriesLabelPosition::LowerRight,
    ];
    let best = (0..4).min_by_key(|&i| (counts[i], i == 0)).unwrap_or(1);
    corners[best].clone()
}

/// The smallest box around the points, widened a little so that nothing
/// sits on the frame.
fn bounds(points: impl Iterator<Item = (f64, f64)>) -> Option<((f64, f64), (f64, f64))> {
    let mut b: Option<((f64, f64), (f64, f64))> = None;
    for (x, y) in points.filter(|(x, y)| x.is_finite() && y.is_finite()) {
        b = Some(match b {
            None => ((x, x), (y, y)),
            Some(((x0, x1), (y0, y1))) => ((x0.min(x), x1.max(x)), (y0.min(y), y1.max(y))),
        });
    }
    b.map(|((x0, x1), (y0, y1))| {
        let (dx, dy) = ((x1 - x0).max(1e-9) * 0.04, (y1 - y0).max(1e-9) * 0.06);
        ((x0 - dx, x1 + dx), (y0 - dy, y1 + dy))
    })
}

fn register_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        plotters::style::register_font(
            FONT,
            FontStyle::Normal,
            include_bytes!("../assets/DejaVuSans.ttf"),
        )
        .unwrap_or_else(|_| unreachable!("the bundled font parses"));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GrayImage;

    #[test]
    fn charts_are_drawn_with_text_and_lines() {
        let dir = std::env::temp_dir().join(format!("net-lab-plot-{}", std::process::id()));
        let chart = LineChart {
            title: "squares".into(),
            x_label: "x".into(),
            y_label: "x squared".into(),
            series: vec![Series {
                name: "x^2".into(),
                points: (0..10).map(|i| (i as f64, (i * i) as f64)).collect(),
                markers: true,
            }],
        };
        chart.write_png(dir.join("line.png")).unwrap();
        bar_chart(
            dir.join("bars.png"),
            "two bars",
            "value",
            &[("a".into(), 1.0), ("b".into(), 3.0)],
        )
        .unwrap();
        let pair = |name: &str, values: Vec<f64>| Bars {
            name: name.into(),
            values,
        };
        grouped_bar_chart(
            dir.join("groups.png"),
            "two groups",
            "value",
            &["a".into(), "b".into(), "c".into()],
            &[
                pair("one", vec![0.2, 0.9, 0.5]),
                pair("two", vec![0.4, 0.1, 0.8]),
            ],
        )
        .unwrap();
        let short = grouped_bar_chart(
            dir.join("short.png"),
            "a group short of values",
            "value",
            &["a".into(), "b".into()],
            &[pair("one", vec![1.0])],
        );
        assert!(
            matches!(
                short,
                Err(Error::Size {
                    expected: 2,
                    found: 1,
                    ..
                })
            ),
            "{short:?}"
        );
        for name in ["line.png", "bars.png", "groups.png"] {
            let image = GrayImage::read_png(dir.join(name)).unwrap();
            assert_eq!((image.width(), image.height()), (800, 500));
            // Mostly white, with dark ink (text, axes) and coloured lines.
            let dark = image.pixels().iter().filter(|&&v| v < 0.3).count();
            let white = image.pixels().iter().filter(|&&v| v > 0.99).count();
            assert!(
                dark > 500 && white > 200_000,
                "{name}: {dark} dark, {white} white"
            );
        }
        let empty = LineChart {
            series: vec![],
            ..chart
        };
        assert!(empty.write_png(dir.join("empty.png")).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
