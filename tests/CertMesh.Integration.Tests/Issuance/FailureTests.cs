using System.Text.Json;
using CertMesh.Integration.Tests.Support;
using Xunit;

namespace CertMesh.Integration.Tests.Issuance;

/// <summary>A signer that refuses: the failure is recorded with the issuer's reason and retried after the back-off.</summary>
[Collection(StackCollection.Name)]
public sealed class FailureTests(StackFixture stack)
{
    [Fact]
    public async Task Issue_CaSecretIsNotACa_FailsWithReasonAndRetriesAfterBackoff()
    {
        // The fixture runs with CERTMESH_BACKOFF_INITIAL=2s and CERTMESH_BACKOFF_MAX=8s.
        await stack.ApplyAsync("""
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: it-not-a-ca
              namespace: cert-manager
            spec:
              secretName: it-not-a-ca
              dnsNames: [not-a-ca.test]
              issuerRef:
                name: it-selfsigned
                kind: ClusterIssuer
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata:
              name: it-broken-ca
            spec:
              ca:
                secretName: it-not-a-ca
            """);
        await stack.Events.WaitForIssuedAsync("cert-manager", "it-not-a-ca");

        await stack.Bus.Publish(Commands.Issue("it-fail", "victim", issuer: "it-broken-ca"));
        await stack.Events.WaitUntilAsync(() => Failures().Count >= 2, TimeSpan.FromSeconds(60), "two failed attempts");

        var failures = Failures();
        Assert.Equal(1, failures[0].FailedIssuanceAttempts);
        Assert.Equal(2, failures[1].FailedIssuanceAttempts);
        Assert.Equal("ErrSigning", failures[0].Reason);
        Assert.Contains("CA", failures[0].Message);
        Assert.NotNull(failures[0].NextAttemptAt);
        Assert.Empty(stack.Events.IssuedFor("it-fail", "victim"));

        using var http = stack.ApiClient();
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status/certificate/it-fail/victim"));
        var issuing = status.RootElement.GetProperty("certificate").GetProperty("status").GetProperty("conditions").EnumerateArray()
            .Single(c => c.GetProperty("type").GetString() == "Issuing");
        Assert.Equal("False", issuing.GetProperty("status").GetString());
        Assert.Equal("Failed", issuing.GetProperty("reason").GetString());
        Assert.Contains(status.RootElement.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("type").GetString() == "Warning" && e.GetProperty("reason").GetString() == "Failed");

        await stack.Bus.Publish(new CertMesh.Contracts.DeleteCertificate { Namespace = "it-fail", Name = "victim" });
    }

    List<CertMesh.Contracts.CertificateIssuanceFailed> Failures() =>
        stack.Events.Failed.Select(f => f.Message).Where(m => m.Namespace == "it-fail" && m.Name == "victim").OrderBy(m => m.FailedIssuanceAttempts).ToList();
}
