"""Sums the outcome counters of every TRX file under a folder; prints 'passed failed skipped'."""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    counters = ET.parse(trx).getroot().find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        failed += 1
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # Skipped tests are counted in "total" but not "executed" (notExecuted stays 0 for xunit skips).
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
print(passed, failed, skipped)
