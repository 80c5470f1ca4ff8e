// DeskStylesheet+CheckIn: the style of the check-in desk and the sign-in sheet, served after the
// main sheet. At the door, on a tablet (1280×800 or 768×1024) or a laptop: one person a row, the
// name large, one button at least 48 px high and 9 rem wide, the whole width on a narrow screen;
// the row of a present person is marked by a tick and a colour, never colour alone. Printed, the
// sign-in sheet fills an A4 page per 25 names, with a tall signature column.

extension DeskStylesheet {
    static let checkIn = """
        #registration-status { font-size: 1.2rem; font-weight: bold; }
        ul.sessions { list-style: none; padding: 0; }
        ul.sessions li { margin: .5rem 0; }
        a.session { display: block; padding: .9rem 1rem; border: 2px solid #0b4f8a; border-radius: 6px; text-decoration: none; font-size: 1.15rem; }
        a.session .meta { display: block; color: #444; font-size: 1rem; }
        .counts { font-size: 1.2rem; font-weight: 600; }
        ol.checkin { list-style: none; padding: 0; margin: 1rem 0; }
        ol.checkin li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1rem;
            padding: .6rem .5rem; border-bottom: 1px solid #ccc; }
        ol.checkin li.present { background: #e8f5e9; }
        ol.checkin li.waitlisted { background: #fff4d6; }
        ol.checkin .person { flex: 1 1 16rem; }
        ol.checkin .name { font-size: 1.25rem; font-weight: 600; }
        ol.checkin .meta { display: block; color: #444; }
        ol.checkin form { margin: 0; display: flex; align-items: center; gap: .75rem; }
        ol.checkin button { min-height: 48px; min-width: 9rem; font-size: 1.15rem; border-radius: 6px; }
        ol.checkin button.tick { background: #1b5e20; }
        ol.checkin button.undo { background: #fff; color: #b00020; border: 2px solid #b00020; min-width: 6rem; }
        ol.checkin button[disabled] { background: #999; cursor: not-allowed; }
        .ticked { color: #1b5e20; font-weight: 600; font-size: 1.1rem; }
        @media (max-width: 800px) { ol.checkin form, ol.checkin button { width: 100%; } }
        table.sheet { border-collapse: collapse; width: 100%; }
        table.sheet th, table.sheet td { border: 1px solid #333; padding: .2rem .4rem; height: 8mm; }
        table.sheet td:first-child, table.sheet th:first-child { width: 3em; text-align: right; }
        table.sheet td:last-child, table.sheet th:last-child { width: 40%; }
        .sheet-heading { font-weight: 600; margin: .5rem 0; }
        @page { size: A4 portrait; margin: 12mm; }
        @media print {
            .sheet-page { break-after: page; page-break-after: always; }
            .sheet-page:last-of-type { break-after: auto; page-break-after: auto; }
            table.sheet tr { break-inside: avoid; page-break-inside: avoid; }
        }
        """
}
