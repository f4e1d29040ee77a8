using CertMesh.Integration.Tests.Support;
using Xunit;

namespace CertMesh.Integration.Tests.Admission;

/// <summary>
/// A manifest far over the Api's body limit, applied with the real CLI, gets the limit named, not a broken pipe: the CLI
/// waits for the go-ahead (Expect: 100-continue), so the 413 arrives before the body is sent.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CliLimitTests(StackFixture stack)
{
    [Fact]
    public async Task Apply_ManifestOf40MB_FailsNamingTheBodyLimit()
    {
        var file = Path.Combine(Path.GetTempPath(), $"certmesh-oversized-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: oversized
              namespace: it-bad
              annotations:
                example.test/padding: "{new string('x', 40 * 1024 * 1024)}"
            spec:
              secretName: oversized-tls
              dnsNames: [oversized.it-bad.test]
              issuerRef: {"{"}name: {StackFixture.CaIssuer}, kind: ClusterIssuer{"}"}
            """);
        try
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => CliRunner.RunAsync(stack, "apply", "-f", file));

            Assert.Contains("MaxRequestBodyBytes", failure.Message);
            Assert.DoesNotContain("broken pipe", failure.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
