"""Many messages through one spaCy pipeline: reading order kept, memory flat, workers optional.

Each message is then checked by check.check_message. This is where a batch enters (cli,
serveur, rewrite, evaluation all call check_sources).
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from .check import (
    FileReport,
    Options,
    apply_options,
    check_language,
    check_message,
    grammar_exclusions,
    mask_placeholders,
    placeholder_spans,
)
from .errors import InputError
from .nlp import get_matcher, get_nlp
from .nlp import lexicon as load_lexicon
from .reading import Source
from .structure import parse


def check_sources(sources: Iterable[Source], options: Options | None = None) -> Iterator[FileReport | InputError]:
    """Analyse many messages through one spaCy pipeline; yields reports (or input errors) in order."""
    options = options or Options()
    from .parallele import parse_processes, worker_for

    # Started first, so that the worker loads Grammalecte while this process loads spaCy.
    worker = worker_for(options.grammar, len(sources) if hasattr(sources, "__len__") else None)
    try:
        lex = load_lexicon(options.lexicon_dir)
        nlp = get_nlp()
        matcher = get_matcher(options.lexicon_dir)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    # One level deep, so that [concision] max_mots alone keeps the other thresholds.
    config = {**lex.settings}
    for key, value in options.config.items():
        config[key] = {**config[key], **value} if isinstance(value, dict) and isinstance(config.get(key), dict) else value

    # Streamed: sources are read, parsed and analysed a batch at a time, and nothing but the
    # reports outlives its batch, so memory does not grow with the number of docs.
    pending: deque = deque()

    def texts() -> Iterator[str]:
        for src in sources:
            try:
                check_language(src, lex)
                st = parse(src.text, lex.structure)
                st.holes = placeholder_spans(st.text, lex)
                closing = st.text[st.closing[0]:st.closing[1]] if st.closing else ""
                if not any(ch.isalnum() for ch in st.text[st.body[0]:st.body[1]]) and len(closing.split()) <= 3:
                    raise InputError(src.path, "le message ne contient aucun texte à vérifier (seulement une "
                                               "citation, un objet, une salutation ou une signature).")
            except InputError as err:
                pending.append(err)
                continue
            job = None
            if worker is not None:
                excl = grammar_exclusions(st, st.text, lex)
                job = (worker.submit(st.text, excl), excl)
            pending.append((src, st, job))
            yield mask_placeholders(st)

    import multiprocessing

    before = set(multiprocessing.active_children())
    finished = False
    try:
        n_process = options.n_process
        if n_process == 1 and worker is None and parse_processes(sources) > 1:
            # Large batch and the second core idle (no grammar process): spaCy forks a worker
            # of its own (same docs, same order; tests/test_batch.py).
            n_process = 2
        for doc in nlp.pipe(texts(), batch_size=64, n_process=n_process):
            while isinstance(pending[0], InputError):
                yield pending.popleft()
            src, st, job = pending.popleft()
            grammar = worker.result(job[0], st.text, job[1]) if job is not None else None
            yield apply_options(check_message(src, st, doc, lex, matcher, config, options, grammar), options)
        while pending:  # input errors after the last message
            yield pending.popleft()
        finished = True
    finally:
        if worker is not None:
            worker.close()
        if not finished:
            # Stopped early (interrupt, error, reader gone): spaCy's parse workers would block on
            # their full queue forever and keep the process from exiting.
            for proc in set(multiprocessing.active_children()) - before:
                proc.terminate()
                proc.join(2)
