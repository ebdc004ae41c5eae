import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.browser.test_accessibility import PUBLIC_PAGES
pytestmark = pytest.mark.browser
def test_info(site, page):
    axe = Axe()
    for path in PUBLIC_PAGES:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(site + path)
        r = axe.run(page, options={"resultTypes": ["violations", "incomplete"]}).response
        inc = [(i["id"], len(i["nodes"]), [n["target"] for n in i["nodes"]][:3]) for i in r["incomplete"]]
        page.set_viewport_size({"width": 320, "height": 640})
        sw = page.evaluate("() => document.documentElement.scrollWidth")
        print(path, "incomplete:", inc, "scrollWidth@320:", sw)
