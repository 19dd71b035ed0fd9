# Both targets are self-sufficient on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Any change to the package reinstalls it: the install compiles the hot-path modules that changed (hatch_build.py).
$(STAMP): $(BIN)/python pyproject.toml hatch_build.py $(wildcard framing/*.py framing/*/*.py framing/*.pxd framing/*/*.pxd)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/framing compare corpora/demo --by outlet

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The default classifier: trained on the project's own labelled sentences, reproducibly (fixed seed).
model: $(STAMP)
	$(BIN)/framing train corpora/bias-sentences --group-field group --seed 0 --hold-out 0.15 --threshold 0.7 --no-char-ngrams --regularization 0.3 -o framing/models/default.npz

clean:
	rm -rf $(VENV) build dist .pytest_cache
