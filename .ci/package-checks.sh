#!/usr/bin/env bash
# What a user gets from the package, checked from a clean clone (run by .ci/run after the test command):
#  1. `dotnet pack` → the Multiproc package (runtime + generator + analyzers + code fixes) in artifacts/feed;
#  2. samples/PackageConsumer builds from that package alone and runs; so does its program in a fresh
#     `dotnet new console` project set up with the README's steps (nuget.config + dotnet add package);
#  3. a program without the guard fails to build with error MP0001, `dotnet format analyzers` inserts the guard;
#  4. a Spawn target with a non-serializable member fails with MP0002 naming the member path; two
#     targets named alike fail with MP0011 and an instance target with MP0010, each saying why;
#     a lambda for a target fails with MP0050, a user type named Targets with MP0012, ProcessQueue<object>
#     and a SemaphoreSlim parameter with MP0002 (naming ProcessSemaphore), and calling an invalid target
#     gives one CS0619 that points at MP0010, not CS0103; a shared interface with an event fails with
#     MP0090 and one with a non-serializable parameter with MP0091;
#  5. samples/Hello published trimmed self-contained (net10.0) prints its parent/child lines;
#  6. samples/Hello published NativeAOT (net10.0; needs clang + zlib1g-dev) prints its parent/child lines,
#     with no trim/AOT warning (IL*) from the build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d /tmp/multiproc-checks.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
VERSION="0.1.0-ci.$(date +%Y%m%d%H%M%S)"
log() { echo "[package-checks $(date +%T)] $*"; }
fail() { echo "package-checks: FAILED: $*" >&2; exit 1; }

check_hello_output() { # $1 = output file, $2 = what was run
  grep -Eq '^parent: pid [0-9]+' "$1" || fail "$2: no parent line"
  local parent; parent=$(sed -nE 's/^parent: pid ([0-9]+).*/\1/p' "$1" | head -1)
  grep -Eq "^child: pid [0-9]+ \\(Process-1\\), parent pid ${parent}:" "$1" || fail "$2: no child line naming parent pid $parent"
  grep -q 'exited with code 0' "$1" || fail "$2: child did not exit with 0"
}

log "1. dotnet pack (version $VERSION)"
dotnet pack src/Runtime -c Release -p:Version="$VERSION" -o artifacts/feed -v q -nologo >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; fail "dotnet pack"; }
unzip -l "artifacts/feed/Multiproc.$VERSION.nupkg" > "$WORK/contents.txt"
for f in analyzers/dotnet/cs/Multiproc.Generators.dll analyzers/dotnet/cs/Multiproc.Analyzers.dll analyzers/dotnet/cs/Multiproc.Analyzers.CodeFixes.dll lib/net10.0/Multiproc.dll; do
  grep -q "$f" "$WORK/contents.txt" || fail "package lacks $f"
done

log "2. samples/PackageConsumer from the packed package"
dotnet run --project samples/PackageConsumer -c Release -p:MultiprocVersion="$VERSION" > "$WORK/consumer.txt" 2>&1 || { cat "$WORK/consumer.txt"; fail "PackageConsumer"; }
cat "$WORK/consumer.txt"
grep -q '17984 primes below 200000, counted by 3 child processes' "$WORK/consumer.txt" || fail "PackageConsumer output"

log "2b. the README's steps: a fresh console project, a nuget.config naming the feed folder, dotnet add package"
dotnet new console -o "$WORK/fresh" -n Fresh > "$WORK/fresh-new.txt" 2>&1 || { cat "$WORK/fresh-new.txt"; fail "dotnet new console"; }
cat > "$WORK/fresh/nuget.config" <<XML
<configuration>
  <packageSources>
    <add key="multiproc-local" value="$ROOT/artifacts/feed" />
  </packageSources>
</configuration>
XML
(cd "$WORK/fresh" && dotnet add package Multiproc --version "$VERSION" > add.txt 2>&1) || { cat "$WORK/fresh/add.txt"; fail "dotnet add package Multiproc"; }
cp samples/PackageConsumer/Program.cs "$WORK/fresh/Program.cs"
(cd "$WORK/fresh" && dotnet run > run.txt 2>&1) || { cat "$WORK/fresh/run.txt"; fail "the README's fresh project"; }
grep -q '17984 primes below 200000, counted by 3 child processes' "$WORK/fresh/run.txt" || { cat "$WORK/fresh/run.txt"; fail "the README's fresh project output"; }

log "3. MP0001 and its code fix through the package"
cp -r tests/PackageChecks/MissingGuard "$WORK/guard"
cp NuGet.config "$WORK/guard/"
sed -i "s|artifacts/feed|$ROOT/artifacts/feed|" "$WORK/guard/NuGet.config"
# `dotnet format` takes no MSBuild properties: pin the package version in the copied project file.
sed -i "s|\$(MultiprocVersion)|$VERSION|" "$WORK/guard/MissingGuard.csproj"
# MP0001 is an error by default: the build must fail, naming it.
(cd "$WORK/guard" && dotnet build > build1.txt 2>&1) && { cat "$WORK/guard/build1.txt"; fail "MissingGuard built although MP0001 is an error"; }
grep -q 'error MP0001' "$WORK/guard/build1.txt" || { cat "$WORK/guard/build1.txt"; fail "MP0001 not shown as an error"; }
(cd "$WORK/guard" && dotnet format analyzers --diagnostics MP0001 --severity warn > format.txt 2>&1) || { cat "$WORK/guard/format.txt"; fail "dotnet format analyzers"; }
grep -q 'Multiprocessing.TryRunChild' "$WORK/guard/Program.cs" || { cat "$WORK/guard/Program.cs"; fail "the code fix did not insert the guard"; }
(cd "$WORK/guard" && dotnet build > build2.txt 2>&1) || { cat "$WORK/guard/build2.txt"; fail "MissingGuard build after the fix"; }
grep -q 'MP0001' "$WORK/guard/build2.txt" && fail "MP0001 still reported after the fix"
(cd "$WORK/guard" && dotnet run --no-build > run.txt 2>&1) || { cat "$WORK/guard/run.txt"; fail "fixed program run"; }
grep -q 'hello from the child' "$WORK/guard/run.txt" || fail "fixed program: the child did not run"

log "4. MP0002 through the package"
cp -r tests/PackageChecks/NonSerializable "$WORK/nonser"
cp "$WORK/guard/NuGet.config" "$WORK/nonser/"
sed -i "s|\$(MultiprocVersion)|$VERSION|" "$WORK/nonser/NonSerializable.csproj"
(cd "$WORK/nonser" && dotnet build > build.txt 2>&1) && fail "a non-serializable argument built without error"
grep -q 'MP0002' "$WORK/nonser/build.txt" || { cat "$WORK/nonser/build.txt"; fail "MP0002 not shown"; }
grep -q 'Job.Payload: object' "$WORK/nonser/build.txt" || { cat "$WORK/nonser/build.txt"; fail "MP0002 does not name the member path"; }

log "4b. MP0010 and MP0011 through the package"
cp -r tests/PackageChecks/TargetShape "$WORK/shape"
cp "$WORK/guard/NuGet.config" "$WORK/shape/"
sed -i "s|\$(MultiprocVersion)|$VERSION|" "$WORK/shape/TargetShape.csproj"
(cd "$WORK/shape" && dotnet build > build.txt 2>&1) && fail "clashing and instance targets built without error"
grep -q "MP0011.*shares the name 'Run'" "$WORK/shape/build.txt" || { cat "$WORK/shape/build.txt"; fail "MP0011 not shown"; }
grep -q "MP0010.*is not static" "$WORK/shape/build.txt" || { cat "$WORK/shape/build.txt"; fail "MP0010 not shown"; }

log "4c. MP0050, MP0012, MP0002 at queues and primitives, and no CS0103 cascade through the package"
cp -r tests/PackageChecks/CompileTimeRules "$WORK/rules"
cp "$WORK/guard/NuGet.config" "$WORK/rules/"
sed -i "s|\$(MultiprocVersion)|$VERSION|" "$WORK/rules/CompileTimeRules.csproj"
(cd "$WORK/rules" && dotnet build > build.txt 2>&1) && fail "the compile-time rules program built without error"
grep -q "MP0050.*A lambda is passed where a process target descriptor is expected" "$WORK/rules/build.txt" || { cat "$WORK/rules/build.txt"; fail "MP0050 not shown"; }
grep -q "MP0012.*Type 'Targets' has the name of the class the generator makes" "$WORK/rules/build.txt" || { cat "$WORK/rules/build.txt"; fail "MP0012 not shown"; }
grep -q "MP0002.*The item type of 'ProcessQueue<object>' is not serializable" "$WORK/rules/build.txt" || { cat "$WORK/rules/build.txt"; fail "MP0002 not shown for ProcessQueue<object>"; }
grep -q "MP0002.*use Multiproc's 'ProcessSemaphore'" "$WORK/rules/build.txt" || { cat "$WORK/rules/build.txt"; fail "MP0002 does not name ProcessSemaphore"; }
grep -q "CS0619.*MP0010 at its declaration says why" "$WORK/rules/build.txt" || { cat "$WORK/rules/build.txt"; fail "the call of an invalid target does not point at MP0010"; }
grep -q "CS0103" "$WORK/rules/build.txt" && { cat "$WORK/rules/build.txt"; fail "an invalid target still cascades into CS0103"; }

log "4d. MP0090 and MP0091 through the package"
cp -r tests/PackageChecks/SharedInterface "$WORK/sharediface"
cp "$WORK/guard/NuGet.config" "$WORK/sharediface/"
sed -i "s|\$(MultiprocVersion)|$VERSION|" "$WORK/sharediface/SharedInterface.csproj"
(cd "$WORK/sharediface" && dotnet build > build.txt 2>&1) && fail "a shared interface with an event and a non-serializable parameter built without error"
grep -q "MP0090.*'IFeed.Changed'.*an event cannot be proxied" "$WORK/sharediface/build.txt" || { cat "$WORK/sharediface/build.txt"; fail "MP0090 not shown"; }
grep -q "MP0091.*Parameter 'job' of shared method 'IFeed.Add' is not serializable" "$WORK/sharediface/build.txt" || { cat "$WORK/sharediface/build.txt"; fail "MP0091 not shown"; }

log "5. samples/Hello trimmed self-contained (net10.0)"
dotnet publish samples/Hello -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true -o "$WORK/trimmed" -v q -nologo > "$WORK/trim.log" 2>&1 || { cat "$WORK/trim.log"; fail "trimmed publish"; }
grep -q 'warning IL' "$WORK/trim.log" && { cat "$WORK/trim.log"; fail "trim warnings"; }
"$WORK/trimmed/Hello" > "$WORK/trimmed.txt" 2>&1 || { cat "$WORK/trimmed.txt"; fail "trimmed Hello run"; }
cat "$WORK/trimmed.txt"
check_hello_output "$WORK/trimmed.txt" "trimmed Hello"

log "6. samples/Hello NativeAOT (net10.0)"
dotnet publish samples/Hello -c Release -r linux-x64 -p:PublishAot=true -o "$WORK/aot" -v q -nologo > "$WORK/aot.log" 2>&1 || { cat "$WORK/aot.log"; fail "NativeAOT publish"; }
grep -q 'warning IL' "$WORK/aot.log" && { cat "$WORK/aot.log"; fail "AOT warnings"; }
"$WORK/aot/Hello" > "$WORK/aot.txt" 2>&1 || { cat "$WORK/aot.txt"; fail "NativeAOT Hello run"; }
cat "$WORK/aot.txt"
check_hello_output "$WORK/aot.txt" "NativeAOT Hello"
file "$WORK/aot/Hello" | grep -q ELF || fail "NativeAOT output is not a native binary"

log "all package checks passed"
