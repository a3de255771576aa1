from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


def logged_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_members_see_where_they_are_logged_in_and_log_out_everywhere_else(alice):
    phone = logged_in(alice, "Phone browser 1.0")
    laptop = logged_in(alice, "Laptop browser 2.0")
    page = laptop.get(reverse("usersessions_list"))
    html = page.content.decode()
    assert "Phone browser 1.0" in html and "Laptop browser 2.0" in html
    assert html.count("This browser") == 1
    laptop.post(reverse("usersessions_list"))
    assert laptop.get(reverse("accounts:profile")).status_code == 200
    response = phone.get(reverse("accounts:profile"))
    assert response.status_code == 302 and "/account/login/" in response.url
