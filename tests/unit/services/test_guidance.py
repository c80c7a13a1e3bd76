"""Tips and flags: each rule on hand-built journals, the ranking, the content file, the service."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.domain.entries import ChildProfile, DayEntry, MovementCount, WarningSignEntry
from journal_app.domain.enums import FloorSurface, Milestone, MovementStyle, Side, WarningSign
from journal_app.domain.reference import WHO_WINDOW_BY_MILESTONE
from journal_app.paths import JournalPaths
from journal_app.services.context import JournalContext, open_context
from journal_app.services.guidance import (
    MIN_DAYS_FOR_ABSENCE,
    TIP_SCORES,
    ContentError,
    Flag,
    JournalDay,
    JournalSnapshot,
    TipSuggestion,
    UnknownTip,
    all_flags,
    flag_backward_past_12_months,
    flag_cdc_checkpoint_passed,
    flag_warning_signs,
    flag_who_milestone_late,
    format_day,
    format_days,
    last_day_within_window,
    load_content,
    parse_content,
    rank_tips,
    rule_every_stage,
    rule_few_days_logged,
    rule_forward_established,
    rule_mostly_backward,
    rule_smooth_floor_while_backward,
    rule_tummy_time_low,
    suggest_tips,
)
from journal_app.services.journal import ChildNotFound
from tests.helpers.constants import TODAY

B = MovementStyle.BACKWARD
F = MovementStyle.FORWARD
MAYA = ChildProfile("Maya", date(2026, 3, 1), id=1)


def day(
    days_ago: int,
    *styles: MovementStyle,
    tummy: int | None = None,
    floor: FloorSurface | None = None,
    signs: tuple[WarningSignEntry, ...] = (),
) -> JournalDay:
    return JournalDay(TODAY - timedelta(days=days_ago), frozenset(styles), tummy, floor, signs)


#: Fourteen plain days long before the 14-day window: enough history for a missing milestone to
#: count (MIN_DAYS_FOR_ABSENCE) without touching the patterns of the last two weeks.
#: The first day is long before that, so that the journal was kept while every reference age
#: passed (a milestone whose age passed before the journal began is unknown, not missed).
HISTORY = (day(700), *(day(60 + n) for n in range(MIN_DAYS_FOR_ABSENCE - 1)))


def journal(
    *days: JournalDay,
    child: ChildProfile = MAYA,
    milestones: dict[Milestone, date] | None = None,
    on: date = TODAY,
    history: bool = True,
) -> JournalSnapshot:
    everything = days + (HISTORY if history else ())
    return JournalSnapshot(
        child, on, tuple(sorted(everything, key=lambda d: d.day)), milestones or {}
    )


def born_days_ago(days: int, name: str = "Maya", early_days: int = 0) -> ChildProfile:
    """A child ``days`` old on TODAY; ``early_days`` > 21 makes corrected age apply."""
    birth = TODAY - timedelta(days=days)
    return ChildProfile(name, birth, birth + timedelta(days=early_days) if early_days else None, 1)


def ids(items: list[TipSuggestion]) -> list[str]:
    return [s.tip_id for s in items]


def flag_ids(flags: list[Flag], prefix: str = "") -> set[str]:
    return {f.id for f in flags if f.id.startswith(prefix)}


# -- content --------------------------------------------------------------------------------


def test_content_loads_and_every_item_names_a_source() -> None:
    content = load_content()
    assert set(content.tips) >= set(TIP_SCORES)
    assert len(content.about) >= 5
    for item in [*content.tips.values(), *content.about]:
        assert item.title and item.text
        assert len(item.source) > 10, item.id
    sources = {item.source for item in [*content.tips.values(), *content.about]}
    assert any("WHO" in s for s in sources) and any("CDC" in s for s in sources)


def test_disclaimer_says_the_app_does_not_diagnose_and_ends_with_the_doctor() -> None:
    content = load_content()
    assert "does not diagnose" in content.disclaimer
    assert content.worried == "If you are worried, talk to your child's doctor."
    assert content.disclaimer.endswith(content.worried)
    assert content.no_flags.endswith(content.worried)
    assert content.no_flags_new_journal.endswith(content.worried)


def test_content_item_without_a_known_source_is_refused() -> None:
    text = """
worried = "w"
disclaimer = "d"
no_flags = "n"
no_flags_new_journal = "m"
no_child = "c"
month_abbreviations = ["a","b","c","d","e","f","g","h","i","j","k","l"]
reasons = {}
flags = {}
about = []
[sources.cdc]
name = "CDC"
[[tips]]
id = "praise"
title = "t"
text = "x"
source = "nowhere"
"""
    with pytest.raises(ContentError, match="praise"):
        parse_content(text)


def test_dates_are_short_and_add_the_year_only_when_it_differs() -> None:
    assert format_day(date(2026, 11, 12), TODAY) == "12 Nov"
    assert format_day(date(2025, 11, 12), TODAY) == "12 Nov 2025"
    assert format_days([date(2026, 11, 9), date(2026, 11, 2)], TODAY) == "2 Nov and 9 Nov"
    many = [date(2026, 9, 1) + timedelta(days=i) for i in range(8)]
    assert format_days(many, TODAY) == "between 1 Sep and 8 Sep"


# -- tip rules ------------------------------------------------------------------------------


def test_few_days_logged_invites_to_keep_recording() -> None:
    four = journal(*(day(i, B) for i in range(4)))
    (tip,) = rule_few_days_logged(four)
    assert tip.tip_id == "keep_recording"
    assert "Only 4 of the last 14 days" in tip.reason and "Maya" in tip.reason
    assert "Nothing recorded for Maya" in rule_few_days_logged(journal())[0].reason


def test_few_days_logged_is_quiet_with_five_days_and_ignores_older_days() -> None:
    assert rule_few_days_logged(journal(*(day(i, B) for i in range(5)))) == []
    old = journal(*(day(14 + i, B) for i in range(10)), day(0, B))
    assert "Only 1 of the last 14" in rule_few_days_logged(old)[0].reason


def test_few_days_draw_no_conclusions() -> None:
    four_backward = journal(*(day(i, B, tummy=5) for i in range(4)))
    assert rule_mostly_backward(four_backward) == []
    assert rule_tummy_time_low(four_backward) == []
    assert ids(suggest_tips(four_backward)) == ["keep_recording", "patience", "limit_walkers"]


def test_mostly_backward_fires_with_the_days_and_the_name() -> None:
    days = [day(i, B) for i in range(9)] + [day(9, F), day(10, F)] + [day(i) for i in (11, 12, 13)]
    tips = rule_mostly_backward(journal(*days))
    assert ids(tips) == ["toy_ahead", "show_how", "weight_bearing_play"]
    assert tips[0].reason == (
        "Backward crawling on 9 of the last 14 days: "
        "a toy just out of reach in front can draw Maya forward."
    )


def test_mostly_backward_counts_belly_crawling_and_says_so() -> None:
    days = [day(i, MovementStyle.BELLY) for i in range(4)] + [day(i, B) for i in range(4, 6)]
    days += [day(i) for i in range(6, 10)]
    tips = rule_mostly_backward(journal(*days))
    assert tips[0].reason.startswith("Backward or belly crawling on 6 of the 10 days recorded")


def test_mostly_backward_is_quiet_with_enough_forward_or_too_few_backward_days() -> None:
    with_forward = [day(i, B) for i in range(9)] + [day(i, F) for i in range(9, 14)]
    assert rule_mostly_backward(journal(*with_forward)) == []
    some_backward = [day(i, B) for i in range(6)] + [day(i) for i in range(6, 14)]
    assert rule_mostly_backward(journal(*some_backward)) == []


def test_tummy_time_low_fires_under_30_minutes_for_a_child_not_crawling_forward() -> None:
    days = [day(i, B, tummy=m) for i, m in enumerate((10, 20, 30, 20, 20))]
    (tip,) = rule_tummy_time_low(journal(*days))
    assert tip.tip_id == "tummy_time"
    assert "averaged 20 minutes a day on the 5 days" in tip.reason
    assert "at least 30 minutes" in tip.reason


def test_tummy_time_low_is_quiet_at_30_minutes_for_forward_crawlers_and_without_data() -> None:
    enough = [day(i, B, tummy=30) for i in range(5)]
    assert rule_tummy_time_low(journal(*enough)) == []
    crawling = [day(i, F, tummy=5) for i in range(5)]
    assert rule_tummy_time_low(journal(*crawling)) == []
    crawled_before = journal(
        *(day(i, B, tummy=5) for i in range(5)),
        milestones={Milestone.HANDS_AND_KNEES_CRAWLING: date(2026, 10, 1)},
    )
    assert rule_tummy_time_low(crawled_before) == []
    unrecorded = [day(i, B) for i in range(8)] + [day(9, B, tummy=5)]
    assert rule_tummy_time_low(journal(*unrecorded)) == []


def test_smooth_floor_while_backward_suggests_a_textured_mat() -> None:
    smooth = FloorSurface.SMOOTH_FLOOR
    days = [day(1, B, floor=smooth), day(3, B, floor=smooth), day(4, F, floor=smooth)]
    (tip,) = rule_smooth_floor_while_backward(journal(*days))
    assert tip.tip_id == "textured_floor"
    assert "Smooth floor on 2 of the days Maya crawled backwards (20 Nov and 22 Nov)" in tip.reason


def test_smooth_floor_is_quiet_on_rugs_once_only_or_when_crawling_forward() -> None:
    smooth = FloorSurface.SMOOTH_FLOOR
    assert rule_smooth_floor_while_backward(journal(day(1, B, floor=smooth))) == []
    rugs = [day(i, B, floor=FloorSurface.CARPET_OR_RUG) for i in range(5)]
    assert rule_smooth_floor_while_backward(journal(*rugs)) == []
    forward = [day(i, F, floor=smooth) for i in range(5)]
    assert rule_smooth_floor_while_backward(journal(*forward)) == []


def test_forward_established_praises_and_gives_the_next_steps() -> None:
    days = [day(i, F) for i in range(7)] + [day(i, B) for i in range(7, 14)]
    tips = rule_forward_established(journal(*days))
    assert ids(tips) == ["next_steps", "praise"]
    assert tips[1].reason.startswith("Forward crawling on 7 of the last 14 days: well done, Maya!")


def test_next_steps_are_not_suggested_to_a_child_who_already_cruises() -> None:
    days = [day(i, F, MovementStyle.CRUISING) for i in range(7)]
    assert ids(rule_forward_established(journal(*days))) == ["praise"]


def test_forward_established_is_quiet_below_half_the_days() -> None:
    days = [day(i, F) for i in range(6)] + [day(i, B) for i in range(6, 14)]
    assert rule_forward_established(journal(*days)) == []


def test_every_stage_reminders_always_come_last() -> None:
    assert ids(rule_every_stage(journal())) == ["patience", "limit_walkers"]
    assert max(TIP_SCORES["patience"], TIP_SCORES["limit_walkers"]) < min(
        score for tip, score in TIP_SCORES.items() if tip not in ("patience", "limit_walkers")
    )


# -- ranking --------------------------------------------------------------------------------


def _backward_on_smooth_floors() -> JournalSnapshot:
    smooth = FloorSurface.SMOOTH_FLOOR
    return journal(*(day(i, B, tummy=10, floor=smooth) for i in range(14)))


def test_ranking_puts_tummy_time_first_for_a_backward_crawler() -> None:
    ranked = rank_tips(suggest_tips(_backward_on_smooth_floors()))
    assert [t.id for t in ranked] == [
        "tummy_time",
        "toy_ahead",
        "textured_floor",
        "show_how",
        "weight_bearing_play",
        "patience",
        "limit_walkers",
    ]
    assert all(t.title and t.source and t.reason for t in ranked)


def test_ranking_moves_tried_tips_after_untried_ones_and_keeps_the_date() -> None:
    tried = {"tummy_time": date(2026, 11, 12)}
    ranked = rank_tips(suggest_tips(_backward_on_smooth_floors()), tried)
    assert [t.id for t in ranked][-1] == "tummy_time"
    assert ranked[0].id == "toy_ahead"
    assert ranked[-1].tried_on == date(2026, 11, 12)
    assert all(t.tried_on is None for t in ranked[:-1])


def test_ranking_keeps_one_entry_per_tip_with_its_strongest_reason() -> None:
    ranked = rank_tips(
        [TipSuggestion("praise", "weak", 1), TipSuggestion("praise", "strong", 99)],
    )
    assert [(t.id, t.reason) for t in ranked] == [("praise", "strong")]


# -- flags: backward crawling past 12 months ------------------------------------------------


def test_backward_past_12_months_fires_the_day_after_12_months() -> None:
    child = ChildProfile("Maya", date(2025, 11, 18), id=1)  # 12 months 5 days on TODAY
    (flag,) = flag_backward_past_12_months(journal(*(day(i, B) for i in range(7)), child=child))
    assert flag.id == "backward_past_12_months"
    # 18 Nov 2026, Maya was exactly 12 months: only the five days after it count.
    assert flag.dates == tuple(TODAY - timedelta(days=i) for i in range(4, -1, -1))
    assert "Maya is 1 year 5 days old" in flag.reason
    assert "Backward crawling was recorded on 5 of the 5 days recorded" in flag.reason


def test_backward_past_12_months_needs_more_than_a_day_or_two() -> None:
    child = ChildProfile("Maya", date(2025, 11, 20), id=1)  # 12 months 3 days on TODAY
    assert flag_backward_past_12_months(journal(*(day(i, B) for i in range(7)), child=child)) == []


def test_backward_at_exactly_12_months_is_not_flagged() -> None:
    child = ChildProfile("Maya", date(2025, 11, 23), id=1)  # exactly 12 months on TODAY
    assert flag_backward_past_12_months(journal(*(day(i, B) for i in range(14)), child=child)) == []


def test_backward_past_12_months_uses_the_corrected_age() -> None:
    # Born 53 days early: 13 months 22 days since birth, corrected exactly 12 months.
    child = ChildProfile("Leo", date(2025, 10, 1), date(2025, 11, 23), id=1)
    assert child.age_on(TODAY).corrected is not None
    backward = [day(i, B) for i in range(14)]
    assert flag_backward_past_12_months(journal(*backward, child=child)) == []
    full_term = ChildProfile("Leo", date(2025, 10, 1), id=1)
    assert flag_ids(flag_backward_past_12_months(journal(*backward, child=full_term))) == {
        "backward_past_12_months"
    }


def test_backward_is_not_flagged_when_another_movement_is_as_common() -> None:
    child = born_days_ago(400)
    days = [day(i, B, F) for i in range(10)]
    assert flag_backward_past_12_months(journal(*days, child=child)) == []
    walking = [day(i, B, MovementStyle.WALKING_ALONE) for i in range(10)]
    assert flag_backward_past_12_months(journal(*walking, child=child)) == []
    mostly = [day(i, B) for i in range(8)] + [day(i, F) for i in range(8, 10)]
    assert flag_backward_past_12_months(journal(*mostly, child=child)) != []


# -- flags: warning signs -------------------------------------------------------------------


def _sign(sign: WarningSign, side: Side | None = None) -> tuple[WarningSignEntry, ...]:
    return (WarningSignEntry(sign, side),)


def test_a_warning_sign_logged_once_is_flagged_with_its_side() -> None:
    left = _sign(WarningSign.FAVOURS_ONE_SIDE, Side.LEFT)
    (flag,) = flag_warning_signs(journal(day(3, signs=left), day(1, B)))
    assert flag.id == "warning_sign:favours_one_side"
    assert flag.title == "Uses one side more than the other"
    assert flag.reason == "Noted for Maya on 1 day: 20 Nov (left side used less)."
    assert flag.dates == (date(2026, 11, 20),) and not flag.strong
    # Other signs give the side where it was noticed.
    stiff = _sign(WarningSign.STIFF_MUSCLES, Side.LEFT)
    (flag,) = flag_warning_signs(journal(day(3, signs=stiff)))
    assert flag.reason.endswith("(left side).")


def test_the_same_sign_on_several_days_is_strong_and_sides_are_counted() -> None:
    sign = WarningSign.FAVOURS_ONE_SIDE
    days = [
        day(1, signs=_sign(sign, Side.LEFT)),
        day(5, signs=_sign(sign, Side.LEFT)),
        day(9, signs=_sign(sign, Side.RIGHT)),
        day(2, signs=_sign(WarningSign.STIFF_MUSCLES)),
    ]
    flags = flag_warning_signs(journal(*days))
    assert [f.id for f in flags] == ["warning_sign:favours_one_side", "warning_sign:stiff_muscles"]
    assert flags[0].strong and not flags[1].strong
    assert "several days, 3 days in all" in flags[0].reason
    assert "(left side used less on 2 days, right side used less on 1 day)" in flags[0].reason
    assert flags[1].reason == "Noted for Maya on 1 day: 21 Nov."


def test_no_warning_signs_no_flag() -> None:
    assert flag_warning_signs(journal(*(day(i, B) for i in range(14)))) == []


# -- flags: WHO windows ---------------------------------------------------------------------


CRAWL_WINDOW = WHO_WINDOW_BY_MILESTONE[Milestone.HANDS_AND_KNEES_CRAWLING]


def test_who_milestone_is_not_late_at_exactly_the_99th_percentile_age() -> None:
    last = last_day_within_window(CRAWL_WINDOW)  # 410 days: 13.47 months, 411 is 13.50+
    assert last / (365.25 / 12) <= 13.5 < (last + 1) / (365.25 / 12)
    on_the_day = flag_who_milestone_late(journal(child=born_days_ago(last)))
    assert "who_late:hands_and_knees_crawling" not in flag_ids(on_the_day)
    day_after = flag_who_milestone_late(journal(child=born_days_ago(last + 1)))
    assert "who_late:hands_and_knees_crawling" in flag_ids(day_after)


def test_who_late_flag_explains_the_window_in_plain_words() -> None:
    flags = flag_who_milestone_late(
        journal(child=born_days_ago(last_day_within_window(CRAWL_WINDOW) + 1))
    )
    crawl = next(f for f in flags if f.id == "who_late:hands_and_knees_crawling")
    assert crawl.title == "Crawls on hands and knees: not yet recorded"
    # Crawling says what WHO counts as crawling, and that some children never crawl.
    assert "99 in 100 of the children who crawled had started by 13.5 months" in crawl.reason
    assert "forwards or backwards" in crawl.reason and "4.3 in 100 never crawled" in crawl.reason
    assert crawl.reason.startswith("Maya is 1 year 1 month")
    sitting = next(f for f in flags if f.id == "who_late:sitting_without_support")
    assert "99 in 100 children had done this by 9.2 months" in sitting.reason


def test_who_window_uses_the_corrected_age() -> None:
    last = last_day_within_window(CRAWL_WINDOW)
    # 20 days past the window since birth, but born 8 weeks early: corrected age inside it.
    preterm = born_days_ago(last + 20, name="Leo", early_days=56)
    assert "who_late:hands_and_knees_crawling" not in flag_ids(
        flag_who_milestone_late(journal(child=preterm))
    )
    full_term = born_days_ago(last + 20, name="Leo")
    assert "who_late:hands_and_knees_crawling" in flag_ids(
        flag_who_milestone_late(journal(child=full_term))
    )
    late_even_corrected = born_days_ago(last + 57, name="Leo", early_days=56)
    flags = flag_who_milestone_late(journal(child=late_even_corrected))
    crawl = next(f for f in flags if f.id == "who_late:hands_and_knees_crawling")
    assert "(corrected age 1 year 1 month" in crawl.reason


def test_a_milestone_recorded_in_time_or_seen_in_the_journal_is_not_flagged() -> None:
    child = born_days_ago(last_day_within_window(CRAWL_WINDOW) + 30)
    recorded = {Milestone.HANDS_AND_KNEES_CRAWLING: TODAY - timedelta(days=60)}
    assert "who_late:hands_and_knees_crawling" not in flag_ids(
        flag_who_milestone_late(journal(child=child, milestones=recorded))
    )
    seen = journal(day(2, F), child=child)
    assert "who_late:hands_and_knees_crawling" not in flag_ids(flag_who_milestone_late(seen))


def test_a_milestone_recorded_after_the_window_is_flagged_with_its_date() -> None:
    child = born_days_ago(400)
    sat_late = child.birth_date + timedelta(days=300)  # 9.86 months, window ends at 9.2
    flags = flag_who_milestone_late(
        journal(child=child, milestones={Milestone.SITTING_WITHOUT_SUPPORT: sat_late})
    )
    sitting = next(f for f in flags if f.id == "who_late:sitting_without_support")
    assert sitting.dates == (sat_late,)
    assert "was recorded on" in sitting.reason and "9.2 months" in sitting.reason


def test_a_child_who_skips_crawling_but_walks_within_the_window_gets_no_crawling_flag() -> None:
    child = born_days_ago(470)  # 15.4 months
    walked = {Milestone.WALKING_WITH_ASSISTANCE: child.birth_date + timedelta(days=380)}
    flags = flag_ids(flag_who_milestone_late(journal(child=child, milestones=walked)))
    assert "who_late:hands_and_knees_crawling" not in flags
    walked_late = {Milestone.WALKING_WITH_ASSISTANCE: child.birth_date + timedelta(days=460)}
    flags = flag_ids(flag_who_milestone_late(journal(child=child, milestones=walked_late)))
    assert "who_late:hands_and_knees_crawling" in flags


def test_walking_logged_in_the_journal_counts_as_moving_on_without_crawling() -> None:
    child = born_days_ago(470)
    walking = journal(day(1, MovementStyle.WALKING_ALONE), child=child)
    flags = flag_ids(all_flags(walking))
    assert not {f for f in flags if "crawl" in f}


def test_a_walker_is_not_asked_about_the_steps_walking_shows() -> None:
    """Walking alone since 12 months, walking every day at 18 months: standing, sitting and
    walking with help are all shown by it; only the 6-month items not ticked remain."""
    child = born_days_ago(548)
    walks = {Milestone.WALKING_ALONE: child.birth_date + timedelta(days=366)}
    days = [day(i, MovementStyle.WALKING_ALONE, tummy=None) for i in range(14)]
    snapshot = journal(*days, child=child, milestones=walks)
    reached = snapshot.reached()
    for shown in (
        Milestone.FIRST_STEPS_ALONE,
        Milestone.STANDING_ALONE,
        Milestone.WALKING_WITH_ASSISTANCE,
        Milestone.STANDING_WITH_ASSISTANCE,
        Milestone.SITTING_WITHOUT_SUPPORT,
        Milestone.GETS_TO_SITTING,
        Milestone.CRUISING,
        Milestone.PULLS_TO_STAND,
    ):
        assert reached[shown] == walks[Milestone.WALKING_ALONE], shown
    assert flag_ids(all_flags(snapshot)) == {"cdc:6:rolls_tummy_to_back", "cdc:6:pushes_up_on_arms"}


def test_cruising_every_day_shows_standing_with_help() -> None:
    child = born_days_ago(388)  # 12.7 months: past the 11.4-month window for standing with help
    days = [day(i, MovementStyle.CRUISING) for i in range(14)]
    snapshot = journal(*days, child=child)
    assert "who_late:standing_with_assistance" not in flag_ids(flag_who_milestone_late(snapshot))
    assert snapshot.reached()[Milestone.STANDING_WITH_ASSISTANCE] == TODAY - timedelta(days=13)


# -- flags: CDC checkpoints -----------------------------------------------------------------


def test_cdc_checkpoint_is_not_passed_at_exactly_its_age() -> None:
    exactly_12 = ChildProfile("Maya", date(2025, 11, 23), id=1)
    assert not {
        f for f in flag_ids(flag_cdc_checkpoint_passed(journal(child=exactly_12))) if ":12:" in f
    }
    a_day_later = ChildProfile("Maya", date(2025, 11, 22), id=1)
    flags = flag_ids(flag_cdc_checkpoint_passed(journal(child=a_day_later)))
    assert {"cdc:12:pulls_to_stand", "cdc:12:cruising"} <= flags
    assert "cdc:15:first_steps_alone" not in flags


def test_cdc_flag_names_the_checklist_item_and_is_quiet_once_recorded() -> None:
    child = ChildProfile("Maya", date(2025, 11, 1), id=1)
    flags = flag_cdc_checkpoint_passed(journal(child=child))
    pulls = next(f for f in flags if f.id == "cdc:12:pulls_to_stand")
    assert pulls.title == "12-month checklist: pulls up to stand"
    assert "not recorded in the journal" in pulls.reason
    recorded = journal(child=child, milestones={Milestone.PULLS_TO_STAND: date(2026, 10, 1)})
    assert "cdc:12:pulls_to_stand" not in flag_ids(flag_cdc_checkpoint_passed(recorded))
    cruising = journal(day(3, MovementStyle.CRUISING), child=child)
    assert "cdc:12:cruising" not in flag_ids(flag_cdc_checkpoint_passed(cruising))


def test_cdc_uses_the_corrected_age() -> None:
    preterm = ChildProfile("Leo", date(2025, 10, 1), date(2025, 11, 23), id=1)  # corrected 12 mo
    assert "cdc:12:pulls_to_stand" not in flag_ids(
        flag_cdc_checkpoint_passed(journal(child=preterm))
    )
    assert "cdc:9:sitting_without_support" in flag_ids(
        flag_cdc_checkpoint_passed(journal(child=preterm))
    )


def test_all_flags_does_not_say_the_same_milestone_twice() -> None:
    child = ChildProfile("Maya", date(2025, 11, 1), id=1)
    snapshot = journal(child=child)
    assert "cdc:9:sitting_without_support" in flag_ids(flag_cdc_checkpoint_passed(snapshot))
    flags = flag_ids(all_flags(snapshot))
    assert "who_late:sitting_without_support" in flags
    assert "cdc:9:sitting_without_support" not in flags


def test_a_child_on_track_with_an_ordinary_journal_has_no_flags() -> None:
    days = [day(i, B, tummy=40) for i in range(14)]
    six_months = {
        Milestone.ROLLS_TUMMY_TO_BACK: date(2026, 8, 1),
        Milestone.PUSHES_UP_ON_ARMS: date(2026, 8, 2),
        Milestone.LEANS_ON_HANDS_SITTING: date(2026, 8, 20),
    }
    assert all_flags(journal(*days, milestones=six_months)) == []
    assert flag_ids(all_flags(journal(*days))) == {
        "cdc:6:rolls_tummy_to_back",
        "cdc:6:pushes_up_on_arms",
        "cdc:6:leans_on_hands_sitting",
    }


# -- the service over a real journal ----------------------------------------------------------


def _save(context: JournalContext, child_id: int, days_ago: int, **values: object) -> None:
    entry = DayEntry(child_id=child_id, day=TODAY - timedelta(days=days_ago))
    for key, value in values.items():
        setattr(entry, key, value)
    context.journal.save_day(entry)


def _save_history(context: JournalContext, child_id: int) -> None:
    """Two weeks of plain days, long ago: a journal with history (see MIN_DAYS_FOR_ABSENCE)."""
    for n in range(MIN_DAYS_FOR_ABSENCE):
        _save(context, child_id, 120 + n, notes="an ordinary day")


def test_guidance_for_reads_the_journal(context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    guidance = context.guidance.guidance_for(child.id)
    assert guidance.tips[0].id == "keep_recording" and guidance.days_recorded == 0
    assert guidance.flags == []  # a new journal: nothing is missing yet, only unwritten
    _save_history(context, child.id)
    flags = context.guidance.guidance_for(child.id).flags
    assert flag_ids(flags) == {
        "cdc:6:rolls_tummy_to_back",
        "cdc:6:pushes_up_on_arms",
        "cdc:6:leans_on_hands_sitting",
    }
    six_months = [
        Milestone.ROLLS_TUMMY_TO_BACK,
        Milestone.PUSHES_UP_ON_ARMS,
        Milestone.LEANS_ON_HANDS_SITTING,
    ]
    _save(context, child.id, 90, milestones=six_months)
    for i in range(9):
        _save(context, child.id, i, movements={B: MovementCount(3)}, tummy_minutes=40)
    guidance = context.guidance.guidance_for(child.id)
    assert guidance.child_name == "Maya" and guidance.days_recorded == 9
    assert guidance.tips[0].id == "toy_ahead"
    assert guidance.tips[0].reason.startswith("Backward crawling on 9 of the 9 days recorded")
    assert guidance.flags == []
    assert guidance.about and guidance.disclaimer.endswith(guidance.worried)


def test_guidance_flags_a_logged_warning_sign(context: JournalContext, child: ChildProfile) -> None:
    assert child.id is not None
    sign = [WarningSignEntry(WarningSign.TROUBLE_WEIGHT_ON_ARMS, Side.RIGHT, "typed <b>note</b>")]
    _save(context, child.id, 2, warning_signs=sign)
    (flag,) = [f for f in context.guidance.guidance_for(child.id).flags if "sign" in f.id]
    assert flag.id == "warning_sign:trouble_weight_on_arms"
    assert flag.reason == "Noted for Maya on 1 day: 21 Nov (right side)."


def test_flags_for_a_period_take_the_age_at_its_end(
    context: JournalContext, preterm_child: ChildProfile
) -> None:
    assert preterm_child.id is not None
    child_id = preterm_child.id
    _save(context, child_id, 40, warning_signs=[WarningSignEntry(WarningSign.STIFF_MUSCLES)])
    _save(context, child_id, 3, warning_signs=[WarningSignEntry(WarningSign.FLOPPY_MUSCLES)])
    recent = context.guidance.flags_for(child_id, TODAY - timedelta(days=10), TODAY)
    assert flag_ids(recent, "warning") == {"warning_sign:floppy_muscles"}
    earlier = context.guidance.flags_for(child_id, None, TODAY - timedelta(days=20))
    assert flag_ids(earlier, "warning") == {"warning_sign:stiff_muscles"}
    assert flag_ids(context.guidance.flags_for(child_id), "warning") == {
        "warning_sign:stiff_muscles",
        "warning_sign:floppy_muscles",
    }


def test_flags_for_a_period_ignore_milestones_after_its_end(context: JournalContext) -> None:
    child = context.journal.save_child(ChildProfile("Ada", date(2025, 9, 1)))
    assert child.id is not None
    _save_history(context, child.id)
    _save(context, child.id, 5, milestones=[Milestone.PULLS_TO_STAND])
    assert "cdc:12:pulls_to_stand" not in flag_ids(context.guidance.flags_for(child.id))
    before = context.guidance.flags_for(child.id, end=TODAY - timedelta(days=6))
    assert "cdc:12:pulls_to_stand" in flag_ids(before)


def test_flags_for_a_period_still_see_movements_before_it(context: JournalContext) -> None:
    child = context.journal.save_child(ChildProfile("Ada", date(2025, 9, 1)))  # 14.7 months
    assert child.id is not None
    _save_history(context, child.id)
    _save(context, child.id, 60, movements={F: MovementCount(2)})
    _save(context, child.id, 59, warning_signs=[WarningSignEntry(WarningSign.STIFF_MUSCLES)])
    period = context.guidance.flags_for(child.id, TODAY - timedelta(days=30), TODAY)
    assert "who_late:hands_and_knees_crawling" not in flag_ids(period)
    assert flag_ids(period, "warning") == set()
    assert "who_late:walking_with_assistance" in flag_ids(period)


def test_tried_tips_persist_across_a_reopen(data_dir: Path) -> None:
    ctx = open_context(JournalPaths(data_dir), lambda: TODAY)
    child = ctx.journal.save_child(ChildProfile("Maya", date(2026, 3, 1)))
    assert child.id is not None
    ctx.guidance.mark_tried(child.id, "patience")
    ctx.guidance.mark_tried(child.id, "limit_walkers", on=date(2026, 11, 12))
    ctx.close()

    reopened = open_context(JournalPaths(data_dir), lambda: TODAY)
    try:
        tips = {t.id: t for t in reopened.guidance.guidance_for(child.id).tips}
        assert tips["patience"].tried_on == TODAY
        assert tips["limit_walkers"].tried_on == date(2026, 11, 12)
        reopened.guidance.unmark_tried(child.id, "patience")
        reopened.guidance.mark_tried(child.id, "limit_walkers", on=date(2026, 11, 20))
        assert reopened.guidance.tried_tips(child.id) == {"limit_walkers": date(2026, 11, 20)}
    finally:
        reopened.close()


def test_marking_an_unknown_tip_or_child_fails_clearly(
    context: JournalContext, child: ChildProfile
) -> None:
    assert child.id is not None
    with pytest.raises(UnknownTip):
        context.guidance.mark_tried(child.id, "no_such_tip")
    assert context.guidance.tried_tips(child.id) == {}
    with pytest.raises(ChildNotFound):
        context.guidance.guidance_for(child.id + 100)


# -- any journal ------------------------------------------------------------------------------

_STYLES = st.frozensets(st.sampled_from(list(MovementStyle)), max_size=4)
_SIGNS = st.lists(
    st.builds(WarningSignEntry, st.sampled_from(list(WarningSign)), st.sampled_from([None, *Side])),
    max_size=2,
    unique_by=lambda e: e.sign,
)
_DAYS = st.builds(
    JournalDay,
    day=st.integers(0, 60).map(lambda ago: TODAY - timedelta(days=ago)),
    movements=_STYLES,
    tummy_minutes=st.one_of(st.none(), st.integers(0, 120)),
    floor=st.one_of(st.none(), st.sampled_from(list(FloorSurface))),
    warning_signs=_SIGNS.map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(
    age_days=st.integers(61, 900),
    early_days=st.sampled_from([0, 10, 30, 84]),
    days=st.lists(_DAYS, max_size=20, unique_by=lambda d: d.day),
    milestones=st.dictionaries(st.sampled_from(list(Milestone)), st.integers(0, 200), max_size=6),
)
def test_any_journal_gives_named_reasons_and_unique_tips(
    age_days: int,
    early_days: int,
    days: list[JournalDay],
    milestones: dict[Milestone, int],
) -> None:
    child = born_days_ago(age_days, name="Kit", early_days=early_days)
    recorded = {m: TODAY - timedelta(days=min(ago, age_days)) for m, ago in milestones.items()}
    snapshot = journal(
        *(d for d in days if d.day >= child.birth_date), child=child, milestones=recorded
    )
    ranked = rank_tips(suggest_tips(snapshot), {"patience": TODAY})
    assert len({t.id for t in ranked}) == len(ranked)
    assert ranked[-1].id == "patience"
    assert all("Kit" in t.reason for t in ranked)
    flags = all_flags(snapshot)
    assert len({f.id for f in flags}) == len(flags)
    for flag in flags:
        assert "Kit" in flag.reason and flag.title
        assert list(flag.dates) == sorted(flag.dates) and all(d <= TODAY for d in flag.dates)


def test_a_new_journal_raises_no_flag_for_milestones_not_yet_written_down() -> None:
    """Eight months old with three days recorded: not ticking "rolls over" yet means nothing."""
    child = born_days_ago(16 * 31)
    fresh = journal(day(1, B), day(2, B), day(3), child=child, history=False)
    assert flag_cdc_checkpoint_passed(fresh) == []
    assert flag_who_milestone_late(fresh) == []
    with_history = journal(day(1, B), day(2, B), day(3), child=child)
    assert flag_cdc_checkpoint_passed(with_history)
    assert flag_who_milestone_late(with_history)


def test_the_calm_line_of_a_new_journal_says_the_milestone_checks_wait(
    context: JournalContext,
) -> None:
    """Twenty months old, five days recorded: no flag yet, and the panel says why rather than
    "nothing stands out"."""
    child = context.journal.save_child(ChildProfile("Kit", TODAY - timedelta(days=610)))
    assert child.id is not None
    for n in range(5):
        _save(context, child.id, n, movements={MovementStyle.BOTTOM_SCOOTING: MovementCount(2)})
    new = context.guidance.guidance_for(child.id)
    assert new.flags == [] and new.no_flags == load_content().no_flags_new_journal
    assert (
        context.summary.build(child.id, TODAY - timedelta(days=30), TODAY).milestone_checks_ran
        is False
    )
    _save_history(context, child.id)
    older = context.guidance.guidance_for(child.id)
    assert older.flags  # now the checks run: standing and walking not recorded at 20 months
    assert context.summary.build(child.id, TODAY - timedelta(days=30), TODAY).milestone_checks_ran


def test_tummy_time_just_under_30_is_never_shown_as_30() -> None:
    days = [day(i, B, tummy=t) for i, t in enumerate([29, 30, 30, 30, 30])]
    (tip,) = [s for s in rule_tummy_time_low(journal(*days)) if s.tip_id == "tummy_time"]
    assert "averaged 29 minutes a day" in tip.reason


def test_flags_of_an_earlier_period_give_the_age_then_not_as_now(context: JournalContext) -> None:
    """A summary of September, made in November: "was ... old on 30 Sep", never "is"."""
    child = context.journal.save_child(ChildProfile("Ada", date(2025, 11, 1)))
    assert child.id is not None
    _save(context, child.id, 300, notes="the journal began at 7 months")
    for n in range(MIN_DAYS_FOR_ABSENCE):
        _save(context, child.id, 100 + n, notes="an ordinary day")
    earlier = context.guidance.flags_for(child.id, date(2026, 9, 1), date(2026, 9, 30))
    cdc = next(f for f in earlier if f.id == "cdc:9:gets_to_sitting")
    assert cdc.reason.startswith("Ada was 10 months 29 days old on 30 Sep.")
    now = context.guidance.flags_for(child.id)
    assert next(f for f in now if f.id == "cdc:9:gets_to_sitting").reason.startswith(
        "Ada is 1 year"
    )
