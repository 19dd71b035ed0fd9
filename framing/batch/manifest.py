"""The manifest: what a batch output folder holds, so that a run can be resumed safely.

`_manifest.jsonl` in the output folder (the leading underscore keeps dataset readers such as
pyarrow, pandas and Dask from taking it for data). Its first line describes the run: the
configuration hash and the settings it was computed from, and the inputs (path and size). Each
later line records one finished part: its input shard and range, row counts and SHA-256. Lines
are appended as parts finish, so a run killed at any moment leaves a manifest that holds every
part renamed before it (a torn last line is ignored); a finished run rewrites it in part order,
so the same run gives the same bytes.

The configuration hash covers everything the rows depend on: framing's version, the detectors
and analysis settings, the text of every lexicon and concept-set file loaded (the defaults
too), the classifier model's bytes when it runs, the field names, the output format, whether
findings are written, and the chunk size. A resume with any of them changed is refused, naming
what changed; a part that is missing, or whose bytes no longer match its checksum, is redone.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict
from pathlib import Path

import orjson

from framing.errors import ConfigError

NAME = "_manifest.jsonl"
VERSION = 1


def _digest_files(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).name.encode("utf-8") + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def describe(job, chunk_bytes: int, input_format: str) -> dict:
    """The settings a run's rows depend on, as plain JSON values (file contents as digests)."""
    from framing import __version__
    from framing.lexicon.files import lexicon_files
    from framing.lexicon.load import default_lexicon_digest

    settings = job.settings
    detectors = settings.detector_names()
    lexicons = [p for given in settings.lexicons for p in lexicon_files(Path(given))]
    actors = [p for given in settings.actors for p in (sorted(Path(given).rglob("*.toml")) if Path(given).is_dir()
                                                       else [Path(given)])]
    model = None
    if "classifier" in detectors:
        if settings.model == "default":
            from framing import resources

            model = hashlib.sha256(resources.default_model_path().read_bytes()).hexdigest()
        else:
            model = hashlib.sha256(Path(settings.model).read_bytes()).hexdigest()
    return {
        "framing": __version__,
        "detectors": detectors,
        "default_lexicons": default_lexicon_digest() if settings.default_lexicons else None,
        "lexicons": _digest_files(lexicons) if lexicons else None,
        "actors": _digest_files(actors) if actors else None,
        "model": model,
        "threshold": settings.threshold,
        "categories": list(settings.categories) if settings.categories else None,
        "min_severity": settings.min_severity,
        "quoted_weight": settings.quoted_weight,
        "fields": asdict(job.fields),
        "input_format": input_format,
        "max_bytes": job.max_bytes,
        "format": job.format,
        "findings": job.findings,
        "chunk_bytes": chunk_bytes,
    }


def config_hash(config: dict) -> str:
    return hashlib.sha256(orjson.dumps(config, option=orjson.OPT_SORT_KEYS)).hexdigest()


def header(config: dict, shards) -> dict:
    return {"framing_batch": VERSION, "config_sha256": config_hash(config), "config": config,
            "inputs": [{"path": s.path, "size": s.size} for s in shards]}


def read(folder: Path) -> tuple[dict | None, dict[str, dict]]:
    """(the header, the parts by name) of a folder's manifest; (None, {}) when there is none.
    Lines that do not parse (the last one, torn by a kill) are passed over."""
    path = folder / NAME
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return None, {}
    except OSError as exc:
        raise ConfigError(f"cannot read the manifest: {exc.strerror}", str(path)) from None
    head, parts = None, {}
    for number, line in enumerate(lines, 1):
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if number == 1:
            head = entry if isinstance(entry, dict) and "config_sha256" in entry else None
            if head is None:
                raise ConfigError("not a framing batch manifest", str(path), 1)
        elif isinstance(entry, dict) and "part" in entry:
            parts[entry["part"]] = entry
    return head, parts


def refuse_changes(old: dict, new: dict, folder: Path) -> None:
    """Raises ConfigError when a resume would mix rows of other settings or other inputs."""
    if old["config_sha256"] != new["config_sha256"]:
        changed = sorted(k for k in set(old["config"]) | set(new["config"])
                         if old["config"].get(k) != new["config"].get(k))
        raise ConfigError(f"cannot resume: the settings differ from the first run's ({', '.join(changed)}); "
                          "run with the same settings, or write to a new folder", str(folder))
    if old["inputs"] != new["inputs"]:
        before = {(i["path"], i["size"]) for i in old["inputs"]}
        after = {(i["path"], i["size"]) for i in new["inputs"]}
        which = sorted({p for p, _ in before ^ after}) or ["their order"]
        raise ConfigError(f"cannot resume: the inputs differ from the first run's ({', '.join(which[:5])}); "
                          "run with the same inputs, or write to a new folder", str(folder))


class Log:
    """The manifest of a run in progress: the header, then one line per finished part."""

    def __init__(self, folder: Path, head: dict, kept: dict[str, dict]):
        self.folder = folder
        self.head = head
        self.parts = dict(kept)
        self._rewrite()
        self._handle = open(folder / NAME, "ab")

    def _rewrite(self) -> None:
        lines = [orjson.dumps(self.head)] + [orjson.dumps(self.parts[name]) for name in sorted(self.parts)]
        temporary = self.folder / f".{NAME}.{os.getpid()}"
        with open(temporary, "wb") as handle:
            handle.write(b"\n".join(lines) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.folder / NAME)

    def add(self, entry: dict) -> None:
        self.parts[entry["part"]] = entry
        self._handle.write(orjson.dumps(entry) + b"\n")
        self._handle.flush()

    def close(self, finished: bool) -> None:
        """Closes the log; a finished run's manifest is rewritten in part order."""
        self._handle.close()
        if finished:
            self._rewrite()
