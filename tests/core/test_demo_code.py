import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from senim.core.roles import Role
from senim.core.testing.factories import make_user


@pytest.mark.django_db
def test_demo_code_prints_a_code_the_device_accepts(capsys):
    user = make_user(Role.INVESTIGATOR, username="investigator")
    device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
    call_command("demo_code", "investigator")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    assert device.verify_token(code)


@pytest.mark.django_db
def test_demo_code_refuses_unknown_users_and_production(settings):
    with pytest.raises(CommandError) as error:
        call_command("demo_code", "nobody")
    assert error.value.returncode == 2
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_code", "nobody")
