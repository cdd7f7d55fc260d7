"""Holder candidates: every actor a sentence could be attributed to, and what speaks for it."""

import pytest

from stances.project.codebook import load_codebook
from stances.text.attribution import Attributor
from stances.text.holders import article_candidates
from stances.text.sentences import split_sentences
from tests.conftest import SHIPPED_CODEBOOK, TINY_CODEBOOK, write


@pytest.fixture
def attributor(tmp_path):
    return Attributor(load_codebook(write(tmp_path / "codebook.yaml", TINY_CODEBOOK)))


def candidates_of(attributor, text):
    spans = split_sentences(text)
    return [
        {c.group: c.features for c in found.candidates}
        for found in article_candidates(attributor, text, spans)
    ]


def test_the_subject_of_a_stance_verb_is_a_candidate_with_no_reporting_verb(attributor):
    [sentence] = candidates_of(attributor, "Jane Smith is open to limits on missiles.\n")
    assert sentence["west"].get("subject_of_verb") == 1.0
    assert sentence["west"].get("no_reporting_verb") == 1.0


def test_an_actor_called_upon_is_marked_as_the_object_of_a_call(attributor):
    [sentence] = candidates_of(attributor, "Jane Smith called on Ivanov to cut his drills.\n")
    assert sentence["east"].get("object_of_call") == 1.0
    assert "object_of_call" not in sentence["west"]


def test_a_sentence_inside_a_quoted_passage_gets_the_passage_speaker(attributor):
    text = "Drills\n\n“We will not limit our drills. We never will,” Ivanov said.\n"
    _, first, second = candidates_of(attributor, text)
    assert first["east"].get("from_passage") == 1.0
    assert second["east"].get("rule_reporting-verb") == 1.0


def test_a_transcript_label_names_the_speaker_of_the_turn(attributor):
    text = (
        "Interview\n\n"
        "Olga Petrova, Eastland's deputy defence minister, spoke to us.\n\n"
        "Q: Will you limit the drills?\n\n"
        "PETROVA: No. We will hold every exercise as planned.\n"
    )
    sentences = candidates_of(attributor, text)
    last = sentences[-1]
    assert last["east"].get("from_turn") == 1.0


def test_a_transcript_label_is_placed_by_what_it_says_beside_the_name(attributor):
    text = (
        "Hearing\n\n"
        "OLGA PETROVA, EASTERN DEPUTY DEFENCE MINISTER: We will hold every exercise.\n\n"
        "SEN. JOHN DOE (R-Ohio): Will you limit the drills?\n\n"
        "MS. PETROVA: No. The drills go ahead as planned.\n"
    )
    sentences = candidates_of(attributor, text)
    assert sentences[1]["east"].get("from_turn") == 1.0
    # the label once placed names her in the later, shorter label ("coreference by name")
    assert sentences[-1]["east"].get("from_turn") == 1.0
    assert sentences[-2]["east"].get("from_turn") == 1.0


def test_a_label_ending_in_a_role_names_no_one_else(attributor):
    text = (
        "Briefing\n\n"
        "EASTERN OFFICIAL: We will hold every exercise.\n\n"
        "WESTERN OFFICIAL: We want fewer drills.\n"
    )
    *_, west = candidates_of(attributor, text)
    assert west["west"].get("from_turn") == 1.0
    assert "east" not in west or "from_turn" not in west["east"]


def test_what_a_label_says_in_brackets_does_not_place_the_speaker(attributor):
    text = "Interview\n\nPETROVA (speaking through an Eastern interpreter): No.\n"
    *_, answer = candidates_of(attributor, text)
    assert all("from_turn" not in features for features in answer.values())


def test_a_question_turn_has_no_speaker(attributor):
    text = "Interview\n\nQ: Will Westland limit the drills?\n"
    question = candidates_of(attributor, text)[-1]
    assert all("from_turn" not in features for features in question.values())


def test_a_surname_refers_back_to_the_titled_name_placed_earlier(attributor):
    text = (
        "Talks\n\n"
        "Westland's envoy Maria Lopez arrived on Monday. "
        "Lopez rejected any limit on missiles.\n"
    )
    last = candidates_of(attributor, text)[-1]
    assert last["west"].get("coreferent_name") == 1.0


def test_a_byline_speaks_for_a_signed_opinion_piece(attributor):
    text = (
        "Why limits matter\n\nBy Anna Berg, a Westland's analyst\n\nWe must limit missiles now.\n"
    )
    last = candidates_of(attributor, text)[-1]
    assert last["west"].get("from_document") == 1.0


def test_an_affiliation_word_before_a_groups_people_or_stance_is_a_candidate(attributor):
    [sentence] = candidates_of(attributor, "Our Eastern colleagues rejected Western calls.\n")
    assert sentence["east"].get("cued_noun") == 1.0
    assert sentence["west"].get("cued_noun") == 1.0
    assert sentence["east"].get("subject_of_verb") == 1.0
    assert "subject_of_verb" not in sentence["west"]


def test_the_headline_gives_the_voice_of_a_statement_written_as_we(attributor):
    text = "Statement of the Westland's foreign minister\n\nWe will never limit missiles.\n"
    last = candidates_of(attributor, text)[-1]
    assert last["west"].get("from_title") == 1.0
    assert last["west"].get("context_first_person_sentence") == 1.0


def test_the_issuer_a_headline_names_is_the_voice_not_the_topic_after_it(attributor):
    text = (
        "Readout of the Westland's foreign minister's call with Ivanov on Eastern drills\n\n"
        "We rejected any limit on our exercises.\n"
    )
    last = candidates_of(attributor, text)[-1]
    assert last["west"].get("from_title") == 1.0
    assert "from_title" not in last.get("east", {})


def test_a_question_turn_naming_its_asker_has_no_speaker_and_is_marked(attributor):
    text = (
        "Interview\n\nIVANOV: We will not limit the drills.\n\n"
        "QUESTION (Eastland radio): Will Jane Smith limit the drills?\n"
    )
    question = candidates_of(attributor, text)[-1]
    assert question["west"].get("in_question_turn") == 1.0
    assert all("from_turn" not in features for features in question.values())


def test_an_acronym_before_a_groups_people_is_a_candidate():
    attributor = Attributor(load_codebook(SHIPPED_CODEBOOK))
    [sentence] = candidates_of(attributor, "NATO allies rejected the demands.\n")
    assert sentence["nato"].get("cued_noun") == 1.0


def test_a_subject_followed_by_its_verb_is_no_cued_noun(attributor):
    [sentence] = candidates_of(attributor, "Jane Smith rejected calls for talks.\n")
    assert "cued_noun" not in sentence["west"]


def test_a_byline_author_is_placed_by_the_line_that_says_who_they_are(attributor):
    text = (
        "Why limits matter\n\nBy Anna Berg\n\nWe must limit missiles now.\n\n"
        "Anna Berg, a Westland's analyst, writes on arms control.\n"
    )
    sentences = candidates_of(attributor, text)
    assert sentences[2]["west"].get("from_document") == 1.0


def test_an_answer_turn_is_the_interviewee_the_introduction_names(attributor):
    text = (
        "Interview\n\n"
        "Olga Petrova, Eastland's deputy defence minister, spoke to us.\n\n"
        "Q: Will you limit the drills?\n"
        "A: No. We will hold every exercise as planned.\n"
    )
    last = candidates_of(attributor, text)[-1]
    assert last["east"].get("from_turn") == 1.0


def test_the_previous_speaker_says_how_far_back_and_whether_in_the_same_paragraph(attributor):
    text = (
        "Talks\n\n"
        "Ivanov said the drills would go on. They are not up for talks.\n\n"
        "Missiles are another matter.\n"
    )
    _, _, same, next_paragraph = candidates_of(attributor, text)
    assert same["east"].get("previous_same_paragraph") == 1.0
    assert same["east"].get("previous_back_1") == 1.0
    assert "previous_same_paragraph" not in next_paragraph["east"]
    assert next_paragraph["east"].get("previous_back_2") == 1.0


def test_a_speaker_no_cue_places_may_belong_to_a_group_cued_nearby(attributor):
    text = (
        "Eastern drills resume\n\n"
        "Deputy Minister Olga Petrova said the drills would go on. "
        "She said the drills would stay on Western soil.\n"
    )
    _, first, second = candidates_of(attributor, text)
    assert "unplaced" in first
    assert first["east"].get("cue_placed_headline") == 1.0
    assert second["west"].get("cue_placed_sentence") == 1.0
    # the new candidate speaks as the speaker does: the same features as the unplaced one
    assert second["west"].get("rule_pronoun") == second["unplaced"].get("rule_pronoun") == 1.0


def test_every_candidate_names_its_group_for_the_holder_model_to_weigh(attributor):
    [sentence] = candidates_of(attributor, "Jane Smith called on Ivanov to cut his drills.\n")
    assert sentence["west"].get("group=west") == 1.0
    assert sentence["east"].get("group=east") == 1.0
    assert "group=east" not in sentence["west"]


def test_an_actor_named_inside_the_speakers_apposition_is_marked_as_such(attributor):
    [sentence] = candidates_of(
        attributor, "Jane Smith, a former adviser to Ivan Ivanov, said limits on drills are near.\n"
    )
    assert sentence["east"].get("inside_apposition") == 1.0
    assert "inside_apposition" not in sentence["west"]
    [plain] = candidates_of(attributor, "On Monday, Ivanov said limits on drills are near.\n")
    assert "inside_apposition" not in plain["east"]
