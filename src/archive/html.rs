//! `factlint sources --format html`: the archive's view of a subject as one self-contained page
//! (the check report's stylesheet; no script, no network).

use maud::html;

use super::sources::SourcesView;
use crate::report::plural;

impl SourcesView {
    /// The view as an HTML page: per subject (a rule's group, with its verdict), the claims in
    /// time order (dissenting ones marked "✗ disagrees"), then which outlets state which value.
    pub fn html(&self) -> String {
        let n: usize = self.subjects.iter().map(|s| s.claims.len()).sum();
        let title = format!("factlint sources: {}", self.query);
        let body = html! {
                    header {
                        h1 { "What the archive holds" }
                        p.lede {
                            "“" (self.query) "”: " (plural(n, "claim")) " on " (self.keys.join(", "))
                            " in " (self.db) " (" (plural(self.subjects.len(), "subject")) ")"
                        }
                    }
                    main {
                        @if self.keys.is_empty() {
                            p { "Nothing to look up: name a person or an event, or give a key like visit@kim, travel@kim, drone(shahed), @putin." }
                        }
                        @if self.truncated {
                            p { "The most recent claims only: a look-up reached --limit; raise it to go further back." }
                        }
                        @for (i, s) in self.subjects.iter().enumerate() {
                            section.subject aria-labelledby=(format!("s{i}-h")) {
                                h2 id=(format!("s{i}-h")) { (s.subject) " " span.rule { "(" (s.kind) ")" } }
                                p.note { "Grouped and weighed by " (s.rule) ": " (s.verdict) }
                                ul.claims {
                                    @for e in &s.claims {
                                        @let class = s.classes.get(e.class);
                                        @let against = class.is_some_and(|c| c.standing == "disagree");
                                        li.claim.primary[against] {
                                            p.who {
                                                @if against { span.role { "✗ disagrees: " } }
                                                strong { (e.outlet.as_deref().unwrap_or("outlet unknown")) }
                                                " · " (e.published.map_or_else(|| "undated".to_string(), |d| d.to_string()))
                                            }
                                            blockquote { mark { (e.text) } }
                                            p.note { (e.reading) " · " (e.path) ":" (e.line) ":" (e.column) }
                                        }
                                    }
                                }
                                table {
                                    caption { "Values stated" }
                                    thead { tr { th scope="col" { "Standing" } th scope="col" { "Value" } th scope="col" { "Outlets" } th scope="col" { "Documents" } } }
                                    tbody {
                                        @for c in &s.classes {
                                            tr { th scope="row" { (c.standing) } td { (c.value) } td { (c.outlets.join(", ")) } td { (c.documents) } }
                                        }
                                    }
                                }
                                @if let Some(v) = &s.query_value {
                                    p { strong { "Your text: " } (v) }
                                }
                            }
                        }
                    }
        };
        crate::report::html::page(&title, "default-src 'none'; style-src 'unsafe-inline'", body)
            .into_string()
    }
}
