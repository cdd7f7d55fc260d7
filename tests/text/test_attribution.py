"""Speaker attribution: each pattern on small sentences written for the test."""

import pytest

from stances.project.codebook import load_codebook
from stances.text.attribution import Attribution, Attributor
from stances.text.sentences import split_sentences
from tests.conftest import SHIPPED_CODEBOOK


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    return Attributor(load_codebook(SHIPPED_CODEBOOK))


def speaker_of(attributor: Attributor, sentence: str, previous: Attribution | None = None):
    actors = attributor.attribute_sentence(sentence, previous)
    return (actors[0].speaker, actors[0].group) if actors else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Lavrov said the talks had failed.", ("lavrov", "russia")),
        ("“We are not done,” said Blinken.", ("blinken", "united_states")),
        ("Stoltenberg told reporters the door stays open.", ("stoltenberg", "nato")),
        ("According to Peskov, nothing has changed.", ("peskov", "russia")),
        ("Sherman warned that time was short.", ("sherman", "united_states")),
        ("Lavrov stressed that patience was running out.", ("lavrov", "russia")),
        ("“Nothing is agreed,” Ryabkov added.", ("ryabkov", "russia")),
    ],
)
def test_reporting_verbs_on_either_side_of_the_quote(attributor, sentence, expected):
    assert speaker_of(attributor, sentence) == expected


def test_headline_style_attribution(attributor):
    assert speaker_of(attributor, "Blinken: no deal without Kyiv") == ("blinken", "united_states")


@pytest.mark.parametrize(
    ("sentence", "group", "cue"),
    [
        (
            "Pentagon spokesman Tom Baker said the deployment would continue.",
            "united_states",
            "Pentagon",
        ),
        ("“We will not wait,” said Russia’s envoy to the OSCE, Pavel Orlov.", "russia", "Russia"),
        (
            "UK Foreign Secretary Anna Cole told MPs the alliance was united.",
            "united_kingdom",
            "UK",
        ),
        (
            "Estonian Defence Minister Karl Tamm said the drills would go on.",
            "baltic_states",
            "Estonian",
        ),
        ("Mark Webb, a former US ambassador, said the offer was serious.", "experts", "former"),
    ],
)
def test_a_speaker_missing_from_the_registry_is_placed_by_the_title_and_flagged(
    attributor, sentence, group, cue
):
    [actor, *_] = attributor.attribute_sentence(sentence)
    assert actor.is_new and actor.speaker.startswith("new:")
    assert (actor.group, actor.cue) == (group, cue)


def test_a_speaker_that_cannot_be_placed_is_kept_as_unplaced(attributor):
    [actor] = attributor.attribute_sentence("Tom Ellery said the plan was a good one.")
    assert (actor.speaker, actor.group) == ("new:tom_ellery", "unplaced")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Kremlin said the troops would stay.", ("kremlin", "russia")),
        ("Moscow has demanded a written answer.", ("russian_government", "russia")),
        ("Washington rejected the proposal on Tuesday.", ("us_government", "united_states")),
        ("The alliance said its door remains open.", ("nato_alliance", "nato")),
    ],
)
def test_collective_actors(attributor, sentence, expected):
    assert speaker_of(attributor, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "“This is not acceptable,” he added.",
        "She said the meeting was useful.",
        "The diplomat said the exercises would go ahead.",
        "“We will see,” added the minister.",
    ],
)
def test_pronouns_and_role_nouns_carry_the_previous_speaker_over(attributor, sentence):
    [previous] = attributor.attribute_sentence("Lavrov said the talks had failed.")
    assert previous.speaker == "lavrov"
    assert speaker_of(attributor, sentence, previous) == ("lavrov", "russia")


def test_without_a_previous_speaker_a_pronoun_names_no_one(attributor):
    assert attributor.attribute_sentence("She said the meeting was useful.") == []


def test_a_sentence_that_is_only_a_quote_continues_the_previous_speaker(attributor):
    previous = attributor.attribute_sentence("Ryabkov said the talks were frank.")[0]
    actors = attributor.attribute_sentence("“It is called a stalemate.”", previous)
    assert actors[0].speaker == "ryabkov"


def test_a_described_unnamed_speaker_is_placed_by_its_description(attributor):
    [actor] = attributor.attribute_sentence("A senior German official said the door stays open.")
    assert (actor.group, actor.is_new) == ("germany", True)


def test_names_inside_quotes_are_not_speakers(attributor):
    actors = attributor.attribute_sentence("“Washington must listen,” Peskov said.")
    assert [a.speaker for a in actors] == ["peskov"]


def test_narration_without_an_actor_has_no_speaker(attributor):
    assert attributor.attribute_sentence("The weather was cold in Geneva on Monday.") == []


def test_articles_carry_the_last_speaker_across_sentences(attributor):
    text = "Lavrov said the talks failed. “We will not wait,” he added."
    spans = [(0, 29), (30, len(text))]
    result = attributor.attribute_article(text, spans)
    assert [actors[0].speaker for actors in result] == ["lavrov", "lavrov"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Explainer: what a missile moratorium would require",
        "Opinion: Europe cannot wait for Washington",
        "Live Updates: the drills go ahead despite the talks",
    ],
)
def test_a_newsroom_rubric_before_a_colon_is_not_a_speaker(attributor, sentence):
    assert attributor.attribute_sentence(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Trucks crossed into the Donbas Region overnight, Polish officials said.",
            ("new:polish_officials", "poland"),
        ),
        ("Lavrov said little about the so-called Contact Group.", ("lavrov", "russia")),
    ],
)
def test_a_name_after_a_place_preposition_is_a_place_not_a_speaker(attributor, sentence, expected):
    actors = attributor.attribute_sentence(sentence)
    assert [(a.speaker, a.group) for a in actors] == [expected]


def test_a_role_in_apposition_to_a_name_is_that_name(attributor):
    sentence = (
        "Tomasz Nowak, the Polish ambassador to the United Nations, "
        "walked out of the chamber concluding that “the vote is lost.”"
    )
    actors = attributor.attribute_sentence(sentence)
    assert [(a.speaker, a.group, a.method) for a in actors] == [
        ("new:tomasz_nowak", "poland", "appositive")
    ]


def test_a_role_after_a_comma_that_is_not_an_apposition_is_not_the_name(attributor):
    [actor] = attributor.attribute_sentence(
        "Despite Ryabkov, senior Polish diplomats said the offer was serious."
    )
    assert (actor.group, actor.method) == ("poland", "described")


def test_plural_roles_without_an_article_are_described_speakers(attributor):
    [actor] = attributor.attribute_sentence("Senior Polish diplomats said the offer was serious.")
    assert (actor.group, actor.method, actor.is_new) == ("poland", "described", True)


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Analysts said the ministry's stance made a deal unlikely.", "experts"),
        ("Experts warned that the drills would go ahead.", "experts"),
        ("Diplomats said the talks would resume.", "unplaced"),
    ],
)
def test_a_plural_role_opening_the_sentence_is_a_described_speaker(attributor, sentence, group):
    [actor, *_] = attributor.attribute_sentence(sentence)
    assert (actor.group, actor.method) == (group, "described")


@pytest.mark.parametrize("quantifier", ["These", "Many", "Other", "Both"])
def test_a_quantifier_is_not_part_of_a_described_speaker(attributor, quantifier):
    assert attributor.attribute_sentence(f"{quantifier} officials said the talks failed.") == []


def test_a_described_speaker_that_is_a_registry_alias_is_that_speaker(attributor):
    sentence = "“We expect nothing,” a senior US official who will attend the talks said."
    [actor] = attributor.attribute_sentence(sentence)
    assert (actor.speaker, actor.group) == ("us_government", "united_states")


def test_an_envoy_posted_to_an_alliance_belongs_to_the_country_that_sends_them(attributor):
    sentence = "Russia's envoy to NATO Pavel Ivanovsky said the answer was no."
    assert attributor.attribute_sentence(sentence)[0].group == "russia"


def test_a_relative_clause_after_a_name_does_not_place_the_speaker(attributor):
    sentence = (
        "Russia's deputy foreign minister Pavel Ivanovsky, who sat in the NATO-Russia "
        "Council, said the answer was no."
    )
    assert attributor.attribute_sentence(sentence)[0].group == "russia"


def test_the_role_refers_back_to_the_actor_introduced_with_it_not_the_last_speaker(attributor):
    text = (
        "Talks\n\nA Baltic diplomat said the door must stay open. "
        "Lavrov said NATO must not expand. "
        "“We will not trade it away,” the diplomat said.\n"
    )
    *_, last = attributor.attribute_article(text, split_sentences(text))
    assert (last[0].group, last[0].name) == ("baltic_states", "A Baltic diplomat")


def test_a_pronoun_subject_is_the_previous_speaker_even_beside_a_role_it_addresses(attributor):
    text = (
        "Talks\n\nA Baltic envoy said the talks were useful. "
        "Lavrov said NATO must not expand. "
        "He told the envoy that Russia would not wait.\n"
    )
    *_, last = attributor.attribute_article(text, split_sentences(text))
    assert last[0].speaker == "lavrov"


def test_a_qualified_title_is_not_the_role_it_qualifies(attributor):
    text = (
        "Talks\n\nSecretary of State Antony Blinken said no. "
        "White House press secretary Jen Psaki said the same. "
        "The Secretary said later that the door stays open.\n"
    )
    *_, last = attributor.attribute_article(text, split_sentences(text))
    assert last[0].speaker == "blinken"


def test_a_surname_the_article_placed_earlier_speaks_on_its_own_later(attributor):
    text = (
        "Polish Deputy Minister Jan Kowalczyk spoke first. "
        "“The drills go ahead,” Kowalczyk said. He added that nothing was agreed."
    )
    spans = split_sentences(text)
    result = attributor.attribute_article(text, spans, known_names=["Kowalczyk"])
    assert [(a[0].name, a[0].method) for a in result[1:]] == [
        ("Kowalczyk", "reporting-verb"),
        ("Kowalczyk", "pronoun"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Senator Jane Roe (D-Vt.) said the door must stay open.",
        "The loudest voice was Senator Jane Roe (D-Vt.), who argued that NATO should wait.",
        "Senator Jane Roe, chair of the panel, said NATO should wait.",
    ],
)
def test_a_party_tag_apposition_or_relative_who_stays_with_its_subject(attributor, sentence):
    assert attributor.attribute_sentence(sentence)[0].name == "Jane Roe"


@pytest.mark.parametrize(
    "sentence",
    [
        "She welcomed the administration's willingness to discuss missile limits.",
        "Risch, the top Republican, said no one in Moscow gets a vote.",
        "She urged the Kremlin to pull back its troops.",
    ],
)
def test_an_object_after_a_verb_is_not_an_inverted_speaker(attributor, sentence):
    speakers = [a.speaker for a in attributor.attribute_sentence(sentence)]
    assert not {"us_government", "russian_government", "nato_alliance"} & set(speakers[:1])


def test_said_before_a_title_and_name_is_an_inverted_speaker(attributor):
    sentence = "“Not now,” said on Monday the deputy foreign minister, Sergei Ryabkov."
    assert speaker_of(attributor, sentence) == ("ryabkov", "russia")


def test_names_with_letters_beyond_ascii_are_names(attributor):
    [actor] = attributor.attribute_sentence("Rūta Vītola of the Estonian delegation said no.")
    assert (actor.name, actor.group) == ("Rūta Vītola", "baltic_states")


def test_an_official_without_a_country_in_the_title_is_placed_where_they_speak(attributor):
    sentence = "In Berlin, deputy government spokeswoman Katrin Seeliger said the drills go ahead."
    [actor] = attributor.attribute_sentence(sentence)
    assert (actor.name, actor.group) == ("Katrin Seeliger", "germany")


def test_a_setting_places_no_one_without_a_title_of_office(attributor):
    [actor] = attributor.attribute_sentence("In Geneva, Jane Roe said the talks would go on.")
    assert actor.group == "unplaced"


@pytest.mark.parametrize(
    ("sentence", "name", "group"),
    [
        ("Carola Straube of the FDP rejected that view.", "Carola Straube", "germany"),
        (
            "Peter Horváth of a Bratislava security institute said the alliance should wait.",
            "Peter Horváth",
            "experts",
        ),
        (
            "Hanna Lind of the Nordic Institute for Security Dialogue said no.",
            "Hanna Lind",
            "experts",
        ),
    ],
)
def test_the_body_after_a_name_places_the_name_and_is_not_the_speaker(
    attributor, sentence, name, group
):
    [actor, *_] = attributor.attribute_sentence(sentence)
    assert (actor.name, actor.group) == (name, group)


def test_a_clause_after_an_addressed_name_is_no_apposition(attributor):
    sentence = "HOST: Ms Roe, Moscow has demanded that the drills stop. Will that change anything?"
    roe = [a for a in attributor.attribute_sentence(sentence) if a.name == "Ms Roe"]
    assert all(a.group == "unplaced" for a in roe)


def test_he_or_she_refers_past_a_last_speaker_known_to_be_the_other(attributor):
    text = (
        "“We wait,” Ivo Kask said. He added that nothing was agreed. "
        "Senator Jane Roe answered him. “The door stays open,” she said."
    )
    spans = split_sentences(text)
    result = attributor.attribute_article(text, spans)
    assert [a[0].name for a in result if a] == ["Ivo Kask", "Ivo Kask", "Jane Roe"]


def test_a_title_says_whether_he_or_she_refers_to_its_bearer(attributor):
    text = (
        "“We wait,” Estonian spokeswoman Eva Kask said. “No,” Polish spokesman John Roe said. "
        "“The door stays open,” she said."
    )
    result = attributor.attribute_article(text, split_sentences(text))
    assert result[-1][0].name == "Eva Kask"


def test_he_or_she_is_the_last_speaker_when_nothing_says_otherwise(attributor):
    text = "Jane Roe said the talks failed. “We will not wait,” she added."
    result = attributor.attribute_article(text, split_sentences(text))
    assert [a[0].name for a in result] == ["Jane Roe", "Jane Roe"]


@pytest.mark.parametrize(
    "sentence",
    [
        "He says the alliance must return to the lines of 1997.",
        "Officials say Russia must pull back its troops.",
    ],
)
def test_a_verb_with_a_subject_of_its_own_has_no_inverted_speaker_after_it(attributor, sentence):
    lavrov = Attribution("lavrov", "russia", "Lavrov", "reporting-verb", 0.9)
    actors = attributor.attribute_sentence(sentence, lavrov)
    assert all(a.group not in {"nato", "russia"} or a.speaker == "lavrov" for a in actors)


@pytest.mark.parametrize(
    "sentence",
    [
        "They want troops out of Poland and the Baltic states by spring.",
        "Moscow’s demands were never going to be accepted.",
        "The Russian demands were never going to be accepted.",
    ],
)
def test_a_reporting_verb_read_as_a_noun_makes_no_speaker_of_the_word_before(attributor, sentence):
    actors = attributor.attribute_sentence(sentence)
    assert all(a.method != "reporting-verb" for a in actors)


def test_i_and_we_are_the_voice_of_the_text_not_the_last_speaker(attributor):
    text = "Lavrov said the talks failed. I believe the allies should wait."
    spans = [(0, 29), (30, len(text))]
    author = Attribution("new:anna_berg", "experts", "Anna Berg", "byline", 0.7)
    result = attributor.attribute_article(text, spans, voices=[author, author])
    assert [actors[0].speaker for actors in result] == ["lavrov", "new:anna_berg"]


def test_the_line_saying_who_an_author_is_places_them(attributor):
    sentence = "Anna Berg is a senior fellow at the Lindqvist Centre for Arms Control."
    [mention, *_] = attributor._mentions(sentence)
    assert attributor.place_by_title(sentence, mention)[0] == "experts"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "“No return to 1997,” Vice-Minister of Foreign Affairs Rūta Kalnė told reporters "
            "in Vilnius.",
            ("new:ruta_kalne", "baltic_states"),
        ),
        (
            "13:45 — In Kyiv, foreign ministry spokesman Oleh Marchuk insisted that no "
            "decision could be taken in Geneva.",
            ("new:oleh_marchuk", "ukraine"),
        ),
    ],
)
def test_an_office_without_a_country_is_placed_where_it_speaks_from(attributor, sentence, expected):
    [actor, *_] = attributor.attribute_sentence(sentence)
    assert (actor.speaker, actor.group) == expected


def test_less_common_reporting_verbs_name_their_subject(attributor):
    previous = Attribution("blinken", "united_states", "Blinken", "reporting-verb", 0.9)
    sentence = "«Ukraine must never join NATO», Ryabkov underlined."
    assert speaker_of(attributor, sentence, previous) == ("ryabkov", "russia")


@pytest.mark.parametrize(
    "sentence",
    [
        "If Moscow wants transparency, it can start by notifying its own snap exercises.",
        "Talks can go on, but only if Russia says when the troops will leave.",
    ],
)
def test_the_subject_of_a_condition_is_no_speaker(attributor, sentence):
    assert all(a.group != "russia" for a in attributor.attribute_sentence(sentence))


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Retired Lieutenant General Mark Dunne insists the drills must go on.", "experts"),
        (
            "Jonas Rauda, who chairs the Seimas defence committee, said a deal was welcome.",
            "baltic_states",
        ),
        ("Mia Hale, who now teaches at a naval academy, said the drills must go on.", "experts"),
        ("Jane Roe, who met the Russian envoy on Monday, said a deal was welcome.", "unplaced"),
    ],
)
def test_a_title_in_capitals_or_a_clause_naming_an_office_places_a_new_speaker(
    attributor, sentence, group
):
    [actor, *_] = attributor.attribute_sentence(sentence)
    assert actor.group == group
