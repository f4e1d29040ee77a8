# Packs the NuGet packages applications reference, CertMesh.Contracts and CertMesh.Client, into the local feed
# artifacts/packages/ (sourced by up.sh and tests/run.sh; needs common.sh for REPO_ROOT, log and die).
# shellcheck shell=bash

CERTMESH_PACKAGES_DIR="$REPO_ROOT/artifacts/packages"
SAMPLE_APP_DIR="$REPO_ROOT/deploy/examples/sample-app"

# pack_certmesh_packages [LOGFILE]: dotnet pack of both (Release), version from shared/Packaging.props. The sample
# application restores into a packages folder of its own (its nuget.config); CertMesh's packages are removed from it
# here, so its next restore extracts the ones just packed although their version did not change.
pack_certmesh_packages() {
  local logfile=${1:-/dev/null} project
  mkdir -p "$CERTMESH_PACKAGES_DIR"
  for project in CertMesh.Contracts CertMesh.Client; do
    dotnet pack "$REPO_ROOT/shared/$project/$project.csproj" -c Release -nologo -v q -clp:ErrorsOnly \
      -o "$CERTMESH_PACKAGES_DIR" >>"$logfile" 2>&1 ||
      { tail -n 40 "$logfile" >&2; die "dotnet pack $project failed (log: $logfile)"; }
  done
  rm -rf "$SAMPLE_APP_DIR/.packages/certmesh.contracts" "$SAMPLE_APP_DIR/.packages/certmesh.client"
  log "packed $(cd "$CERTMESH_PACKAGES_DIR" && echo CertMesh.*.nupkg) into $CERTMESH_PACKAGES_DIR"
}

# build_sample_app OUTPUT_DIR [LOGFILE]: restores the sample application from the local feed (forced: the packages
# may have been packed again under the same version) and builds it into OUTPUT_DIR.
build_sample_app() {
  local output=${1:?build_sample_app OUTPUT_DIR [LOGFILE]} logfile=${2:-/dev/null}
  { dotnet restore "$SAMPLE_APP_DIR/SampleApp.csproj" --force -nologo -v q &&
    dotnet build "$SAMPLE_APP_DIR/SampleApp.csproj" -c Release --no-restore -nologo -v q -clp:ErrorsOnly -o "$output"; } >>"$logfile" 2>&1 ||
    { tail -n 40 "$logfile" >&2; die "building the sample application failed (log: $logfile)"; }
}
