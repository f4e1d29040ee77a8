using System.Security.Cryptography.X509Certificates;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using Xunit;

namespace CertMesh.Integration.Tests.Issuance;

/// <summary>
/// A request is signed only for the spec it was made and approved for: the Certificate changed (another issuer, isCA)
/// while its request waited for a not-ready issuer fails that revision with reason SpecChanged, and the new spec gets a
/// request of its own, judged again.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SpecChangeTests(StackFixture stack)
{
    const string Namespace = "it-spec-change";

    [Fact]
    public async Task Issue_SpecChangedWhileWaitingForIssuer_OldRequestNotSignedRetryMadeForTheNewSpec()
    {
        await stack.ApplyAsync("""
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: it-stalled}
            spec:
              ca: {secretName: it-stalled-missing}
            """);
        var client = stack.Bus.CreateRequestClient<IssueCertificate>();
        await client.GetResponse<IssueCertificateAccepted>(Commands.Issue(Namespace, "switch", issuer: "it-stalled"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = 'CertificateRequest' AND namespace = @ns AND name = 'switch-1'", ("ns", Namespace)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "request switch-1 did not appear");
            await Task.Delay(200);
        }

        await client.GetResponse<IssueCertificateAccepted>(Commands.Issue(Namespace, "switch").WithSpec(spec => spec with { IsCA = true }));
        await stack.Events.WaitUntilAsync(() => Failures().Count > 0, TimeSpan.FromSeconds(60), "the SpecChanged failure");
        // WaitForIssuedAsync gives up at the first failure; here the failure is expected, then (after the fixture's 2 s
        // back-off) the same revision is attempted again with a new request made for generation 2.
        await stack.Events.WaitUntilAsync(() => stack.Events.IssuedFor(Namespace, "switch").Count > 0, TimeSpan.FromSeconds(60), "the retried issuance");

        var failure = Assert.Single(Failures());
        Assert.Equal("SpecChanged", failure.Reason);
        var issued = Assert.Single(stack.Events.IssuedFor(Namespace, "switch"));
        using var leaf = X509Certificate2.CreateFromPem(issued.CertificatePem);
        // Signed for the new spec (isCA), by the issuer the new spec names, under a request judged for it.
        Assert.True(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal("2", await stack.ScalarAsync<string>(
            "SELECT doc->'metadata'->'annotations'->>'certmesh.io/certificate-generation' FROM resources WHERE kind = 'CertificateRequest' AND namespace = @ns AND name = 'switch-1'", ("ns", Namespace)));
    }

    List<CertificateIssuanceFailed> Failures() =>
        stack.Events.Failed.Select(f => f.Message).Where(m => m.Namespace == Namespace && m.Name == "switch").ToList();
}
