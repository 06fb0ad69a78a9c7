"""Accuracy evaluation: gold readers, scorers and the baseline gate behind ``eventwire eval``.

gold = read_gold("plover_gsr_cameo.json")          # format detected from name and content
result = evaluate_file(gold, Coder())               # figures: result.metrics["plover.hit_rate"]
problems = gate([result], load_baseline("eval/baseline.json"))
"""

from eventwire.evaluate.baseline import dump_baseline, floor_of, gate, load_baseline, raise_floors
from eventwire.evaluate.gold import (
    GOLD_FORMATS,
    GoldClass,
    GoldEvent,
    GoldFile,
    GoldFormat,
    GoldItem,
    GoldSentence,
    GoldTokens,
)
from eventwire.evaluate.readers import PLOVER_05_TO_20, detect_format, read_gold
from eventwire.evaluate.report import markdown, score_dict, scores_dict, splice
from eventwire.evaluate.run import ArticleCoder, code_gold, evaluate, evaluate_file
from eventwire.evaluate.scoring import (
    Confusion,
    Counts,
    FileScore,
    actor_code,
    levels,
    main_event,
    root_class,
    score,
)

__all__ = [
    "GOLD_FORMATS",
    "PLOVER_05_TO_20",
    "ArticleCoder",
    "Confusion",
    "Counts",
    "FileScore",
    "GoldClass",
    "GoldEvent",
    "GoldFile",
    "GoldFormat",
    "GoldItem",
    "GoldSentence",
    "GoldTokens",
    "actor_code",
    "code_gold",
    "detect_format",
    "dump_baseline",
    "evaluate",
    "evaluate_file",
    "floor_of",
    "gate",
    "levels",
    "load_baseline",
    "main_event",
    "markdown",
    "raise_floors",
    "read_gold",
    "root_class",
    "score",
    "score_dict",
    "scores_dict",
    "splice",
]
