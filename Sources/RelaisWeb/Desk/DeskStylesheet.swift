// DeskStylesheet: the desk's only style sheet, served from /static/desk.css (the
// Content-Security-Policy allows styles from this origin only). Readable on a 1366×768 laptop and
// a phone: one column, system fonts, contrast above WCAG AA (text #1a1a1a on white, links
// #0b4f8a), a visible keyboard focus, and a print layout for the manifest.

enum DeskStylesheet {
    static let css = """
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; color: #1a1a1a; background: #fff; }
        header { background: #0b4f8a; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
        header a, header button { color: #fff; }
        header nav { display: flex; gap: 1rem; flex-wrap: wrap; }
        header form { margin: 0; }
        header button { background: transparent; border: 1px solid #fff; border-radius: 3px; padding: .2rem .6rem; font: inherit; cursor: pointer; }
        .brand { font-weight: bold; margin: 0; }
        .who { margin: 0; font-size: .9rem; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; }
        a { color: #0b4f8a; }
        a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; color: #0b4f8a; padding: .5rem; z-index: 1; }
        label { display: block; font-weight: 600; }
        .check label { display: inline; font-weight: normal; }
        input[type=text], input[type=tel], input[type=email], input[type=number], input[type=password], input[type=search], input[type=time], select {
            font: inherit; padding: .35rem .5rem; border: 1px solid #555; border-radius: 3px; width: 100%; max-width: 28rem; }
        button, .button { font: inherit; background: #0b4f8a; color: #fff; border: 0; border-radius: 3px; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
        fieldset { border: 1px solid #999; border-radius: 3px; max-width: 28rem; }
        .note { font-weight: normal; color: #444; font-size: .9rem; }
        .error { background: #fde8e8; border-left: 4px solid #b00020; padding: .5rem .75rem; }
        .warning { background: #fff4d6; border-left: 4px solid #8a5a00; padding: .5rem .75rem; }
        #booking-status { font-size: 1.2rem; font-weight: bold; }
        .status-confirmed { color: #1b5e20; }
        .status-waitlisted { color: #8a5a00; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0; }
        th, td { border-bottom: 1px solid #ccc; text-align: left; padding: .35rem .5rem; vertical-align: top; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        form.inline { display: inline; margin: 0; }
        form.inline button { padding: .3rem .7rem; }
        #route-map { margin: 1rem 0; } #route-map svg { width: 100%; max-width: 40rem; height: auto; border: 1px solid #999; }
        @media print { header, .no-print, form { display: none; } main { max-width: none; } }
        """
}
