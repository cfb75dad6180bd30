//! A 学时认定单 as a printable HTML page (one A4 sheet, no script, no external resource).

use std::fmt::Write;

use cehours::{Certificate, YearSource};
use rust_decimal::Decimal;

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
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

fn hours(h: Decimal) -> String {
    h.normalize().to_string()
}

/// The certificate as a complete HTML page.
pub fn page(c: &Certificate) -> String {
    let mut s = String::new();
    let m = &c.minimums;
    let _ = write!(
        s,
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>继续教育学时认定单 — {name}</title>
<style>
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; color: #000; max-width: 180mm; margin: 0 auto; }}
h1 {{ text-align: center; font-size: 20pt; letter-spacing: 0.2em; margin-bottom: 0; }}
p.en {{ text-align: center; margin-top: 2pt; font-size: 10pt; }}
table {{ width: 100%; border-collapse: collapse; margin: 8pt 0; }}
th, td {{ border: 1px solid #000; padding: 4pt 6pt; font-size: 11pt; }}
th {{ background: #eee; }}
td.num {{ text-align: right; }}
.verdict {{ font-size: 14pt; font-weight: bold; }}
.small {{ font-size: 9pt; }}
@media print {{ th {{ background: none; }} }}
</style>
</head>
<body>
<h1>继续教育学时认定单</h1>
<p class="en">Continuing-education hours certificate</p>
<table>
<tr><th>姓名 Name</th><td>{name}</td><th>证件号码 ID number</th><td>{id}</td></tr>
<tr><th>认定年度 Years</th><td>{from}–{to}</td><th>出具日期 Issued</th><td>{issued}</td></tr>
<tr><th>依据 Policy</th><td colspan="3">{document} ({policy})</td></tr>
<tr><th>每年要求 Minimums</th><td colspan="3">公需 public ≥ {mp}，专业 professional ≥ {mq}，合计 total ≥ {mt} ({rule})</td></tr>
</table>
<table>
<tr><th>年度<br>Year</th><th>公需科目<br>Public</th><th>专业科目<br>Professional</th><th>合计<br>Total</th><th>达标<br>Met</th><th>来源<br>Source</th></tr>
"#,
        name = escape(&c.holder.name),
        id = escape(&c.holder.id_number),
        from = c.span.from,
        to = c.span.to,
        issued = c.issued.format("%Y-%m-%d"),
        document = escape(&c.document),
        policy = escape(&c.policy),
        mp = hours(m.public),
        mq = hours(m.professional),
        mt = hours(m.total),
        rule = m.rule,
    );
    for y in &c.years {
        let met = match (y.passed, y.waived) {
            (true, true) => "是 yes*",
            (true, false) => "是 yes",
            (false, _) => "否 no",
        };
        let source = match &y.source {
            YearSource::Declaration { application } => {
                format!("申报 declaration {}", escape(application))
            }
            YearSource::PriorCertificate { issued } => {
                format!(
                    "认定单 certificate of {} (N.3.3)",
                    issued.format("%Y-%m-%d")
                )
            }
            YearSource::Missing => "无 none".to_owned(),
            _ => "其他 other".to_owned(),
        };
        let _ = writeln!(
            s,
            r#"<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{met}</td><td>{source}</td></tr>"#,
            y.year,
            hours(y.public),
            hours(y.professional),
            hours(y.total),
        );
    }
    s.push_str("</table>\n");
    if c.years.iter().any(|y| y.waived) {
        s.push_str(
            "<p class=\"small\">* 特定工作任务视为完成当年学时 / waived by a special assignment (A1.C7)</p>\n",
        );
    }
    if !c.notes.is_empty() {
        s.push_str("<p class=\"small\">说明 Notes:</p>\n<ul class=\"small\">\n");
        for n in &c.notes {
            let _ = writeln!(
                s,
                "<li>{}: {} ({})</li>",
                n.year,
                escape(n.code.message()),
                n.rule
            );
        }
        s.push_str("</ul>\n");
    }
    let verdict = if c.passed {
        "达标 passed"
    } else {
        "未达标 not passed"
    };
    let _ = write!(
        s,
        "<p class=\"verdict\">认定结论 Verdict: {verdict}</p>\n<p>出具单位（盖章） Issued by (seal): ____________________</p>\n</body>\n</html>\n"
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
