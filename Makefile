# ostack: the two commands README.md promises.
#   make tour  - bring the devcloud up (if needed) and run the tour against it
#   make test  - bring the devcloud up (if needed) and run every check and test (what CI runs)
#   make deny  - cargo deny: advisories, licenses, bans, sources (deny.toml); part of make test
#   make fuzz  - the property tests with FUZZ_PROPTEST_CASES cases, then every cargo-fuzz target
#                for FUZZ_SECONDS each (fuzz/run.sh); not part of make test (~12 minutes by default)

SHELL := /bin/bash
CARGO ?= cargo
DEVCLOUD_ENV = eval "$$(devcloud/env)"

DENY ?= $(CARGO) deny
FUZZ_SECONDS ?= 60
FUZZ_PROPTEST_CASES ?= 5000

.PHONY: tour test lint deny fuzz devcloud smoke unit functional

tour: devcloud
	$(DEVCLOUD_ENV) && OS_CLOUD=devcloud $(CARGO) run --quiet --example tour

# The test binaries run several at once (scripts/run-tests: TEST_JOBS, default 3; the
# `openstack` comparisons after everything else).
test: lint deny devcloud smoke
	$(DEVCLOUD_ENV) && CARGO=$(CARGO) scripts/run-tests
	$(DEVCLOUD_ENV) && $(CARGO) test --workspace --doc

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# The advisory database is fetched from the network; when it cannot be reached, advisories
# are reported as not checked (the build goes on) and the offline checks still run.
deny:
	@$(CARGO) deny --version >/dev/null 2>&1 || { echo "deny: installing cargo-deny from crates.io"; $(CARGO) install --locked cargo-deny; }
	$(DENY) check --hide-inclusion-graph licenses bans sources
	@if out=$$($(DENY) fetch db 2>&1); then \
		$(DENY) check --hide-inclusion-graph advisories; \
	elif grep -q "failed to fetch advisory database" <<<"$$out"; then \
		grep -m1 -o "failed to fetch advisory database.*" <<<"$$out" | cut -c1-160; \
		echo "cargo deny: advisory database unreachable; advisories not checked"; \
	else \
		echo "$$out"; exit 1; \
	fi

fuzz:
	PROPTEST_CASES=$(FUZZ_PROPTEST_CASES) $(CARGO) test -p ostack --test fuzz_props
	CARGO=$(CARGO) FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

devcloud:
	devcloud/up

smoke:
	devcloud/smoke

# Tests that need no cloud (wiremock, config, samples).
unit:
	$(CARGO) test --lib --test config --test mock_session --test mock_pagination --test samples

functional: devcloud
	$(DEVCLOUD_ENV) && $(CARGO) test --test functional
