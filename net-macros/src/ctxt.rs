//! Collects every error of one network, so the user sees all of them in one
//! compile (after serde_derive's `Ctxt`).

use crate::ast::Source;
use std::cell::RefCell;
use std::fmt::Display;

#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    /// An error underlining `source`; `help`, when given, says how to fix it.
    pub fn error(&self, source: &Source, message: impl Display, help: Option<String>) {
        let text = match help {
            Some(help) => format!("{message}\n= help: {help}"),
            None => message.to_string(),
        };
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(source.tokens(), text));
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.borrow().is_empty()
    }

    /// All errors, combined into one that expands to a `compile_error!` each.
    pub fn finish(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                first.extend(errors);
                Err(first)
            }
        }
    }
}
