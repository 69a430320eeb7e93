"""Consent, referrals (every status transition, valid and invalid), notifications and consent scope."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from senim.cases import selectors as case_selectors
from senim.core.models import AuditEvent
from senim.core.pipeline import InvalidTransitionError
from senim.core.roles import Role
from senim.core.testing.factories import make_user
from senim.referrals import pipelines, selectors, services
from senim.referrals.models import Notification, Referral, ReferralStatusChange
from senim.referrals.scope import case_data_scope

from .conftest import consented_referral, foreign_case


def test_consent_must_name_data_language_and_for_a_minor_a_guardian(world):
    case = foreign_case(world, minor=True)
    good = {"actor": world.ngo_worker, "case": case, "recipient": world.shelter, "explained_in": "uz"}
    with pytest.raises(ValidationError) as error:
        services.consent_record(**good, data_categories=["identity"], given_by="person")
    assert "given_by" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.consent_record(**good, data_categories=["identity"], given_by="guardian")
    assert "guardian_name" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.consent_record(**good, data_categories=[], given_by="guardian", guardian_name="Мать")
    with pytest.raises(ValidationError):
        services.consent_record(**good, data_categories=["passwords"], given_by="guardian", guardian_name="Мать")
    with pytest.raises(ValidationError):
        services.consent_record(
            **{**good, "explained_in": ""}, data_categories=["identity"], given_by="guardian", guardian_name="Мать"
        )
    consent = services.consent_record(
        **good,
        data_categories=["identity", "needs"],
        given_by="guardian",
        guardian_name="Мать",
        guardian_relation="mother",
    )
    assert consent.guardian_name == "Мать" and consent.explained_in == "uz"
    assert AuditEvent.objects.filter(action="consent.record", target_id=str(consent.pk)).count() == 1


def test_referral_needs_consent_covering_the_shared_data_or_an_audited_override(world):
    case = foreign_case(world)
    consent = services.consent_record(
        actor=world.ngo_worker, case=case, recipient=world.shelter, data_categories=["identity"], explained_in="uz"
    )
    with pytest.raises(ValidationError) as error:
        services.referral_send(
            actor=world.ngo_worker,
            case=case,
            to_organization=world.shelter,
            services=["shelter"],
            shared_data=["identity", "summary"],
            consent=consent,
        )
    assert "shared_data" in error.value.message_dict
    with pytest.raises(ValidationError):  # consent given for another recipient
        services.referral_send(
            actor=world.ngo_worker, case=case, to_organization=world.other_ngo, services=["legal_aid"], consent=consent
        )
    with pytest.raises(ValidationError) as error:  # no consent, no reason
        services.referral_send(
            actor=world.ngo_worker, case=case, to_organization=world.other_ngo, services=["legal_aid"]
        )
    assert "override_reason" in error.value.message_dict
    with pytest.raises(ValidationError):  # no services
        services.referral_send(
            actor=world.ngo_worker, case=case, to_organization=world.shelter, services=[], consent=consent
        )
    with pytest.raises(ValidationError):  # to itself
        services.referral_send(
            actor=world.ngo_worker,
            case=case,
            to_organization=world.ngo,
            services=["shelter"],
            override_reason="emergency at night, child at risk",
        )
    assert not Referral.objects.exists()
    override = services.referral_send(
        actor=world.ngo_worker,
        case=case,
        to_organization=world.other_ngo,
        services=["legal_aid"],
        shared_data=["identity"],
        override_reason="Person unconscious in hospital, needs a lawyer today",
    )
    assert override.consent_override and override.status == "sent"
    assert AuditEvent.objects.filter(action="referral.consent_override", target_id=str(override.pk)).exists()


def test_shelter_staff_cannot_override_consent(world):
    case = foreign_case(world)
    shelter_case = foreign_case(world)
    shelter_case.lead_organization = world.shelter
    shelter_case.save()
    with pytest.raises(PermissionDenied):
        services.referral_send(
            actor=world.shelter_worker,
            case=shelter_case,
            to_organization=world.ngo,
            services=["legal_aid"],
            override_reason="no time to ask the person for consent",
        )
    assert case.referrals.count() == 0


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["accepted"], True),
        (["declined"], True),
        (["revoked"], True),
        (["accepted", "done"], True),
        (["accepted", "revoked"], True),
        (["done"], False),
        (["accepted", "declined"], False),
        (["declined", "accepted"], False),
        (["accepted", "done", "revoked"], False),
        (["revoked", "accepted"], False),
        (["sent"], False),
    ],
)
def test_every_referral_transition(world, path, allowed):
    case = foreign_case(world)
    referral = consented_referral(world, case)
    *first, last = path
    for status in first:
        actor = world.ngo_worker if status == "revoked" else world.shelter_worker
        referral = services.referral_transition(
            actor=actor, referral=referral, to_status=status, reason="not enough beds tonight"
        )
    actor = world.ngo_worker if last == "revoked" else world.shelter_worker
    if allowed:
        referral = services.referral_transition(
            actor=actor, referral=referral, to_status=last, reason="reason long enough"
        )
        assert referral.status == last
        assert [c.to_status for c in ReferralStatusChange.objects.filter(referral=referral)] == ["sent", *path]
    else:
        with pytest.raises((InvalidTransitionError, ValidationError)):
            services.referral_transition(actor=actor, referral=referral, to_status=last, reason="reason long enough")
        referral.refresh_from_db()
        assert referral.status == (first[-1] if first else "sent")


def test_pipeline_table_matches_the_documented_statuses():
    assert pipelines.REFERRAL.states == {"sent", "accepted", "declined", "done", "revoked"}
    assert pipelines.REFERRAL.final_states == {"declined", "done", "revoked"}


def test_only_the_right_side_answers_and_decline_needs_a_reason(world):
    case = foreign_case(world)
    referral = consented_referral(world, case)
    with pytest.raises(ValidationError):  # the sender cannot accept on the shelter's behalf
        services.referral_transition(actor=world.ngo_worker, referral=referral, to_status="accepted")
    with pytest.raises(ValidationError):  # the shelter cannot revoke
        services.referral_transition(
            actor=world.shelter_worker, referral=referral, to_status="revoked", reason="we would rather not"
        )
    with pytest.raises(ValidationError) as error:
        services.referral_transition(actor=world.shelter_worker, referral=referral, to_status="declined")
    assert "reason" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == "sent"
    declined = services.referral_transition(
        actor=world.shelter_worker, referral=referral, to_status="declined", reason="no beds for families"
    )
    assert declined.decline_reason == "no beds for families"


def test_notifications_go_to_the_receiving_then_the_sending_organization(world):
    case = foreign_case(world)
    referral = consented_referral(world, case)
    inbox = selectors.notification_list(world.shelter_worker, unread_only=True)
    assert [n.kind for n in inbox] == ["referral_received"]
    assert selectors.notification_list(world.other_worker).count() == 0
    services.notification_mark_read(actor=world.shelter_worker, notification=inbox[0])
    assert selectors.notification_list(world.shelter_worker, unread_only=True).count() == 0
    with pytest.raises(ValidationError):
        services.notification_mark_read(actor=world.other_worker, notification=Notification.objects.first())
    services.referral_transition(actor=world.shelter_worker, referral=referral, to_status="accepted")
    assert [n.kind for n in selectors.notification_list(world.ngo_worker)] == ["referral_answered"]


def test_the_receiving_ngo_sees_only_what_consent_covers_and_only_while_active(world):
    case = foreign_case(world, summary="Recruited through a job advert in Tashkent")
    assert not case_selectors.assistance_case_scope(world.shelter_worker).filter(pk=case.pk).exists()
    referral = consented_referral(world, case, shared=("identity",))
    assert case_selectors.assistance_case_scope(world.shelter_worker).filter(pk=case.pk).exists()
    assert not case_selectors.assistance_case_scope(world.other_worker).filter(pk=case.pk).exists()
    scope = case_data_scope(world.shelter_worker, case)
    assert scope.visible and scope.identity and not scope.summary and not scope.legal and not scope.full
    assert case_data_scope(world.ngo_worker, case).full
    assert case_data_scope(world.coordinator, case).full
    assert not case_data_scope(world.other_worker, case).visible
    # Parts not covered stay hidden even though the case is visible.
    services.measure_create(actor=world.ngo_worker, case=case, kind="reflection_period")
    assert selectors.measure_list(world.ngo_worker, case).count() == 1
    assert selectors.measure_list(world.shelter_worker, case).count() == 0
    assert selectors.case_journey(world.shelter_worker, case) is None
    # The shelter cannot widen what it shares or record what it may not see.
    with pytest.raises(ValidationError):
        services.assessment_record(
            actor=world.shelter_worker, case=case, stage="intake", risk_level="low", family_risk_level="low"
        )
    # Done: access ends.
    services.referral_transition(actor=world.shelter_worker, referral=referral, to_status="accepted")
    services.referral_transition(actor=world.shelter_worker, referral=referral, to_status="done")
    assert not case_selectors.assistance_case_scope(world.shelter_worker).filter(pk=case.pk).exists()
    assert not case_data_scope(world.shelter_worker, case).visible


def test_withdrawing_consent_revokes_the_referral_and_the_access(world):
    case = foreign_case(world)
    referral = consented_referral(world, case, shared=("identity", "needs"))
    services.referral_transition(actor=world.shelter_worker, referral=referral, to_status="accepted")
    services.consent_withdraw(actor=world.ngo_worker, consent=referral.consent, reason="changed her mind")
    referral.refresh_from_db()
    assert referral.status == "revoked"
    assert not case_selectors.assistance_case_scope(world.shelter_worker).filter(pk=case.pk).exists()
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=world.ngo_worker, consent=referral.consent)


def test_an_outsider_cannot_refer_a_case_it_cannot_see(world):
    case = foreign_case(world)
    with pytest.raises(ValidationError):
        services.consent_record(
            actor=world.other_worker,
            case=case,
            recipient=world.shelter,
            data_categories=["identity"],
            explained_in="ru",
        )
    assert not AuditEvent.objects.filter(action="consent.record").exists()


def test_referral_lists_are_scoped(world):
    case = foreign_case(world)
    referral = consented_referral(world, case)
    assert list(selectors.referral_list(world.shelter_worker, direction="incoming")) == [referral]
    assert list(selectors.referral_list(world.ngo_worker, direction="outgoing")) == [referral]
    assert selectors.referral_list(world.other_worker).count() == 0
    assert selectors.referral_list(world.coordinator).count() == 1
    assert selectors.referral_list(make_user(Role.AUDITOR)).count() == 0


def test_timeline_shows_the_referral_within_scope(world):
    case = foreign_case(world)
    consented_referral(world, case)
    kinds = [e.kind for e in case_selectors.assistance_case_timeline(world.ngo_worker, case)]
    assert "referral" in kinds


def test_identity_visible_cases_follow_the_consented_categories(world):
    from senim.referrals.scope import identity_visible_cases

    with_identity = foreign_case(world)
    without_identity = foreign_case(world)
    consented_referral(world, with_identity, shared=("identity",))
    consented_referral(world, without_identity, shared=("needs",))
    seen = {row["pk"] for row in identity_visible_cases(world.shelter_worker)}
    assert seen == {with_identity.pk}
    assert {row["pk"] for row in identity_visible_cases(world.ngo_worker)} == {with_identity.pk, without_identity.pk}
    assert not identity_visible_cases(world.other_worker).exists()
