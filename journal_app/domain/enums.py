"""The vocabularies of the journal: movement styles, milestones, warning signs, floors and sides.

The stored value of each member is a stable lower-case code (used in the database and in exports);
the ``label`` is the wording a parent sees, in the current language (the English texts and
their contexts are in journal_app/i18n_vocabulary.py).
"""

from __future__ import annotations

from enum import StrEnum

from journal_app.i18n import translate
from journal_app.i18n_vocabulary import (
    FLOOR_LABELS,
    MILESTONE_LABELS,
    MOVEMENT_LABELS,
    SIDE_LABELS,
    SIDE_USED_LESS,
    WARNING_SIGN_LABELS,
)


class MovementStyle(StrEnum):
    """A way of moving the journal records, in the usual order of appearance."""

    ROLLING = "rolling"
    BACKWARD = "backward_crawl"
    BELLY = "belly_crawl"
    FORWARD = "forward_crawl"
    BEAR = "bear_crawl"
    BOTTOM_SCOOTING = "bottom_scooting"
    PULLING_TO_STAND = "pulling_to_stand"
    CRUISING = "cruising"
    WALKING_WITH_HELP = "walking_with_help"
    WALKING_ALONE = "walking_alone"

    @property
    def label(self) -> str:
        return translate(MOVEMENT_LABELS[self.value])


class Milestone(StrEnum):
    """A first-time achievement, recorded once per child. The six WHO milestones are among them."""

    ROLLS_TUMMY_TO_BACK = "rolls_tummy_to_back"
    PUSHES_UP_ON_ARMS = "pushes_up_on_arms"
    LEANS_ON_HANDS_SITTING = "leans_on_hands_sitting"
    SITTING_WITHOUT_SUPPORT = "sitting_without_support"
    GETS_TO_SITTING = "gets_to_sitting"
    FIRST_BACKWARD_CRAWL = "first_backward_crawl"
    FIRST_BELLY_CRAWL = "first_belly_crawl"
    HANDS_AND_KNEES_CRAWLING = "hands_and_knees_crawling"
    STANDING_WITH_ASSISTANCE = "standing_with_assistance"
    PULLS_TO_STAND = "pulls_to_stand"
    CRUISING = "cruising"
    WALKING_WITH_ASSISTANCE = "walking_with_assistance"
    STANDING_ALONE = "standing_alone"
    FIRST_STEPS_ALONE = "first_steps_alone"
    WALKING_ALONE = "walking_alone"

    @property
    def label(self) -> str:
        return translate(MILESTONE_LABELS[self.value])


#: The six milestones of the WHO Motor Development Study, in the study's order.
WHO_MILESTONES: tuple[Milestone, ...] = (
    Milestone.SITTING_WITHOUT_SUPPORT,
    Milestone.STANDING_WITH_ASSISTANCE,
    Milestone.HANDS_AND_KNEES_CRAWLING,
    Milestone.WALKING_WITH_ASSISTANCE,
    Milestone.STANDING_ALONE,
    Milestone.WALKING_ALONE,
)


class Side(StrEnum):
    """Where a sign was seen, for signs where a side applies."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def label(self) -> str:
        return translate(SIDE_LABELS[self.value])


class WarningSign(StrEnum):
    """A sign worth watching, logged by the parent on the day it was noticed."""

    FAVOURS_ONE_SIDE = "favours_one_side"
    STIFF_MUSCLES = "stiff_muscles"
    FLOPPY_MUSCLES = "floppy_muscles"
    DISCOMFORT_WHEN_MOVING = "discomfort_when_moving"
    LIMITED_RANGE = "limited_range_of_movement"
    TROUBLE_WEIGHT_ON_ARMS = "trouble_weight_on_arms"
    TROUBLE_WEIGHT_ON_LEGS = "trouble_weight_on_legs"
    LITTLE_INTEREST_IN_EXPLORING = "little_interest_in_exploring"
    LOST_A_SKILL = "lost_a_skill"

    @property
    def label(self) -> str:
        return translate(WARNING_SIGN_LABELS[self.value])

    @property
    def side_applies(self) -> bool:
        return self in _SIDED_SIGNS

    def describe_side(self, side: Side) -> str:
        """The side as it reads for this sign. For "uses one side more than the other" the side
        noted is the one used less (the one a doctor will look at), and it says so."""
        if self is WarningSign.FAVOURS_ONE_SIDE and side is not Side.BOTH:
            return translate(SIDE_USED_LESS[side.value])
        return side.label


_SIDED_SIGNS = frozenset(
    {
        WarningSign.FAVOURS_ONE_SIDE,
        WarningSign.STIFF_MUSCLES,
        WarningSign.FLOPPY_MUSCLES,
        WarningSign.DISCOMFORT_WHEN_MOVING,
        WarningSign.LIMITED_RANGE,
        WarningSign.TROUBLE_WEIGHT_ON_ARMS,
        WarningSign.TROUBLE_WEIGHT_ON_LEGS,
    }
)


class FloorSurface(StrEnum):
    """The floor the baby played on."""

    CARPET_OR_RUG = "carpet_or_rug"
    PLAY_MAT = "play_mat"
    SMOOTH_FLOOR = "smooth_floor"
    OTHER = "other"

    @property
    def label(self) -> str:
        return translate(FLOOR_LABELS[self.value])
