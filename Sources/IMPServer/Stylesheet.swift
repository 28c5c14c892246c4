/// The pages' one style sheet, served at `/static/app.css` (the CSP allows styles from the
/// server only, never inline).
enum Stylesheet {
  static let css = """
    :root { --ink: #1d2430; --muted: #5b6472; --line: #d5dae1; --bad: #b3261e; --ok: #1e6b3a; --warn: #8a5a00; --accent: #0b57d0; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
    header { background: #17202e; color: #fff; padding: .6rem 1.2rem; }
    header a.home { color: #fff; font-weight: 700; text-decoration: none; margin-right: .6rem; }
    header span { color: #aab3c0; }
    main { padding: 1rem 1.2rem 3rem; max-width: 1400px; margin: 0 auto; }
    h1 { font-size: 1.5rem; margin: .4rem 0 1rem; }
    h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
    h2 small { color: var(--muted); font-weight: 400; }
    table.cases { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); }
    table.cases th, table.cases td { padding: .45rem .6rem; border-bottom: 1px solid var(--line); text-align: left; }
    table.cases th a { color: var(--ink); text-decoration: none; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .verdict.eligible { color: var(--ok); font-weight: 600; }
    .verdict.not-eligible, .verdict.invalid { color: var(--bad); font-weight: 600; }
    form.new { margin: 1.2rem 0; display: flex; gap: .5rem; align-items: center; }
    .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); gap: 1.2rem; align-items: start; }
    aside { position: sticky; top: .5rem; display: flex; flex-direction: column; gap: .8rem; }
    aside section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
    fieldset.section { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .6rem 1rem 1rem; }
    fieldset.section > legend { font-weight: 700; padding: 0 .3rem; }
    fieldset fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .6rem 0; }
    fieldset.row { background: #fafbfc; }
    .field { display: grid; grid-template-columns: 13rem minmax(0, 1fr); gap: .15rem .8rem; margin: .35rem 0; align-items: baseline; }
    .field > small, .field > .issue, fieldset > small { grid-column: 2; color: var(--muted); font-size: .82rem; }
    .field > p.issue { color: var(--bad); font-size: .88rem; }
    .field label { font-weight: 500; }
    input[type=text], input[type=email], select, textarea { font: inherit; padding: .3rem .45rem; border: 1px solid #b8c0cc; border-radius: 4px; width: 100%; max-width: 28rem; background: #fff; }
    .ticks { display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
    .invalid > input, .invalid > select, .invalid > textarea { border: 2px solid var(--bad); background: #fff6f5; }
    p.issue { color: var(--bad); font-weight: 600; margin: .1rem 0; }
    fieldset > p.issue { margin: .2rem 0 .4rem; }
    ul.issues { color: var(--bad); background: #fff6f5; border: 1px solid #f1c4c0; border-radius: 6px; padding: .6rem 1.6rem; }
    .req { color: var(--bad); }
    details.other { margin: 1rem 0; }
    details.other > summary { cursor: pointer; color: var(--muted); margin-bottom: .6rem; }
    button, a.button { font: inherit; font-weight: 600; padding: .45rem .9rem; border-radius: 5px; border: 1px solid var(--accent); background: var(--accent); color: #fff; text-decoration: none; display: inline-block; cursor: pointer; }
    .verdict-box.ok { border-left: 5px solid var(--ok); }
    .verdict-box.ok h2 { color: var(--ok); }
    .verdict-box.no, .verdict-box.needs { border-left: 5px solid var(--bad); }
    .verdict-box.no h2, .verdict-box.needs h2 { color: var(--bad); }
    .warnings { border-left: 5px solid var(--warn) !important; }
    .checklist ul, .assess ul { list-style: none; padding: 0; margin: 0; }
    .checklist li { padding: .3rem 0; border-bottom: 1px solid #eef0f3; }
    .checklist li small, .assess li small { display: block; color: var(--muted); font-size: .8rem; margin-left: 1.6rem; }
    .checklist .status { font-size: .78rem; color: var(--muted); }
    .checklist li.missing .status, .checklist li.expired .status, .checklist li.expiring .status { color: var(--bad); font-weight: 600; }
    .checklist li.provided .status { color: var(--ok); font-weight: 600; }
    .fees table { width: 100%; border-collapse: collapse; }
    .fees td { padding: .25rem .2rem; border-bottom: 1px solid #eef0f3; vertical-align: top; }
    .fees td small { display: block; color: var(--muted); font-size: .78rem; }
    .fees tr.total td { font-weight: 700; }
    .assess li { padding: .2rem 0; }
    .assess li.eligible b { color: var(--ok); }
    .assess li.not-eligible b { color: var(--bad); }
    .assess li.needs-facts b { color: var(--warn); }
    p.saved { background: #e7f4ec; border: 1px solid #b7dec4; color: var(--ok); padding: .4rem .8rem; border-radius: 5px; display: inline-block; }
    @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } aside { position: static; } .field { grid-template-columns: 1fr; } .field > small, .field > .issue { grid-column: 1; } }
    """
}
