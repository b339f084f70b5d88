use pulldown_cmark::{Options, Parser, html};

/// Renders lesson Markdown to HTML. Lesson text is ours, so raw HTML in it is trusted.
pub(crate) fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_paragraphs_emphasis_and_tables() {
        let html = to_html("**大**模型\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<strong>大</strong>模型"));
        assert!(html.contains("<table>"));
    }
}
