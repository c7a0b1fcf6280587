"""What a reminder is about and to whom it goes."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """The series a reminder belongs to; recorded with each delivery."""

    DRAFT = "draft"  # an unfinished draft, at offsets before intake closes
    RETURNED = "returned"  # a record returned for correction, each morning while it waits
    RETURNED_DEADLINE = "returned_deadline"  # the same, at offsets before resubmission closes
    OFFICER_DIGEST = "officer_digest"  # records waiting at an officer's level, each morning
    OFFICER_DEADLINE = "officer_deadline"  # the same, at offsets before review closes
    PROVINCE_SUMMARY = "province_summary"  # the day's figures per unit, each evening
    MILESTONE = "milestone"  # a campaign's further dated milestone, at offsets before it


class Audience(StrEnum):
    """Who a reminder is for; storage finds the people."""

    DRAFT_OWNERS = "draft_owners"  # whoever entered a draft still unfinished
    RETURNED_OWNERS = "returned_owners"  # whoever entered a record returned and not resubmitted
    WAITING_OFFICERS = "waiting_officers"  # officers with records waiting at their level
    PROVINCIAL_OFFICERS = "provincial_officers"
    CAMPAIGN_OFFICERS = "campaign_officers"  # every officer over a unit in the campaign's scope


# The worker audiences: a reminder skips someone who touched the draft since it was due,
# since they are at it already.
WORKER_AUDIENCES = frozenset({Audience.DRAFT_OWNERS, Audience.RETURNED_OWNERS})
