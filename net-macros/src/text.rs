//! How shapes and names read in error messages, and "did you mean" suggestions.

pub fn show_shape(dims: &[usize]) -> String {
    let items: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
    format!("[{}]", items.join(", "))
}

pub fn count(dims: &[usize]) -> usize {
    dims.iter().product()
}

pub fn axis_names(spatial: usize) -> &'static [&'static str] {
    match spatial {
        1 => &["length"],
        2 => &["height", "width"],
        _ => &["depth", "height", "width"],
    }
}

pub fn input_form(spatial: usize) -> String {
    format!("[channels, {}]", axis_names(spatial).join(", "))
}

/// Levenshtein distance, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (
        a.to_lowercase().chars().collect(),
        b.to_lowercase().chars().collect(),
    );
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut diagonal = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let above = row[j];
            row[j] = (row[j] + 1)
                .min(row[j - 1] + 1)
                .min(diagonal + usize::from(a[i - 1] != b[j - 1]));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidate nearest to `word`, if one is near enough to be a misspelling.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::KINDS;

    #[test]
    fn suggestions_find_the_nearest_name() {
        assert_eq!(
            nearest("Conv2D", KINDS.iter().map(|k| k.written)),
            Some("Conv2d")
        );
        assert_eq!(
            nearest("Maxpool2d", KINDS.iter().map(|k| k.written)),
            Some("MaxPool2d")
        );
        assert_eq!(
            nearest("kernal", ["out", "kernel", "stride"]),
            Some("kernel")
        );
        assert_eq!(
            nearest("Transformer", KINDS.iter().map(|k| k.written)),
            None
        );
    }
}
