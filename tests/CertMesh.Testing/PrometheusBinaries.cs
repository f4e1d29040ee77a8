namespace CertMesh.Testing;

/// <summary>
/// Where Debian's prometheus package puts its programs. A missing one fails the test with what to install: these
/// tests are about a real Prometheus and are never skipped for want of one.
/// </summary>
public static class PrometheusBinaries
{
    public const string Prometheus = "/usr/bin/prometheus";
    public const string Promtool = "/usr/bin/promtool";

    public static string Require(string binary) =>
        File.Exists(binary)
            ? binary
            : throw new InvalidOperationException(
                $"{binary} is missing: install Debian's prometheus package (apt-get install --no-install-recommends prometheus; " +
                "deploy/local/lib/install.sh does it, run by deploy/local/infra-up.sh and tests/run.sh).");
}
