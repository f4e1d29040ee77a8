using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertMesh.Acme;
using CertMesh.Acme.Problems;
using CertMesh.AcmeOrder.Orders;
using CertMesh.AcmeOrder.Tests.Support;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Pki;

namespace CertMesh.AcmeOrder.Tests.Orders;

/// <summary>
/// The ChallengeSolver's part is played by the test: it serves the key authorizations of the SolveChallenge rows on
/// Pebble's httpPort and tells Pebble to validate, then feeds the outcome to the workflow as the solver would.
/// </summary>
[Collection(AcmeOrderCollection.Name)]
public sealed class OrderProgressTests(AcmeOrderFixture fixture)
{
    static readonly IssuerReference PebbleRef = new() { Name = "pebble", Kind = ResourceKinds.Issuer, Group = ResourceKinds.Group };

    async Task<(CreateAcmeOrder Command, IReadOnlyList<SolveChallenge> Solves, AcmeClient Client)> OrderAsync(params string[] names)
    {
        var ns = Seed.Namespace();
        await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));
        var command = Seed.Command(ns, PebbleRef, names);
        await fixture.RunAsync(unit => fixture.Creation.CreateAsync(unit, command, CancellationToken.None));
        var solves = await OutboxRows.ReadAsync<SolveChallenge>(fixture, s => s.Namespace == ns);
        Assert.Equal(names.Length, solves.Count);
        // The client the solver would build from the message: same server, account URL and key Secret.
        var pem = await fixture.ReadAsync(async unit => Encoding.UTF8.GetString(
            (await unit.Secrets.GetAsync(solves[0].AccountKeySecretNamespace, solves[0].AccountKeySecretName, CancellationToken.None))!.Document.Data[SecretKeys.TlsKey]));
        var client = fixture.Clients.Get(new Uri(solves[0].AcmeServer), pem, new Uri(solves[0].AccountUrl));
        return (command, solves, client);
    }

    static async Task AcceptAsync(AcmeClient client, SolveChallenge solve) =>
        await client.RespondToChallengeAsync(await client.GetChallengeAsync(new Uri(solve.ChallengeUrl)));

    Task SolvedAsync(SolveChallenge solve) => fixture.RunAsync(unit => fixture.Progress.SolvedAsync(unit, new ChallengeSolved
    {
        OrderId = solve.OrderId,
        Namespace = solve.Namespace,
        OrderName = solve.OrderName,
        ChallengeName = solve.ChallengeName,
        DnsName = solve.DnsName,
    }, CancellationToken.None));

    Task<Order> StoredOrderAsync(SolveChallenge solve) => fixture.ReadAsync(async unit =>
        (await unit.Resources.GetAsync<Order>(new ResourceKey(ResourceKinds.Order, solve.Namespace, solve.OrderName), CancellationToken.None))!.Document);

    [Fact]
    public async Task SolvedAsync_EveryAuthorizationValid_FinalizesWithAChainThatVerifiesAgainstPebblesRoot()
    {
        string[] names = [Seed.DnsName("shop"), Seed.DnsName("www")];
        var (command, solves, client) = await OrderAsync(names);
        await using (var responder = await Http01Responder.StartAsync())
        {
            foreach (var solve in solves)
                responder.Tokens[solve.Token] = solve.Key;
            await Task.WhenAll(solves.Select(async solve =>
            {
                await AcceptAsync(client, solve);
                await client.WaitForAuthorizationAsync(new Uri(solve.AuthorizationUrl));
            }));
        }

        await SolvedAsync(solves[0]);

        var halfway = await StoredOrderAsync(solves[0]);
        Assert.Equal(OrderStates.Pending, halfway.Status.State);
        Assert.Equal(OrderStates.Valid, halfway.Status.Authorizations.Single(a => a.ChallengeName == solves[0].ChallengeName).State);
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == command.Namespace));

        await SolvedAsync(solves[1]);

        var order = await StoredOrderAsync(solves[1]);
        Assert.Equal(OrderStates.Valid, order.Status.State);
        var completed = Assert.Single(await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == command.Namespace));
        Assert.Equal((command.IssuanceId, order.Metadata.Name, order.Status.Certificate), (completed.IssuanceId, completed.OrderName, completed.ChainPem));
        var chain = Pem.ParseCertificates(completed.ChainPem);
        Assert.True(chain.Count >= 2, "leaf and at least one intermediate");
        Assert.Equal(names.Order(), chain[0].Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().Order());
        using var root = await fixture.PebbleRootAsync();
        using var verifier = new X509Chain();
        verifier.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verifier.ChainPolicy.CustomTrustStore.Add(root);
        verifier.ChainPolicy.ExtraStore.AddRange(chain.Skip(1).ToArray());
        verifier.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verifier.Build(chain[0]), string.Join("; ", verifier.ChainStatus.Select(s => s.StatusInformation)));
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Order, order.Metadata.Namespace, order.Metadata.Name), CancellationToken.None));
        Assert.Equal(("Complete", "Order completed successfully"), (events[^1].Reason, events[^1].Message));

        // A late duplicate report changes nothing; a redelivered command is owed the chain again.
        await SolvedAsync(solves[1]);
        Assert.Single(await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == command.Namespace));
        await fixture.RunAsync(unit => fixture.Creation.CreateAsync(unit, command with { }, CancellationToken.None));
        var announced = await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == command.Namespace);
        Assert.Equal(2, announced.Count);
        Assert.Equal(completed, announced[1]);
    }

    [Fact]
    public async Task FailedAsync_AuthorizationInvalidAtTheCa_FailsTheOrderWithTheCasDetail()
    {
        var (command, solves, client) = await OrderAsync(Seed.DnsName("nope"));
        var solve = solves[0];
        AcmeProblemException invalid;
        await using (await Http01Responder.StartAsync())
        {
            // Nothing is served for the token: Pebble's VA gets a 404 and the authorization ends invalid.
            await AcceptAsync(client, solve);
            invalid = await Assert.ThrowsAsync<AcmeProblemException>(() => client.WaitForAuthorizationAsync(new Uri(solve.AuthorizationUrl)));
        }
        Assert.False(string.IsNullOrEmpty(invalid.Detail));

        await fixture.RunAsync(unit => fixture.Progress.FailedAsync(unit, new ChallengeFailed
        {
            OrderId = solve.OrderId,
            Namespace = solve.Namespace,
            OrderName = solve.OrderName,
            ChallengeName = solve.ChallengeName,
            DnsName = solve.DnsName,
            Reason = "Failed",
            Message = invalid.Detail!,
        }, CancellationToken.None));

        var order = await StoredOrderAsync(solve);
        Assert.Equal((OrderStates.Invalid, invalid.Detail), (order.Status.State, order.Status.Reason));
        Assert.Equal(OrderStates.Invalid, order.Status.Authorizations.Single().State);
        var failed = Assert.Single(await OutboxRows.ReadAsync<AcmeOrderFailed>(fixture, f => f.Namespace == command.Namespace));
        Assert.Equal((command.IssuanceId, solve.OrderName, "Failed", invalid.Detail), (failed.IssuanceId, failed.OrderName, failed.Reason, failed.Message));
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(new ResourceKey(ResourceKinds.Order, solve.Namespace, solve.OrderName), CancellationToken.None));
        Assert.Equal((EventTypes.Warning, "Failed", invalid.Detail), (events[^1].Type, events[^1].Reason, events[^1].Message));

        // The order has ended: a stray success report for it is ignored.
        await SolvedAsync(solve);
        Assert.Equal(OrderStates.Invalid, (await StoredOrderAsync(solve)).Status.State);
        Assert.Empty(await OutboxRows.ReadAsync<AcmeOrderCompleted>(fixture, c => c.Namespace == command.Namespace));
    }
}
