"""Text a startup typed is data in every download: never a live formula in Excel.

.xlsx cells holding text are typed strings, so "=HYPERLINK(...)" shows as it is; CSV is data
and keeps the text unchanged (the files' columns are a contract, DESIGN.md "Files").
"""

import csv
import io
import zipfile

from openpyxl import load_workbook

from pitch.extensions import db
from tests.results.world import build_world

FORMULA = '=HYPERLINK("https://evil.example/","Open")'


def _world_with_formulas():
    world = build_world()
    world.a.startup.name = FORMULA
    world.a.title = "=1+1"
    world.b.title = "@SUM(A1)\x01"  # a control character .xlsx cannot hold
    db.session.commit()
    return world


def _xml_of(workbook: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_results_xlsx_writes_text_as_text(client, auth):
    world = _world_with_formulas()
    auth.login(world.admin)
    response = client.get(f"/results/round/{world.screening.id}/results.xlsx")
    assert response.status_code == 200
    assert "<f>" not in _xml_of(response.data)
    sheet = load_workbook(io.BytesIO(response.data))["results"]
    header = [cell.value for cell in sheet[1]]
    cells = {row[header.index("pitch_id")].value: row for row in sheet.iter_rows(min_row=2)}
    startup = cells[world.a.id][header.index("startup_name")]
    assert (startup.value, startup.data_type) == (FORMULA, "s")
    assert cells[world.a.id][header.index("pitch_title")].value == "=1+1"
    assert cells[world.b.id][header.index("pitch_title")].value == "@SUM(A1)"
    assert cells[world.a.id][header.index("mean")].data_type == "n"


def test_results_csv_keeps_the_text_unchanged(client, auth):
    world = _world_with_formulas()
    auth.login(world.admin)
    text = client.get(f"/results/round/{world.screening.id}/results.csv").get_data(as_text=True)
    rows = {int(row["pitch_id"]): row for row in csv.DictReader(io.StringIO(text))}
    assert rows[world.a.id]["startup_name"] == FORMULA
    assert rows[world.a.id]["pitch_title"] == "=1+1"
