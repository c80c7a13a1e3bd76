"""The vocabularies of the journal: movement styles, milestones, warning signs, floors and sides.

The stored value of each member is a stable lower-case code (used in the database and in exports);
the ``label`` is the wording a parent sees.
"""

from __future__ import annotations

from enum import StrEnum


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
        return _MOVEMENT_LABELS[self]


_MOVEMENT_LABELS: dict[MovementStyle, str] = {
    MovementStyle.ROLLING: "Rolling",
    MovementStyle.BACKWARD: "Backward crawling",
    MovementStyle.BELLY: "Belly (commando) crawling",
    MovementStyle.FORWARD: "Forward hands-and-knees crawling",
    MovementStyle.BEAR: "Bear crawling",
    MovementStyle.BOTTOM_SCOOTING: "Bottom scooting",
    MovementStyle.PULLING_TO_STAND: "Pulling to stand",
    MovementStyle.CRUISING: "Cruising along furniture",
    MovementStyle.WALKING_WITH_HELP: "Walking with help",
    MovementStyle.WALKING_ALONE: "Walking alone",
}


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
        return _MILESTONE_LABELS[self]


_MILESTONE_LABELS: dict[Milestone, str] = {
    Milestone.ROLLS_TUMMY_TO_BACK: "Rolls from tummy to back",
    Milestone.PUSHES_UP_ON_ARMS: "Pushes up on straight arms on the tummy",
    Milestone.LEANS_ON_HANDS_SITTING: "Leans on hands when sitting",
    Milestone.SITTING_WITHOUT_SUPPORT: "Sits without support",
    Milestone.GETS_TO_SITTING: "Gets to sitting alone",
    Milestone.FIRST_BACKWARD_CRAWL: "First backward crawl",
    Milestone.FIRST_BELLY_CRAWL: "First belly crawl",
    Milestone.HANDS_AND_KNEES_CRAWLING: "Crawls on hands and knees",
    Milestone.STANDING_WITH_ASSISTANCE: "Stands with help",
    Milestone.PULLS_TO_STAND: "Pulls up to stand",
    Milestone.CRUISING: "Walks holding on to furniture (cruising)",
    Milestone.WALKING_WITH_ASSISTANCE: "Walks with help",
    Milestone.STANDING_ALONE: "Stands alone",
    Milestone.FIRST_STEPS_ALONE: "Takes a few steps alone",
    Milestone.WALKING_ALONE: "Walks alone",
}

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
        return {Side.LEFT: "Left", Side.RIGHT: "Right", Side.BOTH: "Both sides"}[self]


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
        return _SIGN_LABELS[self]

    @property
    def side_applies(self) -> bool:
        return self in _SIDED_SIGNS

    def describe_side(self, side: Side) -> str:
        """The side as it reads for this sign. For "uses one side more than the other" the side
        noted is the one used less (the one a doctor will look at), and it says so."""
        if self is WarningSign.FAVOURS_ONE_SIDE and side is not Side.BOTH:
            return f"{side.label} side used less"
        return side.label


_SIGN_LABELS: dict[WarningSign, str] = {
    WarningSign.FAVOURS_ONE_SIDE: "Uses one side more than the other",
    WarningSign.STIFF_MUSCLES: "Very stiff muscles",
    WarningSign.FLOPPY_MUSCLES: "Very floppy muscles",
    WarningSign.DISCOMFORT_WHEN_MOVING: "Discomfort, pain or resistance when moving",
    WarningSign.LIMITED_RANGE: "Limited range of movement",
    WarningSign.TROUBLE_WEIGHT_ON_ARMS: "Trouble taking weight on the arms",
    WarningSign.TROUBLE_WEIGHT_ON_LEGS: "Trouble taking weight on the legs",
    WarningSign.LITTLE_INTEREST_IN_EXPLORING: "Little interest in exploring",
    WarningSign.LOST_A_SKILL: "Lost a skill they had",
}

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
        return {
            FloorSurface.CARPET_OR_RUG: "Carpet or rug",
            FloorSurface.PLAY_MAT: "Play mat",
            FloorSurface.SMOOTH_FLOOR: "Smooth floor (wood, tile)",
            FloorSurface.OTHER: "Other",
        }[self]
