//! A model's layer table in the style of Keras' `model.summary()`.

use std::fmt;

/// One layer of a [`Summary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerSummary {
    /// The layer's name (given, or derived from its kind: `relu_0`).
    pub name: &'static str,
    /// The layer kind as written (`Conv2d`).
    pub kind: &'static str,
    /// The output shape, without the batch axis.
    pub output: &'static [usize],
    /// Trainable parameters.
    pub params: usize,
    /// Multiply-adds per sample in a forward pass (convolutions, transposed
    /// convolutions and dense layers; 0 for the rest).
    pub mult_adds: usize,
}

/// A model's layers with their shapes and sizes, all computed when the model
/// was compiled. Printable with `{}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// The model's name.
    pub name: &'static str,
    /// The input shape.
    pub input: &'static [usize],
    /// Every layer in source order (a residual block's layers, then its addition).
    pub layers: &'static [LayerSummary],
    /// Trainable parameters in all.
    pub params: usize,
    /// Values in buffers that are not trained (batch norm's running statistics).
    pub buffers: usize,
    /// Multiply-adds per sample in all.
    pub mult_adds: usize,
}

fn shape(dims: &[usize]) -> String {
    let inner: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    format!("[{}]", inner.join(", "))
}

/// `1234567` -> `1,234,567`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: Vec<[String; 4]> = self
            .layers
            .iter()
            .map(|l| {
                [
                    format!("{} ({})", l.name, l.kind),
                    shape(l.output),
                    grouped(l.params),
                    grouped(l.mult_adds),
                ]
            })
            .collect();
        let header = ["Layer (type)", "Output shape", "Param #", "Mult-adds"];
        let mut widths = header.map(str::len);
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.len());
            }
        }
        let total_width = widths.iter().sum::<usize>() + 3 * 3;
        let line = |f: &mut fmt::Formatter<'_>, c: char| {
            writeln!(f, "{}", c.to_string().repeat(total_width))
        };
        writeln!(f, "Model: \"{}\"  input {}", self.name, shape(self.input))?;
        line(f, '=')?;
        let print_row = |f: &mut fmt::Formatter<'_>, cells: [&str; 4]| {
            writeln!(
                f,
                "{:<w0$}   {:<w1$}   {:>w2$}   {:>w3$}",
                cells[0],
                cells[1],
                cells[2],
                cells[3],
                w0 = widths[0],
                w1 = widths[1],
                w2 = widths[2],
                w3 = widths[3]
            )
        };
        print_row(f, header)?;
        line(f, '-')?;
        for row in &rows {
            print_row(f, [&row[0], &row[1], &row[2], &row[3]])?;
        }
        line(f, '=')?;
        writeln!(f, "Trainable params: {}", grouped(self.params))?;
        writeln!(f, "Non-trainable buffers: {}", grouped(self.buffers))?;
        writeln!(f, "Mult-adds per sample: {}", grouped(self.mult_adds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_a_keras_style_table() {
        let summary = Summary {
            name: "Tiny",
            input: &[1, 4, 4],
            layers: &[
                LayerSummary {
                    name: "conv",
                    kind: "Conv2d",
                    output: &[2, 2, 2],
                    params: 20,
                    mult_adds: 72,
                },
                LayerSummary {
                    name: "flatten_0",
                    kind: "Flatten",
                    output: &[8],
                    params: 0,
                    mult_adds: 0,
                },
                LayerSummary {
                    name: "fc",
                    kind: "Dense",
                    output: &[1000],
                    params: 9000,
                    mult_adds: 8000,
                },
            ],
            params: 9020,
            buffers: 0,
            mult_adds: 8072,
        };
        let text = summary.to_string();
        assert!(
            text.contains("\nconv (Conv2d)         [2, 2, 2]           20          72\n"),
            "{text}"
        );
        assert!(
            text.contains("\nfc (Dense)            [1000]           9,000       8,000\n"),
            "{text}"
        );
        assert!(text.contains("Trainable params: 9,020"));
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }
}
