//! The grammar (the reference is `network!`'s documentation) to the network as written, in `ast`.

use crate::ast::{Arg, Block, Body, Layer, Network, Shape, Source, Value, WeightsFile};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{
    bracketed, parenthesized, token, Attribute, Ident, LitBool, LitFloat, LitInt, LitStr, Token,
    Visibility,
};

impl Parse for Network {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let (weights, attrs) = weights_attr(input.call(Attribute::parse_outer)?)?;
        let vis: Visibility = input.parse()?;
        input.parse::<Token![struct]>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let shape: Shape = input.parse()?;
        let content;
        syn::braced!(content in input);
        let body = if starts_autoencoder(&content) {
            let encoder = parse_block(&content, "encoder")?;
            let decoder = parse_block(&content, "decoder")?;
            if !content.is_empty() {
                return Err(content.error("expected nothing after the decoder block"));
            }
            Body::Autoencoder { encoder, decoder }
        } else {
            Body::Layers(parse_layers(&content)?)
        };
        let output = if input.peek(Token![->]) {
            input.parse::<Token![->]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        if !input.is_empty() {
            return Err(input.error("expected the end of the network after its `-> [..]` shape"));
        }
        Ok(Network {
            attrs,
            weights,
            vis,
            name,
            input: shape,
            body,
            output,
        })
    }
}

/// Takes `#[weights("file.safetensors")]` out of the network's attributes:
/// it is the macro's, the others are the struct's.
fn weights_attr(attrs: Vec<Attribute>) -> syn::Result<(Option<WeightsFile>, Vec<Attribute>)> {
    let (ours, theirs): (Vec<_>, Vec<_>) = attrs
        .into_iter()
        .partition(|attr| attr.path().is_ident("weights"));
    let mut ours = ours.into_iter();
    let Some(attr) = ours.next() else {
        return Ok((None, theirs));
    };
    if let Some(again) = ours.next() {
        return Err(syn::Error::new_spanned(
            again,
            "a network takes one `#[weights(..)]` file",
        ));
    }
    let path = attr.parse_args::<LitStr>().map_err(|_| {
        syn::Error::new_spanned(
            &attr,
            "expected `#[weights(\"path/to/file.safetensors\")]`, the path relative to the crate's Cargo.toml",
        )
    })?;
    let mut tokens = attr.to_token_stream().into_iter();
    let start = tokens.next().map_or(attr.span(), |t| t.span());
    let end = tokens.last().map_or(attr.span(), |t| t.span());
    let source = Source::new(start, end);
    Ok((Some(WeightsFile { path, source }), theirs))
}

/// An autoencoder's body starts `encoder {`; a body that starts with any
/// other word and a brace (an unnamed `Residual { .. }`) is a list of layers.
fn starts_autoencoder(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<Ident>().is_ok_and(|word| word == "encoder") && fork.peek(token::Brace)
}

fn parse_block(input: ParseStream, keyword: &str) -> syn::Result<Block> {
    let ident: Ident = input.parse()?;
    if ident != keyword {
        return Err(syn::Error::new(
            ident.span(),
            format!("expected `{keyword} {{ .. }}`: an autoencoder is written `encoder {{ .. }} decoder {{ .. }}`"),
        ));
    }
    let content;
    syn::braced!(content in input);
    Ok(Block {
        keyword: ident,
        layers: parse_layers(&content)?,
    })
}

fn parse_layers(input: ParseStream) -> syn::Result<Vec<Layer>> {
    let layers = input.parse_terminated(Layer::parse, Token![,])?;
    Ok(layers.into_iter().collect())
}

impl Parse for Layer {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = if input.peek(Ident) && input.peek2(Token![:]) && !input.peek2(Token![::]) {
            let name: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            Some(name)
        } else {
            None
        };
        let kind: Ident = input.parse()?;
        let start = name.as_ref().unwrap_or(&kind).span();
        let mut end = kind.span();
        let mut args = Vec::new();
        let (mut inner, mut shortcut) = (None, None);
        if kind == "Residual" && input.peek(token::Brace) {
            let content;
            let braces = syn::braced!(content in input);
            inner = Some(parse_layers(&content)?);
            end = braces.span.close();
            let fork = input.fork();
            if fork.parse::<Ident>().is_ok_and(|word| word == "shortcut") && fork.peek(token::Brace)
            {
                input.parse::<Ident>()?;
                let content;
                let braces = syn::braced!(content in input);
                shortcut = Some(parse_layers(&content)?);
                end = braces.span.close();
            }
        } else if input.peek(token::Paren) {
            let content;
            let parens = parenthesized!(content in input);
            args = content
                .parse_terminated(Arg::parse, Token![,])?
                .into_iter()
                .collect();
            end = parens.span.close();
        }
        let assert = if input.peek(Token![->]) {
            input.parse::<Token![->]>()?;
            Some(input.parse()?)
        } else {
            None
        };
        Ok(Layer {
            name,
            kind,
            args,
            inner,
            shortcut,
            assert,
            source: Source::new(start, end),
        })
    }
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let start = input.span();
        let key = if input.peek(Ident) && input.peek2(Token![=]) {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            Some(key)
        } else {
            None
        };
        let (value, end) = parse_value(input)?;
        Ok(Arg {
            key,
            value,
            source: Source::new(start, end),
        })
    }
}

/// A value and the span of its last token.
fn parse_value(input: ParseStream) -> syn::Result<(Value, proc_macro2::Span)> {
    if input.peek(token::Bracket) {
        let shape: Shape = input.parse()?;
        let end = shape.source.end;
        return Ok((Value::Shape(shape), end));
    }
    if input.peek(token::Paren) {
        let content;
        let parens = parenthesized!(content in input);
        let items = content.parse_terminated(parse_integer, Token![,])?;
        return Ok((
            Value::Tuple(items.into_iter().collect()),
            parens.span.close(),
        ));
    }
    if input.peek(LitBool) {
        let lit: LitBool = input.parse()?;
        return Ok((Value::Bool(lit.value), lit.span));
    }
    if input.peek(Ident) {
        let word: Ident = input.parse()?;
        let span = word.span();
        let value = if word == "same" {
            Value::Same
        } else {
            Value::Name(word)
        };
        return Ok((value, span));
    }
    let negative = input.peek(Token![-]);
    if negative {
        input.parse::<Token![-]>()?;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    if input.peek(LitFloat) {
        let lit: LitFloat = input.parse()?;
        return Ok((Value::Float(sign * lit.base10_parse::<f64>()?), lit.span()));
    }
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        let value: i128 = lit.base10_parse()?;
        return Ok((
            Value::Int(if negative { -value } else { value }),
            lit.span(),
        ));
    }
    Err(input.error("expected a value: an integer, a float, `true`, `false`, `same`, a layer's name, a tuple `(3, 5)` or a shape `[8, 7, 7]`"))
}

fn parse_integer(input: ParseStream) -> syn::Result<i128> {
    let negative = input.peek(Token![-]);
    if negative {
        input.parse::<Token![-]>()?;
    }
    let lit: LitInt = input.parse()?;
    let value: i128 = lit.base10_parse()?;
    Ok(if negative { -value } else { value })
}

impl Parse for Shape {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        let brackets = bracketed!(content in input);
        let dims = content.parse_terminated(|c: ParseStream| c.parse::<LitInt>(), Token![,])?;
        let dims = dims
            .iter()
            .map(LitInt::base10_parse::<usize>)
            .collect::<syn::Result<Vec<_>>>()?;
        if dims.is_empty() {
            return Err(syn::Error::new(
                brackets.span.join(),
                "a shape needs at least one size, as `[10]` or `[1, 28, 28]`",
            ));
        }
        Ok(Shape {
            dims,
            source: Source::new(brackets.span.open(), brackets.span.close()),
        })
    }
}
