import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("sam", password="right-password-123")


def log_in(client, password, username="sam"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_with_the_right_password(client, person):
    response = log_in(client, "right-password-123")

    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_a_wrong_password_is_explained(client, person):
    response = log_in(client, "wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_attempts_are_limited(client, person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200

    locked = log_in(client, "wrong")
    even_right = log_in(client, "right-password-123")

    assert locked.status_code == 429
    assert "Too many login attempts" in locked.content.decode()
    assert "try again in 15 minutes" in locked.content.decode()
    assert even_right.status_code == 429
    assert not even_right.wsgi_request.user.is_authenticated


def test_the_limit_is_per_username_so_others_can_still_log_in(client, person, django_user_model, settings):
    django_user_model.objects.create_user("alex", password="alex-password-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")

    assert log_in(client, "alex-password-123", username="alex").status_code == 302


def test_admin_login_is_limited_too(client, person, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "sam", "password": "wrong"})

    assert client.post(reverse("admin:login"), {"username": "sam", "password": "wrong"}).status_code == 429


def test_password_reset_sends_a_link_by_email(client, person, mailoutbox):
    person.email = "sam@example.org"
    person.save()

    response = client.post(reverse("password_reset"), {"email": "sam@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam@example.org"]
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_reset_journey_on_the_sites_own_pages(client, person, mailoutbox):
    person.email = "sam@example.org"
    person.save()
    assert b"Reset your password" in client.get(reverse("password_reset")).content

    done = client.post(reverse("password_reset"), {"email": "sam@example.org"}, follow=True)
    assert b"Check your email" in done.content
    link = next(word for word in mailoutbox[0].body.split() if "/accounts/reset/" in word)
    form = client.get(link.replace("http://testserver", ""), follow=True)
    assert b"Choose a new password" in form.content

    finished = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"},
        follow=True,
    )
    assert b"Your new password is set" in finished.content
    person.refresh_from_db()
    assert person.check_password("a-new-long-password-9")
    again = client.get(link.replace("http://testserver", ""), follow=True)
    assert b"has already been used or has expired" in again.content


def test_password_change_needs_the_old_password(client, person):
    client.force_login(person)

    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "another-long-pass-4", "new_password2": "another-long-pass-4"},
    )

    assert b"Your old password was entered incorrectly" in response.content
    person.refresh_from_db()
    assert person.check_password("right-password-123")
