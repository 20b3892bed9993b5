//! Rule files and data files (lexicon, concepts, entities, boilerplate) on arbitrary strings: Ok or
//! Err, never a panic; errors render. A lexicon that loads is used on its own text.
#![no_main]

use factlint::corpus::Stripper;
use factlint::extract::parse;
use factlint::lang::token::tokenize;
use factlint::lang::{Boilerplate, Concepts, Entities, Lexicon};
use factlint::rules::Rule;
use libfuzzer_sys::fuzz_target;

fn render(e: factlint::error::DataError) {
    let _ = format!("{e}");
    let report = miette::Report::new(e);
    let mut out = String::new();
    let _ = miette::GraphicalReportHandler::new().render_report(&mut out, report.as_ref());
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Err(e) = Rule::parse(src, "rules/FL999.toml") {
        render(e);
    }
    match Lexicon::parse(src, "lang/xx.toml") {
        Err(e) => render(e),
        Ok(lex) => {
            let toks = tokenize(src, 0);
            for i in 0..toks.len() {
                let here = &toks[i..];
                let _ = parse::number(&lex)(here);
                let _ = parse::written_date(&lex)(here);
                let _ = parse::relative(&lex)(here);
                let _ = parse::unit(&lex)(here);
                let _ = parse::weekday(&lex)(here);
            }
        }
    }
    match Concepts::parse(src, "concepts.toml") {
        Err(e) => render(e),
        Ok(c) => {
            for t in tokenize(src, 0).iter().filter(|t| t.is_word()) {
                let _ = c.lookup(t.lower());
            }
        }
    }
    if let Err(e) = Entities::parse(src, "entities.toml") {
        render(e);
    }
    match Boilerplate::parse(src, "boilerplate.toml") {
        Err(e) => render(e),
        Ok(b) => {
            let s = Stripper::new(&b);
            let _ = s.strip(src);
        }
    }
});
