"""Files made for people: workbooks, charts and printable sheets."""
