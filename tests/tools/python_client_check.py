"""A new integrator's first tasks, done with the Python client generated from the committed
OpenAPI document by openapi-python-client, unchanged. Run by tests/tests/contract.rs against a
real server:

    python python_client_check.py BASE_URL EMAIL PASSWORD

Every call checks its status and reads the answer into the generated types; the script exits
non-zero on the first surprise.
"""

import sys

from mentorat_api import AuthenticatedClient, Client
from mentorat_api.api.auth import login
from mentorat_api.api.courses import (
    create_course,
    create_enrolment,
    get_attendance,
    list_courses,
    set_course_status,
)
from mentorat_api.api.organisations import create_organisation, list_organisations
from mentorat_api.api.people import create_person, set_consent
from mentorat_api.api.public import list_public_mentors
from mentorat_api.models import (
    AttendanceGrid,
    ConsentInput,
    ConsentLevel,
    Course,
    CourseInput,
    CourseKind,
    CourseStatus,
    EnrolmentInput,
    LoginRequest,
    LoginResponse,
    MentorInput,
    MentorStatus,
    Organisation,
    OrganisationInput,
    OrganisationKind,
    PageCourse,
    PageOrganisation,
    Person,
    PersonInput,
    ProgrammeRole,
    PublicMentorPage,
    StatusInput,
)


def expect(response, status, kind):
    """The answer has `status` and reads as `kind`."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert isinstance(response.parsed, kind), (type(response.parsed), response.content[:500])
    return response.parsed


def main(base_url: str, email: str, password: str) -> None:
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)

    # Sign in.
    signed_in = expect(
        login.sync_detailed(client=anonymous, body=LoginRequest(email=email, password=password)),
        200,
        LoginResponse,
    )
    client = AuthenticatedClient(
        base_url=base_url, token=signed_in.token, raise_on_unexpected_status=True
    )

    # Organisations: create one, find it in the list.
    created = expect(
        create_organisation.sync_detailed(
            client=client,
            body=OrganisationInput(
                kind=OrganisationKind.ASSOCIATION,
                name="Bürgerstiftung Esslingen",
                municipality="08116019",
                roles=[ProgrammeRole.PARTNER],
            ),
        ),
        201,
        Organisation,
    )
    assert created.kind == OrganisationKind.ASSOCIATION
    page = expect(
        list_organisations.sync_detailed(client=client, kind=OrganisationKind.ASSOCIATION),
        200,
        PageOrganisation,
    )
    assert created.id in [o.id for o in page.items], page

    # A person with a mentor profile, who consents to be listed.
    person = expect(
        create_person.sync_detailed(
            client=client,
            body=PersonInput(
                given_name="Ayşe",
                family_name="Yılmaz",
                email="ayse.yilmaz@example.org",
                municipality="08116019",
                languages=["de", "tr"],
                mentor=MentorInput(
                    status=MentorStatus.ACTIVE, fields=[4], municipalities=["08116019"]
                ),
            ),
        ),
        201,
        Person,
    )
    consented = expect(
        set_consent.sync_detailed(
            person.id,
            client=client,
            body=ConsentInput(level=ConsentLevel.NAME_FIELDS, text_version="2026-11"),
        ),
        200,
        Person,
    )
    assert consented.mentor.consent.level == ConsentLevel.NAME_FIELDS

    # The public listing shows her, with the consented fields only.
    listing = expect(
        list_public_mentors.sync_detailed(client=anonymous, municipality="08116019"),
        200,
        PublicMentorPage,
    )
    listed = [m for m in listing.items if m.id == person.id]
    assert listed and listed[0].family_name == "Yılmaz", listing
    assert not listed[0].email, "no contact details without consent to them"

    # A course: plan it, open registration, find it in the list.
    course = expect(
        create_course.sync_detailed(
            client=client,
            body=CourseInput(
                kind=CourseKind.MENTOR_COURSE,
                title="Mentorenkurs Esslingen",
                capacity=12,
                municipality="08116019",
            ),
        ),
        201,
        Course,
    )
    opened = expect(
        set_course_status.sync_detailed(
            course.id, client=client, body=StatusInput(status=CourseStatus.REGISTRATION_OPEN)
        ),
        200,
        Course,
    )
    assert opened.status == CourseStatus.REGISTRATION_OPEN
    courses = expect(list_courses.sync_detailed(client=client), 200, PageCourse)
    assert course.id in [c.id for c in courses.items], courses

    # Enrol her and read the attendance grid.
    enrolled = create_enrolment.sync_detailed(
        course.id, client=client, body=EnrolmentInput(person_id=person.id)
    )
    assert enrolled.status_code == 201, (enrolled.status_code, enrolled.content[:500])
    grid = expect(get_attendance.sync_detailed(course.id, client=client), 200, AttendanceGrid)
    assert [row.person_id for row in grid.rows] == [person.id], grid
    print("python client: all tasks done")


if __name__ == "__main__":
    main(*sys.argv[1:4])
