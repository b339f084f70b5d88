# The two commands: `make run` opens the app, `make test` runs every test.
# Both install what is missing first (scripts/setup.sh).

# Mesa and WebKit want a private runtime directory; without one every GPU test prints warnings.
export XDG_RUNTIME_DIR ?= /tmp/glassbox-runtime-$(shell id -u)
$(shell mkdir -p -m 700 $(XDG_RUNTIME_DIR))

.PHONY: run test setup setup-test ui app-release app-debug rust-test lint ui-test e2e fmt
.PHONY: bench-train

run: setup ui app-release
	./target/release/glassbox-app

test: setup-test ui rust-test lint ui-test app-debug e2e
	@echo "make test: all tests passed"

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

# The Tauri build embeds ui/dist, so the UI is built before any cargo step.
ui:
	cd ui && npm run build

app-release:
	cargo build --release -p glassbox-app

# Built with the same workspace-wide feature set as `cargo test --workspace`, so the tests'
# dependencies are reused instead of rebuilt with a narrower set of features.
app-debug:
	cargo build --workspace --all-targets

# ts-rs rewrites ui/src/lib/generated during the tests; clearing it first drops types that
# no longer exist in Rust, so svelte-check sees exactly the current ones.
rust-test:
	rm -f ui/src/lib/generated/*.ts
	cargo test --workspace

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

ui-test:
	cd ui && npm run check && npm test

e2e:
	scripts/e2e.sh

fmt:
	cargo fmt --all

# Our training pipeline against PyTorch on the CPU (installs torch into a venv; not in `make test`).
bench-train:
	scripts/bench-train.sh
