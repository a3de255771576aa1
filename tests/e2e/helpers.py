from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, totp_code


def log_in(page: Page, live_server, email: str, password: str = PASSWORD) -> None:
    """Log in; members with an authenticator app (doctors, staff) also give its code."""
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    code = page.locator("input[name=code]")
    menu = page.locator("summary.menu__toggle")
    expect(code.or_(menu)).to_be_visible()
    if code.is_visible():
        code.fill(totp_code())
        page.get_by_role("button", name="Log in", exact=True).click()
    expect(menu).to_be_visible()


def log_in_to_admin(page: Page, live_server, email: str) -> None:
    """A moderator opens the admin: the site's login, then the authenticator code."""
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Waiting for a moderator")).to_be_visible()
