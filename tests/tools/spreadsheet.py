"""Reads a CSV file as a spreadsheet program does and prints what a person would see.

The CSV is opened by LibreOffice Calc in the way Excel opens a UTF-8 CSV with `;` (formulas
evaluated), saved as .xlsx, and read back with openpyxl. Prints JSON: for every row, a list of
cells, each {"value": shown value, "type": "str" | "int" | "float" | ..., "formula": bool}.

    python spreadsheet.py FILE.csv [LANGUAGE]

LANGUAGE is the import locale as a Windows language id, e.g. 1031 for German, where "22,5" is
a number; without it, LibreOffice's default (English) applies.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

import openpyxl


def main(path: str, language: str = "") -> None:
    source = pathlib.Path(path).resolve()
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                # 59 = ';', 34 = '"', 76 = UTF-8, 1 = from the first line.
                # Then no column formats, and the import locale.
                f"--infilter=CSV:59,34,76,1,,{language}",
                "--convert-to",
                "xlsx",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
        )
        converted = pathlib.Path(work) / (source.stem + ".xlsx")
        formulas = openpyxl.load_workbook(converted).active
        shown = openpyxl.load_workbook(converted, data_only=True).active
        rows = []
        for raw_row, shown_row in zip(formulas.iter_rows(), shown.iter_rows()):
            rows.append(
                [
                    {
                        "value": cell.value,
                        "type": type(cell.value).__name__,
                        "formula": raw.data_type == "f",
                    }
                    for raw, cell in zip(raw_row, shown_row)
                ]
            )
        json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(*sys.argv[1:3])
