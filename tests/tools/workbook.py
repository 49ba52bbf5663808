"""Reads an .xlsx workbook with openpyxl and prints what a spreadsheet program would show.

Prints JSON: for every row of the first sheet, a list of cells, each
{"value": value (dates as ISO text), "type": "str" | "int" | "float" | "datetime" | ...,
"format": the cell's number format}.

    python workbook.py FILE.xlsx
"""

import datetime
import json
import sys

import openpyxl


def main(path: str) -> None:
    sheet = openpyxl.load_workbook(path).active
    rows = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            value = cell.value
            kind = type(value).__name__
            if isinstance(value, (datetime.date, datetime.datetime)):
                value = value.isoformat()
            cells.append({"value": value, "type": kind, "format": cell.number_format})
        rows.append(cells)
    json.dump({"title": sheet.title, "frozen": sheet.freeze_panes, "rows": rows}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
