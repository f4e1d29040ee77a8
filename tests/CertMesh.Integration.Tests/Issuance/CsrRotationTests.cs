using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using Xunit;

namespace CertMesh.Integration.Tests.Issuance;

/// <summary>
/// Certificates whose requester keeps the key (issued from a CSR): with rotationPolicy Always a due revision waits for
/// the owner's CSR from a new key, asked for with CertificateRenewalRequested; with Never the same key is re-signed.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CsrRotationTests(StackFixture stack)
{
    [Fact]
    public async Task Renew_RotationAlways_AsksOwnerAndIssuesOnlyItsNewKey()
    {
        const string ns = "it-rotate", name = "app";
        using var first = NewKey();
        await IssueAsync(ns, name, first, "Always");
        await stack.Events.WaitForIssuedAsync(ns, name);

        await stack.Bus.Publish(new RenewCertificate { Namespace = ns, Name = name });
        var asked = await WaitForRequestAsync(ns, name, attempt: 1);

        Assert.Equal(2, asked.Revision);
        Assert.Equal("ManuallyTriggered", asked.Reason);
        Assert.DoesNotContain(stack.Events.IssuedFor(ns, name), i => i.Revision == 2);
        var sameKey = await IssueAsync(ns, name, first, "Always", reSignCsr: true);
        var refused = Assert.IsType<IssueCertificateRejected>(sameKey);
        Assert.Contains(refused.Errors, e => e.Field == "csr" && e.Message.Contains("already certified", StringComparison.Ordinal));

        using var second = NewKey();
        Assert.IsType<IssueCertificateAccepted>(await IssueAsync(ns, name, second, "Always"));
        var issued = await stack.Events.WaitForIssuedAsync(ns, name, revision: 2);

        Assert.Equal(second.ExportSubjectPublicKeyInfo(), Leaf(issued).PublicKey.ExportSubjectPublicKeyInfo());
        Assert.False((await StatusAsync(ns, name)).TryGetProperty("csrRequest", out _), "the answered request is cleared from status");
    }

    [Fact]
    public async Task Renew_RotationAlwaysOwnerSilent_AskedAgainWithBackoffAndStatusSaysSo()
    {
        const string ns = "it-rotate-silent", name = "app";
        using var first = NewKey();
        await IssueAsync(ns, name, first, "Always");
        await stack.Events.WaitForIssuedAsync(ns, name);

        await stack.Bus.Publish(new RenewCertificate { Namespace = ns, Name = name });
        var third = await WaitForRequestAsync(ns, name, attempt: 3);

        var requests = stack.Events.RenewalRequestsFor(ns, name).OrderBy(r => r.Attempt).ToList();
        var gaps = requests.Select(r => r.NextRequestAt - r.RequestedAt).ToList();
        Assert.True(gaps[1] > gaps[0], $"back-off does not grow: {string.Join(", ", gaps)}");
        var status = await StatusAsync(ns, name);
        Assert.True(status.GetProperty("csrRequest").GetProperty("attempts").GetInt32() >= 3);
        var issuing = status.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "Issuing");
        Assert.Equal("WaitingForNewCsr", issuing.GetProperty("reason").GetString());
        Assert.Contains("no answer yet", issuing.GetProperty("message").GetString(), StringComparison.Ordinal);
        var ready = status.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "Ready");
        Assert.Equal("True", ready.GetProperty("status").GetString()); // revision 1 is still valid and served
        Assert.Single(stack.Events.IssuedFor(ns, name));

        using var second = NewKey();
        await IssueAsync(ns, name, second, "Always");
        var issued = await stack.Events.WaitForIssuedAsync(ns, name, revision: 2);
        Assert.Equal(third.Revision, issued.Revision);
    }

    [Fact]
    public async Task Renew_RotationNever_ReSignsTheSameKeyWithoutAsking()
    {
        const string ns = "it-rotate-never", name = "app";
        using var key = NewKey();
        await IssueAsync(ns, name, key, "Never");
        await stack.Events.WaitForIssuedAsync(ns, name);

        await stack.Bus.Publish(new RenewCertificate { Namespace = ns, Name = name });
        var issued = await stack.Events.WaitForIssuedAsync(ns, name, revision: 2);

        Assert.Equal(key.ExportSubjectPublicKeyInfo(), Leaf(issued).PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Empty(stack.Events.RenewalRequestsFor(ns, name));
    }

    static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Sends the owner's IssueCertificate with a CSR from <paramref name="key"/> and returns the answer.</summary>
    async Task<object> IssueAsync(string ns, string name, ECDsa key, string rotationPolicy, bool reSignCsr = false)
    {
        var host = $"{name}.{ns}.test";
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName(host);
        request.CertificateExtensions.Add(sans.Build());
        if (reSignCsr) // a different CSR (another attribute order would do too) from the same key
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var command = Commands.Issue(ns, name).WithSpec(s => s with
        {
            CommonName = host,
            DnsNames = [host],
            PrivateKey = new CertificatePrivateKey { RotationPolicy = rotationPolicy },
        }) with { Csr = request.CreateSigningRequestPem() };
        var response = await stack.Bus.CreateRequestClient<IssueCertificate>()
            .GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(command);
        return response.Is(out Response<IssueCertificateAccepted>? accepted) ? accepted!.Message
            : response.Is(out Response<IssueCertificateRejected>? rejected) ? rejected!.Message
            : throw new InvalidOperationException("no answer");
    }

    async Task<CertificateRenewalRequested> WaitForRequestAsync(string ns, string name, int attempt)
    {
        await stack.Events.WaitUntilAsync(() => stack.Events.RenewalRequestsFor(ns, name).Any(r => r.Attempt >= attempt),
            TimeSpan.FromSeconds(30), $"CertificateRenewalRequested attempt {attempt} for {ns}/{name}");
        return stack.Events.RenewalRequestsFor(ns, name).First(r => r.Attempt >= attempt);
    }

    async Task<JsonElement> StatusAsync(string ns, string name)
    {
        using var http = stack.ApiClient();
        var document = JsonDocument.Parse(await http.GetStringAsync($"/api/resources/Certificate/{ns}/{name}"));
        return document.RootElement.GetProperty("status").Clone();
    }

    static X509Certificate2 Leaf(CertificateIssued issued) => X509Certificate2.CreateFromPem(issued.CertificatePem);
}
