//! The network as written: the small IR that `parse` produces and `check` reads.
//! Every part keeps the span of its tokens, so errors can point at it.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::{Attribute, Ident, Visibility};

/// Where a piece of source starts and ends, for errors that underline all of it.
#[derive(Clone, Copy)]
pub struct Source {
    pub start: Span,
    pub end: Span,
}

impl Source {
    pub fn new(start: Span, end: Span) -> Self {
        Self { start, end }
    }

    /// Two tokens carrying the start and end spans: `syn::Error::new_spanned`
    /// underlines from the first to the last.
    pub fn tokens(&self) -> TokenStream {
        [self.start, self.end]
            .into_iter()
            .map(|span| TokenTree::Ident(Ident::new("source", span)))
            .collect()
    }
}

pub struct Network {
    /// The attributes for the struct: every one but `#[weights(..)]`.
    pub attrs: Vec<Attribute>,
    /// `#[weights("file.safetensors")]`.
    pub weights: Option<WeightsFile>,
    pub vis: Visibility,
    pub name: Ident,
    pub input: Shape,
    pub body: Body,
    pub output: Option<Shape>,
}

/// The file of `#[weights("..")]`, as written.
pub struct WeightsFile {
    pub path: syn::LitStr,
    /// The whole attribute, which errors about the file underline.
    pub source: Source,
}

pub enum Body {
    Layers(Vec<Layer>),
    Autoencoder { encoder: Block, decoder: Block },
}

/// `encoder { .. }` or `decoder { .. }`.
pub struct Block {
    pub keyword: Ident,
    pub layers: Vec<Layer>,
}

pub struct Layer {
    pub name: Option<Ident>,
    pub kind: Ident,
    pub args: Vec<Arg>,
    /// The layers of a `Residual { .. }` block.
    pub inner: Option<Vec<Layer>>,
    /// The layers of its `shortcut { .. }`, if it has one.
    pub shortcut: Option<Vec<Layer>>,
    /// `-> [..]` after the layer.
    pub assert: Option<Shape>,
    /// The layer without its assertion.
    pub source: Source,
}

pub struct Arg {
    pub key: Option<Ident>,
    pub value: Value,
    pub source: Source,
}

pub enum Value {
    Int(i128),
    Float(f64),
    Bool(bool),
    Tuple(Vec<i128>),
    Shape(Shape),
    /// `same`: TensorFlow's padding rule.
    Same,
    /// A layer's name, as `Concat` and `Add` take.
    Name(Ident),
}

impl Value {
    /// How the value reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Value::Int(v) => v.to_string(),
            Value::Float(v) => format!("{v:?}"),
            Value::Bool(v) => v.to_string(),
            Value::Tuple(v) => {
                let items: Vec<String> = v.iter().map(|i| i.to_string()).collect();
                format!("({})", items.join(", "))
            }
            Value::Shape(s) => crate::text::show_shape(&s.dims),
            Value::Same => "same".to_string(),
            Value::Name(name) => name.to_string(),
        }
    }
}

pub struct Shape {
    pub dims: Vec<usize>,
    pub source: Source,
}
