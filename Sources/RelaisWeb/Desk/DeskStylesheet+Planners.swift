// DeskStylesheet+Planners: the look of the planners' pages, served after the desk's sheet in
// /static/desk.css: the upload and report forms' inputs, the list of a refused calendar's
// problems, and the report embedded in a page (RelaisReports' HTML body: its classes, scoped to
// `.report`, in the desk's colours; the downloaded HTML file keeps its own inline style).

extension DeskStylesheet {
    static let planners = """
        input[type=date], input[type=file] { font: inherit; padding: .35rem .5rem; border: 1px solid #555; border-radius: 3px; max-width: 28rem; }
        #problems li { margin: .35rem 0; }
        #downloads .button { margin-right: .5rem; }
        .report { border-top: 3px solid #0b4f8a; margin-top: 1.5rem; }
        .report h1 { font-size: 1.3rem; color: #0b4f8a; }
        .report h2 { color: #fff; background: #0b4f8a; padding: .25rem .5rem; }
        .report h3 { font-size: 1rem; color: #0b4f8a; margin-bottom: .25rem; }
        .report table { font-size: .9rem; }
        .report th, .report td { border: 1px solid #b6c3ce; padding: .2rem .4rem; }
        .report thead th { background: #e4edf4; }
        .report tbody th { font-weight: normal; }
        .report .n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .report thead th.n { white-space: normal; overflow-wrap: break-word; }
        .report table.wide { font-size: .9rem; }
        .report #fa11-situations-par-ccas tbody th { white-space: nowrap; }
        .report tr.total th, .report tr.total td { font-weight: bold; background: #f2f5f8; }
        .report td.masked, .report span.masked { color: #7a4500; background: #fff3dc; }
        .report dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .6rem; font-size: .85rem; color: #444; }
        .report dl.legend dd { margin: 0; }
        .report span.masked { display: inline-block; min-width: 3em; padding: 0 .3rem; border: 1px solid #b6c3ce; text-align: center; }
        .report .notice { font-size: .85rem; color: #444; }
        .report .unavailable { border-left: 4px solid #b6c3ce; background: #f2f5f8; padding: .4rem .6rem; }
        .report .empty { font-weight: bold; border: 2px solid #b6c3ce; padding: .5rem; }
        .report .confidential { border: 3px solid #b00020; color: #b00020; font-weight: bold; text-align: center; padding: .5rem; }
        .report .confidential-mark { display: none; }
        .report figure { margin: .25rem 0 1rem; }
        .report figcaption { font-size: .85rem; color: #444; }
        .report svg { display: block; width: 100%; height: auto; }
        .report svg text { font-size: 10px; fill: #1a1a1a; }
        .report svg .bar { fill: #2f7fb8; }
        .report svg .axis { stroke: #7d8a96; stroke-width: 1; }
        .report svg .grid { stroke: #dde4ea; stroke-width: 1; }
        @media print { #downloads { display: none; } .report .confidential-mark { display: block; position: fixed; top: 0; right: 0; color: #b00020; border: 2px solid #b00020; padding: 0 .3rem; } }
        """
}
