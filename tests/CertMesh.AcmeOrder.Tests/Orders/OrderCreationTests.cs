using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertMesh.Acme.Jws;
using CertMesh.AcmeOrder.Orders;
using CertMesh.AcmeOrder.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Tests.Orders;

[Collection(AcmeOrderCollection.Name)]
public sealed class OrderCreationTests(AcmeOrderFixture fixture)
{
    static readonly IssuerReference PebbleRef = new() { Name = "pebble", Kind = ResourceKinds.Issuer, Group = ResourceKinds.Group };

    Task CreateAsync(CreateAcmeOrder command) =>
        fixture.RunAsync(unit => fixture.Creation.CreateAsync(unit, command, CancellationToken.None));

    Task<Stored<Order>?> OrderAsync(CreateAcmeOrder command) =>
        fixture.ReadAsync(unit => unit.Resources.GetAsync<Order>(new ResourceKey(ResourceKinds.Order, command.Namespace, OrderCreation.OrderNameFor(command)), CancellationToken.None));

    [Fact]
    public async Task CreateAsync_NewRequest_StoresOrderAndPublishesOneSolveChallengePerAuthorization()
    {
        var ns = Seed.Namespace();
        string[] names = [Seed.DnsName("shop"), Seed.DnsName("www")];
        // The second name is routed to a dns01 solver by a dnsNames selector; the first takes the catch-all http01.
        var dnsSolver = """{"dns01":{"webhook":{"groupName":"acme.certmesh.test"}},"selector":{"dnsNames":["NAME"]}}""".Replace("NAME", names[1], StringComparison.Ordinal);
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory, $"[{Seed.Http01Solver},{dnsSolver}]"));
        var command = Seed.Command(ns, PebbleRef, names);

        await CreateAsync(command);

        var order = (await OrderAsync(command))!.Document;
        Assert.Equal(OrderStates.Pending, order.Status.State);
        Assert.StartsWith(fixture.Directory.GetLeftPart(UriPartial.Authority), order.Status.Url, StringComparison.Ordinal);
        Assert.NotNull(order.Status.FinalizeUrl);
        Assert.Equal(command.CsrPem, order.Spec.Request);
        Assert.Equal((command.IssuanceId, "shop-1", 1), (order.Spec.IssuanceId, order.Spec.CertificateRequestName, order.Spec.Revision));
        Assert.Equal(names.Order(), order.Status.Authorizations.Select(a => a.Identifier).Order());
        Assert.All(order.Status.Authorizations, a => Assert.Equal((OrderStates.Pending, OrderStates.Pending), (a.InitialState, a.State)));

        var solves = await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == ns);
        Assert.Equal(2, solves.Count);
        var issuer = (await fixture.ReadAsync(unit => unit.Resources.GetAsync<Issuer>(new ResourceKey(ResourceKinds.Issuer, ns, "pebble"), CancellationToken.None)))!.Document;
        var keyPem = await fixture.ReadAsync(async unit => Encoding.UTF8.GetString((await unit.Secrets.GetAsync(ns, "pebble-account-key", CancellationToken.None))!.Document.Data[SecretKeys.TlsKey]));
        using var accountKey = AccountKey.FromPem(keyPem);
        foreach (var solve in solves)
        {
            var authorization = order.Status.Authorizations.Single(a => a.Identifier == solve.DnsName);
            Assert.Equal(authorization.ChallengeName, solve.ChallengeName);
            Assert.StartsWith(order.Metadata.Name + "-", solve.ChallengeName, StringComparison.Ordinal);
            var keyAuthorization = solve.Token + "." + accountKey.Thumbprint;
            Assert.Equal(solve.Type == "dns-01" ? Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(keyAuthorization))) : keyAuthorization, solve.Key);
            Assert.Contains(authorization.Challenges, c => c.Token == solve.Token && c.Url == solve.ChallengeUrl && c.Type == solve.Type);
            Assert.Equal(authorization.Url, solve.AuthorizationUrl);
            Assert.Equal((order.Metadata.Uid, order.Metadata.Name, "shop", PebbleRef), (solve.OrderId, solve.OrderName, solve.CertificateName, solve.IssuerRef));
            Assert.Equal((issuer.Status.Acme!.Uri, fixture.Directory.AbsoluteUri), (solve.AccountUrl, solve.AcmeServer));
            Assert.Equal((ns, "pebble-account-key"), (solve.AccountKeySecretNamespace, solve.AccountKeySecretName));
        }
        var http = solves.Single(s => s.DnsName == names[0]);
        var dns = solves.Single(s => s.DnsName == names[1]);
        Assert.Equal(("http-01", "dns-01"), (http.Type, dns.Type));
        Assert.True(JsonDocument.Parse(http.SolverJson).RootElement.TryGetProperty("http01", out _));
        Assert.Equal("acme.certmesh.test", JsonDocument.Parse(dns.SolverJson).RootElement.GetProperty("dns01").GetProperty("webhook").GetProperty("groupName").GetString());

        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Order, ns, order.Metadata.Name), CancellationToken.None));
        Assert.Equal(("CreateOrder", "Created new ACME order, attempting validation..."), (events[0].Reason, events[0].Message));
        Assert.Equal(solves.Select(s => $"Created Challenge resource \"{s.ChallengeName}\" for domain \"{s.DnsName}\"").Order(),
            events.Where(e => e.Reason == "Created").Select(e => e.Message).Order());
    }

    [Fact]
    public async Task CreateAsync_CaNoLongerKnowsTheAccount_RegistersAgainAndRetries()
    {
        var ns = Seed.Namespace();
        var issuerKey = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));
        await CreateAsync(Seed.Command(ns, PebbleRef, [Seed.DnsName("before")]));
        // What a reset CA looks like from here: the stored account URL names an account Pebble does not have.
        var unknown = new Uri(fixture.Directory, "/my-account/999999999").AbsoluteUri;
        await fixture.RunAsync(async unit =>
        {
            var stored = (await unit.Resources.GetAsync<Issuer>(issuerKey, CancellationToken.None))!;
            var issuer = stored.Document with { Status = stored.Document.Status with { Acme = stored.Document.Status.Acme! with { Uri = unknown } } };
            await unit.Resources.UpdateAsync(issuerKey, issuer, stored.ResourceVersion, null, CancellationToken.None);
        });
        var command = Seed.Command(ns, PebbleRef, [Seed.DnsName("after")]);

        await CreateAsync(command);

        var retry = Assert.Single(await OutboxRows.ReadAsync<CreateAcmeOrder>(fixture, c => c.Namespace == ns && c.DnsNames.SequenceEqual(command.DnsNames)));
        Assert.Equal(1, retry.Attempt);
        Assert.Null((await OrderAsync(command))!.Document.Status.Url);
        var forgotten = await fixture.ReadAsync(unit => unit.Resources.GetAsync<Issuer>(issuerKey, CancellationToken.None));
        Assert.Null(forgotten!.Document.Status.Acme);

        await CreateAsync(retry);

        var order = (await OrderAsync(command))!.Document;
        Assert.Equal(OrderStates.Pending, order.Status.State);
        var registered = (await fixture.ReadAsync(unit => unit.Resources.GetAsync<Issuer>(issuerKey, CancellationToken.None)))!.Document;
        Assert.NotNull(registered.Status.Acme?.Uri);
        Assert.NotEqual(unknown, registered.Status.Acme!.Uri);
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(issuerKey, CancellationToken.None));
        Assert.Contains(events, e => e.Reason == "ErrAccountNotFound" && e.Message.Contains(unknown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_DuplicateCommandsAtOnce_OneOrderAndOneSetOfChallenges()
    {
        var ns = Seed.Namespace();
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));
        var command = Seed.Command(ns, PebbleRef, [Seed.DnsName("dup")]);

        await Task.WhenAll(CreateAsync(command), CreateAsync(command), CreateAsync(command with { }));

        var orders = await fixture.ReadAsync(unit => unit.Resources.ListAsync<Order>(ResourceKinds.Order, ns, CancellationToken.None));
        Assert.Equal(1, Assert.Single(orders).ResourceVersion);
        Assert.Single(await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == ns));
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == ns));
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == ns));
    }

    [Fact]
    public async Task CreateAsync_IssuerMissing_OrderErroredAndFailedAgainOnRedelivery()
    {
        var ns = Seed.Namespace();
        var command = Seed.Command(ns, PebbleRef, [Seed.DnsName("orphan")]);

        await CreateAsync(command);
        await CreateAsync(command);

        var order = (await OrderAsync(command))!.Document;
        Assert.Equal(OrderStates.Errored, order.Status.State);
        Assert.Equal("Failed to create Order: Issuer \"pebble\" not found", order.Status.Reason);
        var failures = await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == ns);
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal((command.IssuanceId, order.Metadata.Name, "Failed", order.Status.Reason), (f.IssuanceId, f.OrderName, f.Reason, f.Message)));
    }

    [Fact]
    public async Task CreateAsync_NoSolverFitsTheName_FailsWithCertManagersMessage()
    {
        var ns = Seed.Namespace();
        const string elsewhere = """{"dns01":{"webhook":{}},"selector":{"dnsZones":["elsewhere.test"]}}""";
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory, $"[{elsewhere}]"));
        var command = Seed.Command(ns, PebbleRef, [Seed.DnsName("nosolver")]);

        await CreateAsync(command);

        const string expected = "Failed to determine a valid solver configuration for the set of domains on the Order: no configured challenge solvers can be used for this challenge";
        var order = (await OrderAsync(command))!.Document;
        Assert.Equal((OrderStates.Errored, expected), (order.Status.State, order.Status.Reason));
        Assert.Equal(expected, Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == ns)).Message);
        Assert.Empty(await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == ns));
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Order, ns, order.Metadata.Name), CancellationToken.None));
        Assert.Equal((EventTypes.Warning, "Failed", expected), (events[^1].Type, events[^1].Reason, events[^1].Message));
    }

    [Fact]
    public async Task CreateAsync_CaRejectsTheIdentifier_FailsWithTheCasDetail()
    {
        var ns = Seed.Namespace();
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));
        var command = Seed.Command(ns, PebbleRef, ["under_score.certmesh.test"]);

        await CreateAsync(command);

        var failure = Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == ns));
        // Pebble's own words: "Order included DNS identifier with a value containing an illegal character: '_'".
        Assert.StartsWith("Failed to create Order: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("illegal character", failure.Message, StringComparison.Ordinal);
        Assert.Equal(OrderStates.Errored, (await OrderAsync(command))!.Document.Status.State);
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
