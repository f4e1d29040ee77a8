using System.Text.Json.Nodes;
using CertMesh.Api.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Endpoints;

/// <summary>
/// <c>/api/status/certificate</c> for an ACME certificate mid-issuance: the Certificate, its request, Order and
/// Challenges are written as Trigger, Issuing, AcmeOrder and ChallengeSolver would leave them.
/// </summary>
public sealed class StatusEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task GetStatus_Dns01ChallengeResolved_ChallengeCarriesResolvedRecord()
    {
        var ns = "status-" + Guid.NewGuid().ToString("N")[..8];
        await SeedAsync(ns, "web",
            Challenge(ns, "web-1-42-1", "example.test", "DNS-01") with
            {
                Status = new ChallengeStatus { State = ChallengeStates.Pending, Presented = true, ResolvedFqdn = "_acme-challenge.example.test.", ResolvedZone = "example.test." },
            },
            Challenge(ns, "web-1-42-2", "www.example.test", "HTTP-01") with
            {
                Status = new ChallengeStatus { State = ChallengeStates.Pending, Presented = true },
            });
        using var client = host.Client(ApiHost.Token);

        var body = JsonNode.Parse(await client.GetStringAsync($"/api/status/certificate/{ns}/web"))!;

        var challenges = body["challenges"]!.AsArray();
        Assert.Equal(["web-1-42-1", "web-1-42-2"], challenges.Select(c => (string?)c!["metadata"]!["name"]));
        var dns01 = challenges[0]!["status"]!;
        Assert.Equal("_acme-challenge.example.test.", (string?)dns01["resolvedFqdn"]);
        Assert.Equal("example.test.", (string?)dns01["resolvedZone"]);
        var http01 = challenges[1]!["status"]!.AsObject();
        Assert.False(http01.ContainsKey("resolvedFqdn"));
        Assert.False(http01.ContainsKey("resolvedZone"));
    }

    static Challenge Challenge(string ns, string name, string dnsName, string type) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name, Uid = Guid.NewGuid(), CreationTimestamp = DateTimeOffset.UtcNow },
        Spec = new ChallengeSpec { Type = type, DnsName = dnsName, Token = "tok", Key = "key", OrderName = "web-1-42" },
    };

    /// <summary>Certificate <paramref name="name"/> issuing revision 1: its request, that request's Order, and the Order's Challenges.</summary>
    async Task SeedAsync(string ns, string name, params Challenge[] challenges)
    {
        var now = DateTimeOffset.UtcNow;
        ObjectMeta Meta(string n) => new() { Namespace = ns, Name = n, Uid = Guid.NewGuid(), CreationTimestamp = now };
        var certificate = new Certificate
        {
            Metadata = Meta(name),
            Spec = new CertificateSpec { SecretName = $"{name}-tls", DnsNames = ["example.test", "www.example.test"], IssuerRef = new() { Name = "acme" } },
            Status = new CertificateStatus { IssuingRevision = 1 },
        };
        var request = new CertificateRequest { Metadata = Meta($"{name}-1"), Spec = new CertificateRequestSpec { IssuerRef = new() { Name = "acme" } } };
        var order = new Order { Metadata = Meta("web-1-42"), Spec = new OrderSpec { CertificateRequestName = $"{name}-1", CertificateName = name, Revision = 1 } };

        await host.Database.RunAsync(async unit =>
        {
            await unit.Resources.CreateAsync(new ResourceKey(ResourceKinds.Certificate, ns, name), certificate.Metadata.Uid, certificate, null, CancellationToken.None);
            await unit.Resources.CreateAsync(new ResourceKey(ResourceKinds.CertificateRequest, ns, request.Metadata.Name), request.Metadata.Uid, request, null, CancellationToken.None);
            await unit.Resources.CreateAsync(new ResourceKey(ResourceKinds.Order, ns, order.Metadata.Name), order.Metadata.Uid, order, null, CancellationToken.None);
            foreach (var challenge in challenges)
                await unit.Resources.CreateAsync(new ResourceKey(ResourceKinds.Challenge, ns, challenge.Metadata.Name), challenge.Metadata.Uid, challenge, null, CancellationToken.None);
            return true;
        }, CancellationToken.None);
    }
}
