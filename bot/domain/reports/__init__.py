"""Reports: the data behind the organisers' summaries and workbooks."""
