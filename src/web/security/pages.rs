//! Small fixed HTML pages for refusals: "not found" and "this form has expired".
//!
//! They tell the visitor what to do, never why (an unknown, revoked and expired token look
//! the same), and are plain escaped strings so that they work even when templates do not.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse};

use crate::locale::words;
use crate::web::pages::static_files::stylesheet_href;

words! {
    /// The words of the two refusal pages.
    pub struct RefusalPageWords in "refusal_page" {
        not_found_title,
        not_found_text,
        not_found_help,
        expired_title,
        expired_text,
        expired_kept,
    }
}

/// One page's words in one language.
struct Words {
    lang: &'static str,
    title: &'static str,
    paragraphs: [&'static str; 2],
}

/// The 404 page for a respondent link that leads nowhere: unknown, revoked and expired
/// tokens all get exactly this page. `language` is a code such as `"de"`; a language the
/// interface does not speak gets English.
pub fn not_found_page(language: &str) -> HttpResponse {
    let w = RefusalPageWords::of(language);
    let words = Words {
        lang: w.code,
        title: w.not_found_title,
        paragraphs: [w.not_found_text, w.not_found_help],
    };
    page(StatusCode::NOT_FOUND, &words)
}

/// The 403 page for a form sent without a valid CSRF token, in the browser's first
/// language when the interface speaks it.
pub fn form_expired_page(req: &HttpRequest) -> HttpResponse {
    let w = RefusalPageWords::of(browser_language(req));
    let words = Words {
        lang: w.code,
        title: w.expired_title,
        paragraphs: [w.expired_text, w.expired_kept],
    };
    page(StatusCode::FORBIDDEN, &words)
}

/// The browser's first language (`Accept-Language`) when the interface speaks it, else
/// English. Only the first preference counts: "en, de" is English.
pub fn browser_language(req: &HttpRequest) -> &'static str {
    let header = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    first_preference(header)
}

/// `de`, `de-AT`, `de;q=0.9, en` … but not `den`: the primary subtag of the first entry,
/// when the interface speaks it.
fn first_preference(header: &str) -> &'static str {
    crate::locale::spoken_language(header).unwrap_or(crate::locale::SOURCE_LANGUAGE)
}

fn page(status: StatusCode, words: &Words) -> HttpResponse {
    HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(render(words))
}

fn render(words: &Words) -> String {
    let paragraphs: String = words
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"{css}\">\n</head>\n<body>\n\
         <main id=\"main\" class=\"message-page\">\n<h1>{title}</h1>\n{paragraphs}</main>\n\
         </body>\n</html>\n",
        lang = escape(words.lang),
        title = escape(words.title),
        css = escape(stylesheet_href()),
    )
}

/// HTML-escapes text for element content and double-quoted attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use actix_web::body::to_bytes;
    use actix_web::test::TestRequest;

    use super::*;

    async fn body_of(res: HttpResponse) -> String {
        let bytes = to_bytes(res.into_body()).await.unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    #[actix_web::test]
    async fn not_found_speaks_german_or_english_and_gives_no_reason() {
        let de = not_found_page("de");
        assert_eq!(de.status(), StatusCode::NOT_FOUND);
        let de = body_of(de).await;
        assert!(de.contains("<html lang=\"de\">") && de.contains("Seite nicht gefunden"));

        let fr = body_of(not_found_page("fr")).await;
        assert!(fr.contains("<html lang=\"fr\">"), "{fr}");
        let en = body_of(not_found_page("it")).await;
        assert!(en.contains("<html lang=\"en\">") && en.contains("Page not found"));
        for word in ["expired", "revoked", "abgelaufen", "widerrufen"] {
            assert!(!en.to_lowercase().contains(word) && !de.to_lowercase().contains(word));
        }
    }

    #[actix_web::test]
    async fn form_expired_follows_the_browsers_first_language() {
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.5"))
            .to_http_request();
        let res = form_expired_page(&req);
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(
            body_of(res)
                .await
                .contains("Dieses Formular ist abgelaufen")
        );

        let req = TestRequest::default().to_http_request();
        let body = body_of(form_expired_page(&req)).await;
        assert!(body.contains("This form has expired; go back, reload the page and try again."));
    }

    #[test]
    fn only_the_first_preference_counts_and_only_if_spoken() {
        for german in ["de", "DE-at", "de;q=1"] {
            assert_eq!(first_preference(german), "de");
        }
        assert_eq!(first_preference("fr-BE, de"), "fr");
        for english in ["en, de", "den", "", "it, de"] {
            assert_eq!(first_preference(english), "en");
        }
    }

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
