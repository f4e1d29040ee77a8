using System.Text;
using CertMesh.Acme.Jws;
using CertMesh.AcmeOrder.Accounts;
using CertMesh.AcmeOrder.Tests.Support;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;

namespace CertMesh.AcmeOrder.Tests.Accounts;

[Collection(AcmeOrderCollection.Name)]
public sealed class AccountRegistrarTests(AcmeOrderFixture fixture)
{
    Task<AccountOutcome> EnsureAsync(ResourceKey key) =>
        fixture.ReadAsync(unit => fixture.Registrar.EnsureAsync(unit, key, CancellationToken.None));

    Task<Issuer> IssuerAsync(ResourceKey key) =>
        fixture.ReadAsync(async unit => (await unit.Resources.GetAsync<Issuer>(key, CancellationToken.None))!.Document);

    [Fact]
    public async Task EnsureAsync_NewIssuer_GeneratesKeyRegistersAndWritesReadyStatus()
    {
        var ns = Seed.Namespace();
        var key = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));

        var outcome = await EnsureAsync(key);

        Assert.NotNull(outcome.Account);
        var issuer = await IssuerAsync(key);
        var ready = Conditions.Find(issuer.Status.Conditions, "Ready")!;
        Assert.Equal((ConditionStatus.True, "ACMEAccountRegistered", "The ACME account was registered with the ACME server", 1L),
            (ready.Status, ready.Reason, ready.Message, ready.ObservedGeneration));
        Assert.Equal(outcome.Account.AccountUrl.AbsoluteUri, issuer.Status.Acme!.Uri);
        Assert.StartsWith(fixture.Directory.GetLeftPart(UriPartial.Authority), issuer.Status.Acme.Uri, StringComparison.Ordinal);
        Assert.Equal("ops@certmesh.test", issuer.Status.Acme.LastRegisteredEmail);

        var secret = await fixture.ReadAsync(unit => unit.Secrets.GetAsync(ns, "pebble-account-key", CancellationToken.None));
        var pem = Encoding.UTF8.GetString(secret!.Document.Data[SecretKeys.TlsKey]);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        using var accountKey = AccountKey.FromPem(pem);
        Assert.Equal(AccountKeyType.ES256, accountKey.Type);
        Assert.Equal(accountKey.Thumbprint, issuer.Status.Acme.LastPrivateKeyHash);
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(key, CancellationToken.None));
        Assert.Equal("ACMEAccountRegistered", Assert.Single(events).Reason);
    }

    [Fact]
    public async Task EnsureAsync_TwoAtOnce_CreateTheKeySecretOnceAndRegisterOnce()
    {
        var ns = Seed.Namespace();
        var key = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, ns, "pebble", fixture.Directory));

        var outcomes = await Task.WhenAll(EnsureAsync(key), EnsureAsync(key));

        Assert.All(outcomes, o => Assert.NotNull(o.Account));
        Assert.Equal(outcomes[0].Account!.AccountUrl, outcomes[1].Account!.AccountUrl);
        var secret = await fixture.ReadAsync(unit => unit.Secrets.GetAsync(ns, "pebble-account-key", CancellationToken.None));
        Assert.Equal(1, secret!.ResourceVersion);
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(key, CancellationToken.None));
        Assert.Single(events, e => e.Reason == "ACMEAccountRegistered");
    }

    [Fact]
    public async Task EnsureAsync_NothingChanged_WritesNothing()
    {
        var key = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, Seed.Namespace(), "pebble", fixture.Directory));
        await EnsureAsync(key);
        var before = await fixture.ReadAsync(unit => unit.Resources.GetAsync<Issuer>(key, CancellationToken.None));

        var outcome = await EnsureAsync(key);

        var after = await fixture.ReadAsync(unit => unit.Resources.GetAsync<Issuer>(key, CancellationToken.None));
        Assert.Equal(before!.ResourceVersion, after!.ResourceVersion);
        Assert.Equal(before.Document.Status.Acme!.Uri, outcome.Account!.AccountUrl.AbsoluteUri);
    }

    [Fact]
    public async Task EnsureAsync_EmailChanged_UpdatesTheSameAccount()
    {
        var issuer = Seed.AcmeIssuer(ResourceKinds.Issuer, Seed.Namespace(), "pebble", fixture.Directory);
        var key = await Seed.StoreAsync(fixture, issuer);
        var first = await EnsureAsync(key);
        var stored = await fixture.ReadAsync(unit => unit.Resources.GetAsync<Issuer>(key, CancellationToken.None));
        var changed = Seed.AcmeIssuer(ResourceKinds.Issuer, issuer.Metadata.Namespace, "pebble", fixture.Directory, email: "security@certmesh.test");
        await fixture.RunAsync(unit => unit.Resources.UpdateAsync(key, stored!.Document with
        {
            Spec = changed.Spec,
            Metadata = stored.Document.Metadata with { Generation = 2 },
        }, stored.ResourceVersion, null, CancellationToken.None));

        var second = await EnsureAsync(key);

        Assert.Equal(first.Account!.AccountUrl, second.Account!.AccountUrl);
        var updated = await IssuerAsync(key);
        Assert.Equal("security@certmesh.test", updated.Status.Acme!.LastRegisteredEmail);
        Assert.Equal(2L, Conditions.Find(updated.Status.Conditions, "Ready")!.ObservedGeneration);
        var account = await second.Account.Client.GetAccountAsync();
        Assert.Equal(["mailto:security@certmesh.test"], account.Contact);
    }

    [Fact]
    public async Task EnsureAsync_ClusterIssuer_KeepsTheKeyInTheClusterResourceNamespace()
    {
        var name = "pebble-" + Guid.NewGuid().ToString("N")[..8];
        var key = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.ClusterIssuer, ResourceKinds.ClusterNamespace, name, fixture.Directory));

        var outcome = await EnsureAsync(key);

        Assert.Equal(fixture.Options.ClusterResourceNamespace, outcome.Account!.KeySecretNamespace);
        Assert.NotNull(await fixture.ReadAsync(unit => unit.Secrets.GetAsync(fixture.Options.ClusterResourceNamespace, name + "-account-key", CancellationToken.None)));
    }

    [Fact]
    public async Task EnsureAsync_CaRefusesTheContact_ReadyFalseWithTheCasDetail()
    {
        var key = await Seed.StoreAsync(fixture, Seed.AcmeIssuer(ResourceKinds.Issuer, Seed.Namespace(), "pebble", fixture.Directory, email: "not an email"));

        var outcome = await EnsureAsync(key);

        Assert.Null(outcome.Account);
        Assert.False(outcome.Transient);
        var issuer = await IssuerAsync(key);
        var ready = Conditions.Find(issuer.Status.Conditions, "Ready")!;
        Assert.Equal((ConditionStatus.False, "ErrRegisterACMEAccount"), (ready.Status, ready.Reason));
        Assert.StartsWith("Failed to register ACME account: ", ready.Message, StringComparison.Ordinal);
        Assert.Contains("not an email", ready.Message, StringComparison.Ordinal);
        Assert.Null(issuer.Status.Acme);
        var events = await fixture.ReadAsync(unit => unit.Events.ListAsync(key, CancellationToken.None));
        Assert.Equal((EventTypes.Warning, ready.Message), (Assert.Single(events).Type, events[0].Message));
    }

    [Fact]
    public async Task EnsureAsync_ExternalAccountBindingSecretMissing_ReadyFalseNamingTheSecret()
    {
        var issuer = Seed.AcmeIssuer(ResourceKinds.Issuer, Seed.Namespace(), "pebble", fixture.Directory);
        var acme = System.Text.Json.Nodes.JsonNode.Parse(issuer.Spec.Acme!.Value.GetRawText())!;
        acme["externalAccountBinding"] = System.Text.Json.Nodes.JsonNode.Parse("""{"keyID":"kid-1","keySecretRef":{"name":"eab","key":"secret"}}""");
        var key = await Seed.StoreAsync(fixture, issuer with { Spec = new IssuerSpec { Acme = System.Text.Json.JsonDocument.Parse(acme.ToJsonString()).RootElement } });

        var outcome = await EnsureAsync(key);

        Assert.Null(outcome.Account);
        Assert.Equal($"Failed to register ACME account: the external account binding Secret \"{key.Namespace}/eab\" was not found", outcome.Message);
        Assert.Equal(outcome.Message, Conditions.Find((await IssuerAsync(key)).Status.Conditions, "Ready")!.Message);
    }

    [Fact]
    public async Task EnsureAsync_ExternalAccountBindingUnknownToTheCa_SentAndTheCasAnswerReported()
    {
        var issuer = Seed.AcmeIssuer(ResourceKinds.Issuer, Seed.Namespace(), "pebble", fixture.Directory);
        var acme = System.Text.Json.Nodes.JsonNode.Parse(issuer.Spec.Acme!.Value.GetRawText())!;
        acme["externalAccountBinding"] = System.Text.Json.Nodes.JsonNode.Parse("""{"keyID":"kid-1","keySecretRef":{"name":"eab","key":"secret"}}""");
        var key = await Seed.StoreAsync(fixture, issuer with { Spec = new IssuerSpec { Acme = System.Text.Json.JsonDocument.Parse(acme.ToJsonString()).RootElement } });
        await fixture.RunAsync(unit => unit.Secrets.PutAsync(new Secret
        {
            Metadata = new ObjectMeta { Namespace = key.Namespace, Name = "eab" },
            Type = SecretTypes.Opaque,
            Data = new Dictionary<string, byte[]> { ["secret"] = Encoding.ASCII.GetBytes("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W") },
        }, null, CancellationToken.None));

        var outcome = await EnsureAsync(key);

        // The shared Pebble knows no EAB keys, so it judging the binding shows the MAC key was read and sent.
        Assert.Null(outcome.Account);
        Assert.StartsWith("Failed to register ACME account: ", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("'kid'", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("zWNDZM6e", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_NotAnAcmeIssuer_WritesNothing()
    {
        var ns = Seed.Namespace();
        var issuer = new Issuer
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "selfsigned", Uid = Guid.NewGuid(), Generation = 1 },
            Spec = new IssuerSpec { SelfSigned = new SelfSignedIssuer() },
        };
        var key = await Seed.StoreAsync(fixture, issuer);

        var outcome = await EnsureAsync(key);

        Assert.Null(outcome.Account);
        Assert.Empty((await IssuerAsync(key)).Status.Conditions);
    }
}
