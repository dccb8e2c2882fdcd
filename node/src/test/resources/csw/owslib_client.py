"""Drives a CSW endpoint with OWSLib, the way a Python user would, and prints what OWSLib
understood as one JSON object on stdout (CswClusterIT asserts on it).

usage: owslib_client.py URL EDITOR PASSWORD INSERT_XML UPDATE_XML
"""
import json
import sys
import warnings

from owslib.csw import CatalogueServiceWeb
from owslib.etree import etree
from owslib.fes import And, BBox, PropertyIsLike
from owslib.namespaces import Namespaces

warnings.simplefilter("ignore")
url, user, password, insert_file, update_file = sys.argv[1:6]
GMD = "http://www.isotc211.org/2005/gmd"
out = {}
NS = Namespaces().get_namespaces(["csw"])


def summary(client, name):
    """OWSLib 0.27 looks for the summary one level too deep; read it from its raw response."""
    found = etree.fromstring(client.response).find(
        "csw:TransactionSummary/csw:" + name, namespaces=NS)
    return None if found is None else int(found.text)


csw = CatalogueServiceWeb(url, timeout=60)
out["caps"] = {
    "type": csw.identification.type,
    "version": csw.version,
    "operations": [op.name for op in csw.operations],
    "getrecords_get": [m["url"] for m in csw.get_operation_by_name("GetRecords").methods
                       if m["type"].lower() == "get"],
    "outputschemas": csw.get_operation_by_name("GetRecords").parameters
    .get("outputSchema", {}).get("values", []),
}

# Text and box together: water records in a box given in the default (lon/lat) order, and the
# same box in EPSG:4326 by URN (lat/lon).
text = PropertyIsLike("csw:AnyText", "%water%")
csw.getrecords2(constraints=[And([text, BBox([2, 49, 8, 54])])], maxrecords=100, esn="full")
out["water_box"] = {"matches": csw.results["matches"], "ids": sorted(csw.records.keys()),
                    "bboxes": {k: [float(r.bbox.minx), float(r.bbox.miny), float(r.bbox.maxx),
                                   float(r.bbox.maxy)]
                               for k, r in csw.records.items() if r.bbox is not None}}
csw.getrecords2(constraints=[And([text, BBox([49, 2, 54, 8], crs="urn:ogc:def:crs:EPSG::4326")])],
                maxrecords=100)
out["water_box_latlon"] = {"matches": csw.results["matches"], "ids": sorted(csw.records.keys())}

# Every record, page by page, following nextRecord to the end.
ids, pages, position, last_next = [], 0, 1, None
while True:
    csw.getrecords2(startposition=position, maxrecords=7, esn="brief")
    pages += 1
    ids.extend(csw.records.keys())
    last_next = csw.results["nextrecord"]
    if last_next == 0 or pages > 100:
        break
    position = last_next
out["paged"] = {"matches": csw.results["matches"], "ids": ids, "pages": pages,
                "last_next": last_next}

first = ids[0]
csw.getrecordbyid(id=[first])
out["by_id_dc"] = {k: r.title for k, r in csw.records.items()}
csw.getrecordbyid(id=[first], outputschema=GMD)
out["by_id_iso"] = {k: r.identification.title for k, r in csw.records.items()}

editor = CatalogueServiceWeb(url, timeout=60, username=user, password=password)
with open(insert_file, "rb") as f:
    editor.transaction(ttype="insert", typename="gmd:MD_Metadata", record=f.read())
out["insert"] = {"inserted": summary(editor, "totalInserted"),
                 "ids": editor.results.get("insertresults")}
with open(update_file, "rb") as f:
    editor.transaction(ttype="update", typename="gmd:MD_Metadata", record=f.read())
out["update"] = {"updated": summary(editor, "totalUpdated")}
inserted = out["insert"]["ids"][0]
csw.getrecordbyid(id=[inserted])
out["after_update"] = {k: r.title for k, r in csw.records.items()}
editor.transaction(ttype="delete", typename="gmd:MD_Metadata", identifier=inserted)
out["delete"] = {"deleted": summary(editor, "totalDeleted")}
csw.getrecordbyid(id=[inserted])
out["after_delete"] = sorted(csw.records.keys())

print(json.dumps(out))
