# ostack: the two commands README.md promises.
#   make tour  - bring the devcloud up (if needed) and run the tour against it
#   make test  - bring the devcloud up (if needed) and run every check and test (what CI runs)

SHELL := /bin/bash
CARGO ?= cargo
DEVCLOUD_ENV = eval "$$(devcloud/env)"

.PHONY: tour test lint devcloud smoke unit functional

tour: devcloud
	$(DEVCLOUD_ENV) && OS_CLOUD=devcloud $(CARGO) run --quiet --example tour

test: lint devcloud smoke
	$(DEVCLOUD_ENV) && $(CARGO) test --workspace --all-targets
	$(DEVCLOUD_ENV) && $(CARGO) test --workspace --doc

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

devcloud:
	devcloud/up

smoke:
	devcloud/smoke

# Tests that need no cloud (wiremock, config, samples).
unit:
	$(CARGO) test --lib --test config --test mock_session --test mock_pagination --test samples

functional: devcloud
	$(DEVCLOUD_ENV) && $(CARGO) test --test functional
